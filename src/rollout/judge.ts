/**
 * The canary judge: each metric's canary samples against the baseline's over one bake window, then one verdict.
 * Pure: data in, data out. Names and reasons are raw text: whoever renders them neutralises them.
 *
 * Modelled on Kayenta's NetflixACAJudge, in our own terms. Kayenta's Mann-Whitney classifier calls a metric high
 * when the confidence interval of the Hodges-Lehmann shift lies above zero (by a margin, a fraction of the estimate)
 * and its effect size, the mean ratio, reaches the allowed increase. We ask the same two questions as a policy states
 * them: is the two-sided Mann-Whitney U test significant at alpha = 1 - confidence (that interval is the test
 * inverted: it leaves out zero about when the test rejects), and is the change beyond the metric's tolerance in its
 * bad direction? Significance alone fails nothing: thousands of samples make a 0.1 % change significant.
 * - The change is the Hodges-Lehmann shift (canary - baseline) relative to the baseline median, which one wild
 *   sample barely moves, unlike the mean ratio. When the test is significant but the shift is 0 (a mostly-zero error
 *   ratio erring in a few more intervals: most pairwise differences are 0 - 0), the change of the means relative to
 *   the baseline mean measures it instead. A change from a zero baseline is beyond every tolerance.
 * - fail: significant and beyond the tolerance in the worse direction. marginal: beyond the tolerance in the worse
 *   direction but not significant: it looks worse and the window gave too little evidence either way (Kayenta
 *   would pass it; we let the rollout hold for a person). pass: the rest, including any change in the harmless
 *   direction.
 * - No data is a verdict of its own (Argo Rollouts and Flagger have passed analyses whose queries returned an empty
 *   vector, NaN or only errors): NaN and ±Infinity samples are dropped and counted, and a side left with fewer than
 *   minSamples finite samples is judged by the no-data policy, "fail" unless configured otherwise. A canary that
 *   lost a larger share of its samples than the baseline (by more than LOST_SHARE_GAP) is judged at least as the
 *   no-data policy says too: what it lost may be what went wrong (histogram_quantile gives +Inf when the latency
 *   is past the last bucket; a ratio of no requests is NaN).
 * - The score, as Kayenta's, is the share of metrics that pass, 0-100, a marginal one counting half (Kayenta leaves
 *   metrics without data out of the score, which is how missing data passes; here they count by the policy): at
 *   least passScore passes, at least marginalScore is marginal, below fails. A failing critical metric fails the
 *   whole judgement whatever the score (Kayenta scores it 0), and a judgement where nothing failed is at least
 *   marginal. Kayenta's metric groups and weights have no counterpart: every metric weighs the same.
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

/** A change relative to a reference level; any change from a zero level is beyond every relative tolerance. */
function relativeTo(change: number, level: number): number {
  if (change === 0) return 0;
  if (level === 0) return change > 0 ? Infinity : -Infinity;
  return change / Math.abs(level);
}

