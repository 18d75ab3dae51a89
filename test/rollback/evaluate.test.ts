import { describe, expect, it } from "vitest";
import type { Series } from "../../src/net/prometheus.ts";
import { evaluateRule, formatValue, jsonValue, seriesKey, type Measurement, type Outcome, type Verdict } from "../../src/rollback-guard/evaluate.ts";
import { selectMeasurements } from "../../src/rollback-guard/report.ts";
import { compileRules, type Rule } from "../../src/rollback-guard/rules.ts";
import { formatDuration, requireDuration } from "../../src/core/duration.ts";

const at = new Date("2026-03-01T12:00:00Z");
const t = at.getTime() / 1000;

/** A window of samples ending at `at`, one every 30 s, oldest first. */
function window(values: number[], labels: Record<string, string> = {}): Series {
  return { labels, samples: values.map((value, i) => ({ time: t - (values.length - 1 - i) * 30, value })) };
}

const sustained: Rule = {
  name: "error-ratio",
  query: "errors / requests",
  threshold: { kind: "fixed", above: 0.01 },
  windowSeconds: 300,
  stepSeconds: 30,
  minSamples: 6,
  noData: "inconclusive",
};

const spike = Array(11).fill(0.05);
const healthy = Array(11).fill(0.001);

describe("evaluateRule: sustained threshold", () => {
  it.each<[string, Series[], Partial<Rule>, Outcome, Verdict, RegExp]>([
    ["healthy", [window(healthy)], {}, "ok", "pass", /11 of 11 samples are at or below 0.01/],
    ["a sustained spike", [window(spike)], {}, "breach", "fire", /all 11 samples are above 0.01 for 5m/],
    ["a short blip", [window([0.001, 0.001, 0.001, 0.001, 0.5, 0.5, 0.001, 0.001, 0.001, 0.001, 0.001])], {}, "ok", "pass", /9 of 11 samples are at or below/],
    ["a spike that ends at the last sample", [window([...Array(10).fill(0.05), 0.009])], {}, "ok", "pass", /1 of 11/],
    ["exactly at the threshold", [window(Array(11).fill(0.01))], {}, "ok", "pass", /at or below/],
    ["no series", [], {}, "no-data", "inconclusive", /returned no series \(no-data: inconclusive\)/],
    ["only NaN (0/0)", [window(Array(11).fill(NaN))], {}, "no-data", "inconclusive", /all 11 points are NaN/],
    ["NaN with no-data: pass", [window(Array(11).fill(NaN))], { noData: "pass" }, "no-data", "pass", /no-data: pass/],
    ["NaN with no-data: fail", [window(Array(11).fill(NaN))], { noData: "fail" }, "no-data", "fire", /no-data: fail/],
    ["too few samples, all above", [window([NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0.2, 0.2, 0.2, 0.2])], {}, "no-data", "inconclusive", /only 4 samples, all above 0.01; at least 6 needed/],
    ["too few samples with no-data: fail", [window([0.2, 0.2])], { noData: "fail" }, "no-data", "fire", /only 2 samples/],
    ["NaN gaps but enough samples above", [window([0.2, NaN, 0.2, 0.2, NaN, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2])], {}, "breach", "fire", /all 9 samples/],
    ["NaN between healthy samples", [window([NaN, 0.001, NaN, 0.001])], {}, "ok", "pass", /2 of 2 samples are at or below/],
    ["+Inf counts as above", [window(Array(11).fill(Infinity))], {}, "breach", "fire", /all 11 samples/],
    ["-Inf counts as below", [window([...Array(10).fill(0.5), -Infinity])], {}, "ok", "pass", /1 of 11/],
    ["one of two series breaches", [window(healthy, { pod: "a" }), window(spike, { pod: "b" })], {}, "breach", "fire", /^\{pod="b"\}: all 11/],
    ["one series ok, one without data", [window(healthy, { pod: "a" }), window(Array(11).fill(NaN), { pod: "b" })], {}, "ok", "pass", /1 of 2 series below/],
    ["no series has data", [window([NaN], { pod: "a" }), window([NaN], { pod: "b" })], { noData: "fail" }, "no-data", "fire", /^\{pod="a"\}: all 1 points are NaN/],
  ])("%s", (_name, current, override, outcome, verdict, reason) => {
    const result = evaluateRule({ ...sustained, ...override }, { current }, at);
    expect(result.outcome).toBe(outcome);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toMatch(reason);
    expect(result.measurements.length).toBe(Math.max(1, current.length));
  });

  it("ignores samples outside the window", () => {
    const old = { labels: {}, samples: [{ time: t - 3600, value: 0.001 }, ...window(spike).samples] };
    expect(evaluateRule(sustained, { current: [old] }, at).outcome).toBe("breach");
  });

  it("records every measurement with the latest value, threshold and counts", () => {
    const result = evaluateRule(sustained, { current: [window([0.2, NaN, 0.03], { job: "api", __name__: "x" })] }, at);
    expect(result.measurements).toEqual([
      { at: at.toISOString(), rule: "error-ratio", series: '{job="api"}', value: 0.03, threshold: 0.01, baseline: null, samples: 2, points: 3, outcome: "no-data", reason: "only 2 samples, all above 0.01; at least 6 needed" },
    ]);
  });
});

