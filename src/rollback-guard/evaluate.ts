/**
 * Pure evaluation of one rule at one instant, from the series a query returned. Semantics:
 * - NaN (e.g. 0/0 when there is no traffic) is no data: it never counts as a sample, so it can never pass a rule.
 * - +Inf is a value above every finite threshold (histogram_quantile answers +Inf when the quantile lies in the
 *   last bucket): it counts as above. -Inf counts as below.
 * - A series breaches when it has at least `minSamples` values and every one is above the threshold. One value at
 *   or below the threshold is proof that it did not stay above: ok, whatever the count.
 * - A rule breaches when any series breaches; it is ok when no series breaches and one is ok; otherwise no data,
 *   and the rule's no-data policy decides.
 */
import type { Series } from "../net/prometheus.ts";
import type { NoDataPolicy, Rule } from "./rules.ts";
import { formatDuration } from "../core/duration.ts";

export type Outcome = "breach" | "ok" | "no-data";
export type Verdict = "fire" | "pass" | "inconclusive";

/** A sample value as JSON can carry it: numbers, with infinities spelled as Prometheus does. */
export type JsonValue = number | "+Inf" | "-Inf" | null;

export interface Measurement {
  at: string;
  rule: string;
  /** The series' labels in PromQL form, e.g. {job="api"}; "{}" for one unlabelled value. */
  series: string;
  /** The latest value in the window (null: none). */
  value: JsonValue;
  threshold: JsonValue;
  baseline: JsonValue;
  /** Samples with a value / evaluation points returned (NaN points count only here). */
  samples: number;
  points: number;
  outcome: Outcome;
  reason: string;
}

export interface RuleEvaluation {
  at: string;
  rule: string;
  outcome: Outcome;
  verdict: Verdict;
  reason: string;
  measurements: Measurement[];
}

export interface RuleData {
  /** What the rule's query returned: one sample per series for an instant rule, the window for a `for` rule. */
  current: Series[];
  /** What the baseline query returned at (time - offset); only for baseline rules. */
  baseline?: Series[];
}

export function jsonValue(value: number | undefined): JsonValue {
  if (value === undefined || Number.isNaN(value)) return null;
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return value;
}

export function formatValue(value: JsonValue): string {
  if (value === null) return "no data";
  if (typeof value === "string") return value;
  return String(Number(value.toPrecision(6)));
}

/** Label set in PromQL form, sorted, without __name__ (queries with functions drop it anyway). */
export function seriesKey(labels: Record<string, string>): string {
  const names = Object.keys(labels)
    .filter((name) => name !== "__name__")
    .sort();
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name])}`).join(", ")}}`;
}

const verdictOf: Record<NoDataPolicy, Verdict> = { fail: "fire", pass: "pass", inconclusive: "inconclusive" };

/** The baseline of each current series: the one baseline series for all, or the one with the same labels. */
function baselineFor(labels: string, baseline: Series[]): number | undefined {
  const match = baseline.length === 1 ? baseline[0] : baseline.find((s) => seriesKey(s.labels) === labels);
  return match?.samples.at(-1)?.value;
}

function describeThreshold(rule: Rule, threshold: number): string {
  const value = formatValue(jsonValue(threshold));
  return rule.threshold.kind === "baseline" ? `${value} (${rule.threshold.factor}x baseline)` : value;
}

function measureSeries(rule: Rule, series: Series, data: RuleData, at: Date): Measurement {
  // An instant query's sample is the value at `at` by definition; a window keeps only the samples inside it.
  const to = at.getTime() / 1000;
  const from = to - rule.windowSeconds;
  const points = rule.windowSeconds > 0 ? series.samples.filter((s) => s.time >= from - 1e-3 && s.time <= to + 1e-3) : series.samples.slice(-1);
  const valued = points.filter((s) => !Number.isNaN(s.value));
  const key = seriesKey(series.labels);
  const base = { at: at.toISOString(), rule: rule.name, series: key, value: jsonValue(valued.at(-1)?.value), samples: valued.length, points: points.length };

  let threshold: number;
  let baselineValue: JsonValue = null;
  if (rule.threshold.kind === "baseline") {
    const baseline = baselineFor(key, data.baseline ?? []);
    baselineValue = jsonValue(baseline);
    if (baseline === undefined || !Number.isFinite(baseline) || baseline <= 0) {
      const why = baseline === undefined ? "the baseline query returned no value for this series" : Number.isNaN(baseline) ? "the baseline is NaN" : `the baseline ${formatValue(baselineValue)} is not a positive finite number`;
      return { ...base, threshold: null, baseline: baselineValue, outcome: "no-data", reason: `no usable baseline: ${why}` };
    }
    threshold = rule.threshold.factor * baseline;
  } else {
    threshold = rule.threshold.above;
  }
  const withThreshold = { ...base, threshold: jsonValue(threshold), baseline: baselineValue };
  const window = rule.windowSeconds > 0 ? ` for ${formatDuration(rule.windowSeconds * 1000)}` : "";

  if (valued.length === 0) {
    const why = points.length > 0 ? `all ${points.length} points are NaN (e.g. 0/0: no traffic)` : "no samples";
    return { ...withThreshold, outcome: "no-data", reason: why };
  }
  const notAbove = valued.filter((s) => !(s.value > threshold)).length;
  if (notAbove > 0) {
    const which = valued.length === 1 ? "the value is" : `${notAbove} of ${valued.length} samples are`;
    return { ...withThreshold, outcome: "ok", reason: `${which} at or below ${describeThreshold(rule, threshold)}` };
  }
  if (valued.length < rule.minSamples) {
    return { ...withThreshold, outcome: "no-data", reason: `only ${valued.length} samples, all above ${describeThreshold(rule, threshold)}; at least ${rule.minSamples} needed` };
  }
  const all = valued.length === 1 ? "the value is" : `all ${valued.length} samples are`;
  return { ...withThreshold, outcome: "breach", reason: `${all} above ${describeThreshold(rule, threshold)}${window}` };
}

export function evaluateRule(rule: Rule, data: RuleData, at: Date): RuleEvaluation {
  const measurements = data.current.map((series) => measureSeries(rule, series, data, at));
  const head = { at: at.toISOString(), rule: rule.name };
  if (measurements.length === 0) {
    const reason = "the query returned no series";
    return {
      ...head,
      outcome: "no-data",
      verdict: verdictOf[rule.noData],
      reason: `${reason} (no-data: ${rule.noData})`,
      measurements: [{ ...head, series: "{}", value: null, threshold: rule.threshold.kind === "fixed" ? rule.threshold.above : null, baseline: null, samples: 0, points: 0, outcome: "no-data", reason }],
    };
  }
  const breach = measurements.find((m) => m.outcome === "breach");
  if (breach) {
    const where = measurements.length > 1 ? `${breach.series}: ` : "";
    return { ...head, outcome: "breach", verdict: "fire", reason: `${where}${breach.reason}`, measurements };
  }
  const ok = measurements.find((m) => m.outcome === "ok");
  if (ok) return { ...head, outcome: "ok", verdict: "pass", reason: measurements.length > 1 ? `${measurements.filter((m) => m.outcome === "ok").length} of ${measurements.length} series below the threshold; none above` : ok.reason, measurements };
  const first = measurements[0]!;
  const where = measurements.length > 1 ? `${first.series}: ` : "";
  return { ...head, outcome: "no-data", verdict: verdictOf[rule.noData], reason: `${where}${first.reason} (no-data: ${rule.noData})`, measurements };
}
