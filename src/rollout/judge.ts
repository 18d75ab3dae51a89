/**
 * The canary judge: each metric's canary samples against the baseline's over one bake window, then one verdict.
 * Pure: data in, data out. Names and reasons are raw text: whoever renders them neutralises them.
 *
 * Modelled on Kayenta's NetflixACAJudge and its Mann-Whitney classifier, in our own terms:
 * - A metric differs when the two-sided Mann-Whitney U test is significant at alpha = 1 - confidence; how much it
 *   differs is the Hodges-Lehmann shift (canary - baseline), relative to the baseline median. Kayenta asks the
 *   same two questions (is the confidence interval of the shift clear of zero, is the effect beyond the allowed
 *   ratio); significance alone fails nothing, because thousands of samples make a 0.1 % change significant.
 * - fail: significant and beyond the tolerance in the worse direction. marginal: beyond the tolerance in the worse
 *   direction but not significant: it looks worse and the window gave too little evidence either way. pass: the
 *   rest, including changes in the harmless direction.
 * - No data is a verdict of its own (Argo Rollouts and Flagger have passed analyses whose queries returned an empty
 *   vector, NaN or only errors): NaN and ±Infinity samples are dropped and counted, and a side left with fewer than
 *   minSamples finite samples is judged by the no-data policy, "fail" unless configured otherwise.
 * - The score, as Kayenta's, is the share of metrics that pass (a marginal one counts half), 0-100: at least
 *   passScore passes, at least marginalScore is marginal, below fails. A failing critical metric fails the whole
 *   judgement whatever the score, and a judgement where nothing failed is at least marginal.
 */
import { hodgesLehmannShift, mannWhitneyU, median } from "./mann-whitney.ts";

export type MetricVerdictKind = "pass" | "marginal" | "fail";
/** What a metric with fewer than minSamples finite samples on either side is judged. */
export type NoDataPolicy = "fail" | "marginal" | "pass";

export interface MetricSeries {
  name: string;
  /** Samples over the bake window; NaN and ±Infinity are dropped and counted. */
  canary: number[];
  baseline: number[];
  /** Which direction of the canary is bad. */
  worse: "higher" | "lower" | "either";
  /** Relative change tolerated before a significant difference counts, e.g. 0.1 = 10 %. */
  tolerance: number;
  /** A failing critical metric fails the whole judgement whatever the score. */
  critical: boolean;
}

export interface JudgeSettings {
  /** Two-sided Mann-Whitney U test at alpha = 1 - confidence. */
  confidence: number;
  /** Finite samples needed on each side. */
  minSamples: number;
  noData: NoDataPolicy;
  /** score >= passScore passes. */
  passScore: number;
  /** score >= marginalScore is marginal, below fails. */
  marginalScore: number;
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = { confidence: 0.95, minSamples: 10, noData: "fail", passScore: 95, marginalScore: 75 };

export interface MetricVerdict {
  name: string;
  verdict: MetricVerdictKind;
  /** One line a reviewer reads. */
  reason: string;
  noData: boolean;
  samples: { canary: number; baseline: number; droppedCanary: number; droppedBaseline: number };
  u: number | null;
  pValue: number | null;
  /** Hodges-Lehmann estimate of canary - baseline. */
  shift: number | null;
  canaryMedian: number | null;
  baselineMedian: number | null;
}

export interface Judgement {
  verdict: MetricVerdictKind;
  /** 0-100: the share of metrics that pass, a marginal one counting half. */
  score: number;
  metrics: MetricVerdict[];
  reason: string;
}

/** A figure as a reviewer reads it: four significant digits, no exponent for everyday magnitudes. */
export function figure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(4));
  return Math.abs(rounded) >= 1e-6 || rounded === 0 ? String(rounded) : rounded.toExponential();
}

function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? "+∞ %" : "-∞ %";
  return `${ratio > 0 ? "+" : ""}${figure(ratio * 100)} %`;
}

function checkSettings(settings: JudgeSettings): void {
  const problems: string[] = [];
  if (!(settings.confidence > 0 && settings.confidence < 1)) problems.push(`confidence must be between 0 and 1 (exclusive), got ${settings.confidence}`);
  if (!(Number.isInteger(settings.minSamples) && settings.minSamples >= 1)) problems.push(`minSamples must be a whole number of at least 1, got ${settings.minSamples}`);
  if (!["fail", "marginal", "pass"].includes(settings.noData)) problems.push(`noData must be fail, marginal or pass, got ${String(settings.noData)}`);
  if (!(settings.marginalScore >= 0 && settings.marginalScore <= settings.passScore && settings.passScore <= 100)) {
    problems.push(`scores must satisfy 0 <= marginalScore <= passScore <= 100, got marginalScore ${settings.marginalScore}, passScore ${settings.passScore}`);
  }
  if (problems.length > 0) throw new RangeError(`canary judge settings: ${problems.join("; ")}`);
}

/** The shift relative to the baseline median; any shift from a zero baseline is beyond every relative tolerance. */
function relativeShift(shift: number, baselineMedian: number): number {
  if (shift === 0) return 0;
  if (baselineMedian === 0) return shift > 0 ? Infinity : -Infinity;
  return shift / Math.abs(baselineMedian);
}

