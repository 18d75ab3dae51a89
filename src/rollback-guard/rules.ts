import { UserError } from "../core/errors.ts";
import type { RollbackRulePolicy } from "../policy/types.ts";
import { requireDuration } from "../core/duration.ts";

export type NoDataPolicy = "fail" | "pass" | "inconclusive";

export type Threshold =
  | { kind: "fixed"; above: number }
  /** factor x the baseline query's value at (measurement time - offsetSeconds). */
  | { kind: "baseline"; factor: number; query: string; offsetSeconds: number };

export interface Rule {
  name: string;
  query: string;
  threshold: Threshold;
  /** 0: one instant value decides; otherwise every sample in the last windowSeconds must be above. */
  windowSeconds: number;
  stepSeconds: number;
  minSamples: number;
  noData: NoDataPolicy;
}

/** Evaluation points of a range query over [t - window, t] at `step`, both ends included. */
export function windowPoints(windowSeconds: number, stepSeconds: number): number {
  return Math.floor(windowSeconds / stepSeconds) + 1;
}

/** Most points one range query may ask for; Prometheus itself refuses more than 11,000. */
const MAX_WINDOW_POINTS = 11_000;

/** Turns the validated policy rules into rules the evaluation uses; checks what the schema cannot. */
export function compileRules(rules: RollbackRulePolicy[], where: string): Rule[] {
  const seen = new Set<string>();
  return rules.map((raw, index) => {
    const at = `${where}.rules[${index}]`;
    if (seen.has(raw.name)) throw new UserError(`${at}.name: the rule name "${raw.name}" is used twice`);
    seen.add(raw.name);
    const hasFixed = raw.above !== undefined;
    const baseline = raw["above-baseline"];
    if (hasFixed === (baseline !== undefined)) throw new UserError(`${at}: give exactly one of "above" and "above-baseline"`);
    let threshold: Threshold;
    if (baseline) {
      const offsetSeconds = baseline.offset ? requireDuration(baseline.offset, `${at}.above-baseline.offset`) / 1000 : 0;
      if (offsetSeconds === 0 && !baseline.query) {
        throw new UserError(`${at}.above-baseline: give an "offset" or a baseline "query"; otherwise the query would be compared with itself`);
      }
      threshold = { kind: "baseline", factor: baseline.factor, query: baseline.query ?? raw.query, offsetSeconds };
    } else {
      threshold = { kind: "fixed", above: raw.above! };
    }
    const windowSeconds = raw.for ? requireDuration(raw.for, `${at}.for`) / 1000 : 0;
    const stepSeconds = requireDuration(raw.step, `${at}.step`) / 1000;
    if (stepSeconds < 1) throw new UserError(`${at}.step: "${raw.step}" is shorter than 1s`);
    if (windowSeconds > 0 && windowSeconds < stepSeconds) throw new UserError(`${at}.for: "${raw.for}" is shorter than the step "${raw.step}"`);
    const points = windowSeconds > 0 ? windowPoints(windowSeconds, stepSeconds) : 1;
    if (points > MAX_WINDOW_POINTS) throw new UserError(`${at}: the "for" window holds ${points} steps; at most ${MAX_WINDOW_POINTS} (use a longer step)`);
    const minSamples = raw["min-samples"] ?? Math.max(1, Math.ceil(points / 2));
    if (minSamples > points) throw new UserError(`${at}.min-samples: ${minSamples} is more than the ${points} samples the window can hold`);
    return { name: raw.name, query: raw.query, threshold, windowSeconds, stepSeconds, minSamples, noData: raw["no-data"] };
  });
}