describe("evaluateRule: baseline", () => {
  const latency: Rule = {
    name: "p95-latency",
    query: "p95",
    threshold: { kind: "baseline", factor: 2, query: "p95", offsetSeconds: 86_400 },
    windowSeconds: 0,
    stepSeconds: 30,
    minSamples: 1,
    noData: "inconclusive",
  };
  const one = (value: number, labels: Record<string, string> = {}): Series => ({ labels, samples: [{ time: t, value }] });

  it.each<[string, Series[], Series[], Outcome, Verdict, RegExp]>([
    ["unchanged latency", [one(0.2)], [one(0.2)], "ok", "pass", /the value is at or below 0.4 \(2x baseline\)/],
    ["latency doubled exactly", [one(0.4)], [one(0.2)], "ok", "pass", /at or below 0.4/],
    ["latency more than doubled", [one(0.5)], [one(0.2)], "breach", "fire", /the value is above 0.4 \(2x baseline\)/],
    ["+Inf latency (last bucket)", [one(Infinity)], [one(0.2)], "breach", "fire", /above 0.4/],
    ["NaN baseline", [one(0.5)], [one(NaN)], "no-data", "inconclusive", /no usable baseline: the baseline is NaN/],
    ["+Inf baseline", [one(0.5)], [one(Infinity)], "no-data", "inconclusive", /the baseline \+Inf is not a positive finite number/],
    ["zero baseline", [one(0.5)], [one(0)], "no-data", "inconclusive", /the baseline 0 is not/],
    ["no baseline series", [one(0.5)], [], "no-data", "inconclusive", /returned no value for this series/],
    ["baseline matched by labels", [one(0.5, { route: "/a" }), one(0.5, { route: "/b" })], [one(0.3, { route: "/a" }), one(0.2, { route: "/b" })], "breach", "fire", /^\{route="\/b"\}/],
    ["current NaN with a baseline", [one(NaN)], [one(0.2)], "no-data", "inconclusive", /all 1 points are NaN/],
  ])("%s", (_name, current, baseline, outcome, verdict, reason) => {
    const result = evaluateRule(latency, { current, baseline }, at);
    expect(result.outcome).toBe(outcome);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toMatch(reason);
  });

  it("records the baseline and the derived threshold", () => {
    const [m] = evaluateRule(latency, { current: [one(0.5)], baseline: [one(0.2)] }, at).measurements;
    expect(m).toMatchObject({ value: 0.5, baseline: 0.2, threshold: 0.4 });
  });
});