function isWorse(relative: number, metric: MetricSeries): boolean {
  if (metric.worse === "higher") return relative > metric.tolerance;
  if (metric.worse === "lower") return relative < -metric.tolerance;
  return Math.abs(relative) > metric.tolerance;
}

function droppedNote(droppedCanary: number, droppedBaseline: number): string {
  if (droppedCanary + droppedBaseline === 0) return "";
  return `; dropped as NaN/Infinity: ${droppedCanary} canary, ${droppedBaseline} baseline`;
}

export function judgeMetric(metric: MetricSeries, settings: JudgeSettings): MetricVerdict {
  if (!(metric.tolerance >= 0 && Number.isFinite(metric.tolerance))) throw new RangeError(`canary judge metric ${JSON.stringify(metric.name)}: tolerance must be a finite number >= 0, got ${metric.tolerance}`);
  const canary = metric.canary.filter(Number.isFinite);
  const baseline = metric.baseline.filter(Number.isFinite);
  const samples = { canary: canary.length, baseline: baseline.length, droppedCanary: metric.canary.length - canary.length, droppedBaseline: metric.baseline.length - baseline.length };
  const dropped = droppedNote(samples.droppedCanary, samples.droppedBaseline);
  if (canary.length < settings.minSamples || baseline.length < settings.minSamples) {
    return {
      name: metric.name,
      verdict: settings.noData,
      reason: `no data: ${canary.length} canary and ${baseline.length} baseline finite samples, ${settings.minSamples} needed on each side${dropped}; judged ${settings.noData} by the no-data policy`,
      noData: true,
      samples,
      u: null,
      pValue: null,
      shift: null,
      canaryMedian: canary.length > 0 ? median(canary) : null,
      baselineMedian: baseline.length > 0 ? median(baseline) : null,
    };
  }
  const test = mannWhitneyU(canary, baseline);
  const shift = hodgesLehmannShift(canary, baseline);
  const canaryMedian = median(canary);
  const baselineMedian = median(baseline);
  const relative = relativeShift(shift, baselineMedian);
  const alpha = 1 - settings.confidence;
  const significant = test.pValue < alpha;
  const worse = isWorse(relative, metric);
  const verdict: MetricVerdictKind = worse ? (significant ? "fail" : "marginal") : "pass";
  const evidence = `p = ${figure(test.pValue)} ${significant ? "<" : ">="} ${figure(alpha)}`;
  const change = `canary median ${figure(canaryMedian)} vs baseline ${figure(baselineMedian)}, shift ${figure(shift)} (${percent(relative)}, tolerance ${figure(metric.tolerance * 100)} % ${metric.worse === "either" ? "either way" : metric.worse})`;
  const verdictWords = { fail: "significantly worse", marginal: "worse but not significant", pass: worse ? "" : significant && relative !== 0 ? "different within tolerance or in the harmless direction" : "no significant worsening" };
  return {
    name: metric.name,
    verdict,
    reason: `${verdictWords[verdict]}: ${change}, ${evidence}${dropped}`,
    noData: false,
    samples,
    u: test.u,
    pValue: test.pValue,
    shift,
    canaryMedian,
    baselineMedian,
  };
}

const credit: Record<MetricVerdictKind, number> = { pass: 1, marginal: 0.5, fail: 0 };

export function judgeCanary(metrics: MetricSeries[], settings: JudgeSettings): Judgement {
  checkSettings(settings);
  if (metrics.length === 0) {
    return { verdict: settings.noData, score: 0, metrics: [], reason: `no metrics to judge; judged ${settings.noData} by the no-data policy` };
  }
  const verdicts = metrics.map((metric) => judgeMetric(metric, settings));
  const score = Math.round((1000 * verdicts.reduce((sum, v) => sum + credit[v.verdict], 0)) / verdicts.length) / 10;
  const failedCritical = metrics.filter((m, i) => m.critical && verdicts[i]!.verdict === "fail").map((m) => m.name);
  const count = (kind: MetricVerdictKind) => verdicts.filter((v) => v.verdict === kind);
  const tally = `score ${score}: ${count("pass").length} pass, ${count("marginal").length} marginal, ${count("fail").length} fail of ${verdicts.length}`;
  const names = (list: MetricVerdict[]) => list.map((v) => v.name).join(", ");
  let verdict: MetricVerdictKind = score >= settings.passScore ? "pass" : score >= settings.marginalScore ? "marginal" : "fail";
  if (verdict === "fail" && count("fail").length === 0) verdict = "marginal";
  if (failedCritical.length > 0) verdict = "fail";
  const detail = [
    failedCritical.length > 0 ? `critical metric failed: ${failedCritical.join(", ")}` : "",
    count("fail").length > 0 ? `failed: ${names(count("fail"))}` : "",
    count("marginal").length > 0 ? `marginal: ${names(count("marginal"))}` : "",
  ].filter(Boolean);
  return { verdict, score, metrics: verdicts, reason: `${verdict}, ${tally}${detail.length > 0 ? ` (${detail.join("; ")})` : ""}` };
}