/** How far a relative change goes in the metric's bad direction (negative: the harmless direction). */
function badness(relative: number, worse: MetricSeries["worse"]): number {
  return worse === "higher" ? relative : worse === "lower" ? -relative : Math.abs(relative);
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** How much larger a share of its samples the canary may lose than the baseline before the no-data policy applies. */
export const LOST_SHARE_GAP = 0.1;

const severity: Record<MetricVerdictKind, number> = { pass: 0, marginal: 1, fail: 2 };

/** The canary's and the baseline's shares of samples that were not finite numbers. */
function lostShares(metric: MetricSeries, samples: MetricVerdict["samples"]): { canary: number; baseline: number } {
  return { canary: metric.canary.length > 0 ? samples.droppedCanary / metric.canary.length : 0, baseline: metric.baseline.length > 0 ? samples.droppedBaseline / metric.baseline.length : 0 };
}

function droppedNote(droppedCanary: number, droppedBaseline: number): string {
  if (droppedCanary + droppedBaseline === 0) return "";
  return `; dropped as NaN/Infinity: ${droppedCanary} canary, ${droppedBaseline} baseline`;
}

function noDataVerdict(metric: MetricSeries, canary: number[], baseline: number[], samples: MetricVerdict["samples"], settings: JudgeSettings): MetricVerdict {
  const dropped = droppedNote(samples.droppedCanary, samples.droppedBaseline);
  return {
    name: metric.name,
    verdict: settings.noData,
    reason: `no data: ${canary.length} canary and ${baseline.length} baseline finite samples, ${settings.minSamples} needed on each side${dropped}; the no-data policy judges it ${settings.noData}`,
    noData: true,
    samples,
    u: null,
    pValue: null,
    shift: null,
    canaryMedian: canary.length > 0 ? median(canary) : null,
    baselineMedian: baseline.length > 0 ? median(baseline) : null,
  };
}

/** One metric's verdict (see the module comment). Throws a RangeError naming the metric for a tolerance that is no number >= 0. */
export function judgeMetric(metric: MetricSeries, settings: JudgeSettings): MetricVerdict {
  if (!(metric.tolerance >= 0 && Number.isFinite(metric.tolerance))) {
    throw new RangeError(`canary judge metric ${JSON.stringify(metric.name)}: tolerance must be a finite number >= 0, got ${metric.tolerance}`);
  }
  const canary = metric.canary.filter(Number.isFinite);
  const baseline = metric.baseline.filter(Number.isFinite);
  const samples = { canary: canary.length, baseline: baseline.length, droppedCanary: metric.canary.length - canary.length, droppedBaseline: metric.baseline.length - baseline.length };
  if (canary.length < settings.minSamples || baseline.length < settings.minSamples) return noDataVerdict(metric, canary, baseline, samples, settings);
  const test = mannWhitneyU(canary, baseline);
  const shift = hodgesLehmannShift(canary, baseline);
  const canaryMedian = median(canary);
  const baselineMedian = median(baseline);
  const canaryMean = mean(canary);
  const baselineMean = mean(baseline);
  const alpha = 1 - settings.confidence;
  const significant = test.pValue < alpha;
  // The shift is robust: one wild sample moves it little. But a significant difference in a minority of samples
  // (a mostly-zero error ratio erring in a few more intervals) leaves it at 0; only then the means measure it.
  const typical = relativeTo(shift, baselineMedian);
  const average = relativeTo(canaryMean - baselineMean, baselineMean);
  const byMeans = shift === 0 && significant && canaryMean !== baselineMean;
  const change = byMeans ? average : typical;
  const beyond = badness(change, metric.worse) > metric.tolerance;
  const compared: MetricVerdictKind = beyond ? (significant ? "fail" : "marginal") : "pass";
  const lost = lostShares(metric, samples);
  const lostMore = lost.canary - lost.baseline > LOST_SHARE_GAP;
  const verdict = lostMore && severity[settings.noData] > severity[compared] ? settings.noData : compared;
  const lostNote = lostMore ? `; the canary lost ${figure(lost.canary * 100)} % of its samples, the baseline ${figure(lost.baseline * 100)} %: the no-data policy judges it at least ${settings.noData}` : "";
  const finding = beyond
    ? significant ? "significantly worse beyond the tolerance" : "worse beyond the tolerance, but not significant"
    : !significant ? "no significant difference"
    : badness(change, metric.worse) > 0 ? "a significant change within the tolerance"
    : "a significant change in the harmless direction";
  const tolerated = `${figure(metric.tolerance * 100)} % tolerated ${metric.worse === "either" ? "either way" : metric.worse}`;
  const measured = byMeans
    ? `canary mean ${figure(canaryMean)} vs baseline ${figure(baselineMean)} (${percent(average)}; the shift is 0; ${tolerated})`
    : `canary median ${figure(canaryMedian)} vs baseline ${figure(baselineMedian)} (shift ${figure(shift)}, ${percent(typical)}; ${tolerated})`;
  return {
    name: metric.name,
    verdict,
    reason: `${finding}: ${measured}, p = ${figure(test.pValue)} ${significant ? "<" : ">="} ${figure(alpha)}${droppedNote(samples.droppedCanary, samples.droppedBaseline)}${lostNote}`,
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

/**
 * Every metric judged, and one verdict (see the module comment). Throws a RangeError naming the setting or metric
 * when the settings or a tolerance are out of range; the policy's schema keeps users from getting there.
 */
export function judgeCanary(metrics: MetricSeries[], settings: JudgeSettings): Judgement {
  checkSettings(settings);
  if (metrics.length === 0) {
    return { verdict: settings.noData, score: 0, metrics: [], reason: `no metrics to judge; the no-data policy judges it ${settings.noData}` };
  }
  const verdicts = metrics.map((metric) => judgeMetric(metric, settings));
  const score = Math.round((1000 * verdicts.reduce((sum, v) => sum + credit[v.verdict], 0)) / verdicts.length) / 10;
  const of = (kind: MetricVerdictKind) => verdicts.filter((v) => v.verdict === kind);
  const failedCritical = verdicts.filter((v, i) => v.verdict === "fail" && metrics[i]!.critical);
  let verdict: MetricVerdictKind = score >= settings.passScore ? "pass" : score >= settings.marginalScore ? "marginal" : "fail";
  // A low score made of marginal metrics only is unsure, not failed.
  if (verdict === "fail" && of("fail").length === 0) verdict = "marginal";
  if (failedCritical.length > 0) verdict = "fail";
  const names = (list: MetricVerdict[]) => list.map((v) => v.name).join(", ");
  const parts = [
    failedCritical.length > 0 ? `critical metric failed: ${names(failedCritical)}` : "",
    `score ${score} (${of("pass").length} of ${verdicts.length} pass)`,
    of("fail").length > 0 ? `failed: ${names(of("fail"))}` : "",
    of("marginal").length > 0 ? `marginal: ${names(of("marginal"))}` : "",
  ].filter(Boolean);
  return { verdict, score, metrics: verdicts, reason: parts.join("; ") };
}