describe("values and names", () => {
  it.each([
    [NaN, null, "no data"],
    [Infinity, "+Inf", "+Inf"],
    [-Infinity, "-Inf", "-Inf"],
    [0.0123456789, 0.0123456789, "0.0123457"],
    [undefined, null, "no data"],
  ])("%s", (value, json, text) => {
    expect(jsonValue(value)).toBe(json);
    expect(formatValue(jsonValue(value))).toBe(text);
  });

  it("writes label sets sorted and quoted, without __name__", () => {
    expect(seriesKey({ b: 'x"y', __name__: "m", a: "1" })).toBe('{a="1", b="x\\"y"}');
  });

  it.each([
    ["30s", 30],
    ["5m", 300],
    ["1h30m", 5400],
    ["1d", 86_400],
    ["500ms", 0.5],
  ])("duration %s", (text, seconds) => {
    expect(requireDuration(text, "x") / 1000).toBe(seconds);
    expect(formatDuration(seconds * 1000)).toBe(text);
  });

  it.each(["5", "5 minutes", "-1m", "", "1.5h"])("rejects the duration %j", (text) => {
    expect(() => requireDuration(text, "rollback.interval")).toThrow(/rollback.interval: .* is not a duration/);
  });
});

describe("compileRules", () => {
  const base = { name: "r", query: "q", step: "30s", "no-data": "fail" as const };

  it("derives the window, step and default minimum of samples", () => {
    const [rule] = compileRules([{ ...base, above: 0.01, for: "5m" }], "rollback");
    expect(rule).toEqual({ name: "r", query: "q", threshold: { kind: "fixed", above: 0.01 }, windowSeconds: 300, stepSeconds: 30, minSamples: 6, noData: "fail" });
  });

  it("uses the rule's own query for an offset baseline", () => {
    const [rule] = compileRules([{ ...base, "above-baseline": { factor: 2, offset: "1d" } }], "rollback");
    expect(rule!.threshold).toEqual({ kind: "baseline", factor: 2, query: "q", offsetSeconds: 86_400 });
    expect(rule!.minSamples).toBe(1);
  });

  it.each([
    ["both thresholds", [{ ...base, above: 1, "above-baseline": { factor: 2, offset: "1d" } }], /rollback.rules\[0\]: give exactly one of "above" and "above-baseline"/],
    ["no threshold", [{ ...base }], /exactly one of/],
    ["a baseline compared with itself", [{ ...base, "above-baseline": { factor: 2 } }], /rules\[0\].above-baseline: give an "offset" or a baseline "query"/],
    ["a duplicate name", [{ ...base, above: 1 }, { ...base, above: 2 }], /rules\[1\].name: the rule name "r" is used twice/],
    ["a window shorter than the step", [{ ...base, above: 1, for: "10s" }], /rules\[0\].for: "10s" is shorter than the step/],
    ["more samples than the window holds", [{ ...base, above: 1, for: "1m", "min-samples": 4 }], /min-samples: 4 is more than the 3 samples/],
    ["a sub-second step", [{ ...base, above: 1, step: "500ms" }], /step: "500ms" is shorter than 1s/],
  ])("rejects %s", (_name, rules, message) => {
    expect(() => compileRules(rules, "rollback")).toThrow(message);
  });
});

describe("selectMeasurements", () => {
  const m = (i: number, outcome: Outcome): Measurement => ({ at: `t${i}`, rule: "r", series: "{}", value: i, threshold: 1, baseline: null, samples: 1, points: 1, outcome, reason: "" });

  it("keeps all when they fit", () => {
    const all = [m(1, "ok"), m(2, "breach")];
    expect(selectMeasurements(all, 2)).toEqual({ shown: all, omitted: 0 });
  });

  it("keeps every breach and no-data first, then ok ones, in their order", () => {
    const all = [m(1, "ok"), m(2, "ok"), m(3, "no-data"), m(4, "ok"), m(5, "breach")];
    expect(selectMeasurements(all, 3)).toEqual({ shown: [m(1, "ok"), m(3, "no-data"), m(5, "breach")], omitted: 2 });
  });
});
