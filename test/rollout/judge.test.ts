import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_JUDGE_SETTINGS, judgeCanary, type JudgeSettings, type MetricSeries } from "../../src/rollout/judge.ts";

/** A seeded generator: the same samples every run. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `n` samples around `level`, spread ± `spread` (roughly normal: a sum of uniforms). */
function samples(n: number, level: number, spread: number, seed: number): number[] {
  const next = noise(seed);
  return Array.from({ length: n }, () => level + spread * (next() + next() + next() - 1.5));
}

function metric(overrides: Partial<MetricSeries> & Pick<MetricSeries, "canary" | "baseline">): MetricSeries {
  return { name: "latency-p99", worse: "higher", tolerance: 0.1, critical: false, ...overrides };
}

const judge = (metrics: MetricSeries[], settings: Partial<JudgeSettings> = {}) => judgeCanary(metrics, { ...DEFAULT_JUDGE_SETTINGS, ...settings });
const baseline = samples(60, 0.12, 0.02, 1);

describe("no-data traps never pass silently", () => {
  const traps: Array<[string, number[]]> = [
    ["an empty vector", []],
    ["a NaN success rate in every sample", [Number.NaN, Number.NaN, Number.NaN]],
    ["every measurement errored (NaN and Infinity)", [Number.NaN, Infinity, -Infinity, Number.NaN]],
    ["too few finite samples among dropped ones", [0.1, 0.11, Number.NaN, ...new Array<number>(20).fill(Number.NaN)]],
  ];

  it.each(traps)("%s on the canary fails by default, and says why", (_what, canary) => {
    const judgement = judge([metric({ canary, baseline })]);
    expect(judgement.verdict).toBe("fail");
    const [verdict] = judgement.metrics;
    expect(verdict).toMatchObject({ verdict: "fail", noData: true, u: null, pValue: null, shift: null });
    expect(verdict!.samples).toEqual({ canary: canary.filter(Number.isFinite).length, baseline: 60, droppedCanary: canary.filter((v) => !Number.isFinite(v)).length, droppedBaseline: 0 });
    expect(verdict!.reason).toMatch(/^no data: \d+ canary and 60 baseline finite samples, 10 needed on each side/);
    expect(judgement.reason).toContain("failed: latency-p99");
  });

  it.each(traps)("%s on the baseline fails by default too", (_what, broken) => {
    const judgement = judge([metric({ canary: baseline, baseline: broken })]);
    expect(judgement.verdict).toBe("fail");
    expect(judgement.metrics[0]!.noData).toBe(true);
  });

  it("follows the no-data policy when one is configured", () => {
    const empty = [metric({ canary: [], baseline })];
    expect(judge(empty, { noData: "marginal" })).toMatchObject({ verdict: "marginal", metrics: [{ verdict: "marginal", noData: true }] });
    expect(judge(empty, { noData: "pass" })).toMatchObject({ verdict: "pass", metrics: [{ verdict: "pass", noData: true }] });
    expect(judge(empty, { noData: "pass" }).metrics[0]!.reason).toContain("the no-data policy judges it pass");
  });

  it("judges a side with exactly minSamples finite samples, and not one with one fewer", () => {
    const canary = [...samples(10, 0.12, 0.02, 7), Number.NaN, Infinity];
    const judged = judge([metric({ canary, baseline })]).metrics[0]!;
    expect(judged).toMatchObject({ noData: false, samples: { canary: 10, droppedCanary: 2 } });
    expect(judged.reason).toContain("dropped as NaN/Infinity: 2 canary, 0 baseline");
    expect(judge([metric({ canary: canary.slice(1), baseline })]).metrics[0]!.noData).toBe(true);
  });

  it("drops NaN and Infinity before testing, so they cannot sway the verdict", () => {
    const canary = [...baseline.map((v) => v * 1.002), Number.NaN, Infinity, Infinity];
    const judged = judge([metric({ canary, baseline })]).metrics[0]!;
    expect(judged).toMatchObject({ verdict: "pass", noData: false, samples: { canary: 60, baseline: 60, droppedCanary: 3, droppedBaseline: 0 } });
  });

  it("does not let a canary pass on the samples it kept when it lost far more than the baseline", () => {
    // histogram_quantile is +Inf when the latency is past the last bucket: a third of the canary's intervals.
    const canary = baseline.map((v, i) => (i % 3 === 0 ? Infinity : v));
    const judged = judge([metric({ canary, baseline })]).metrics[0]!;
    expect(judged).toMatchObject({ verdict: "fail", noData: false, samples: { canary: 40, droppedCanary: 20 } });
    expect(judged.reason).toContain("the canary lost 33.33 % of its samples, the baseline 0 %: the no-data policy judges it at least fail");
    expect(judge([metric({ canary, baseline })], { noData: "marginal" }).metrics[0]!.verdict).toBe("marginal");
    expect(judge([metric({ canary, baseline })], { noData: "pass" }).metrics[0]!.verdict).toBe("pass");
    // Both sides losing the same share is the source's gap, not the canary's.
    const both = judge([metric({ canary, baseline: baseline.map((v, i) => (i % 3 === 1 ? Number.NaN : v)) })]).metrics[0]!;
    expect(both.verdict).toBe("pass");
  });

  it("judges no metric at all by the no-data policy", () => {
    expect(judge([])).toMatchObject({ verdict: "fail", score: 0, metrics: [] });
    expect(judge([]).reason).toMatch(/no metrics to judge/);
    expect(judge([], { noData: "marginal" }).verdict).toBe("marginal");
  });
});

describe("each metric's verdict", () => {
  it("passes identical series", () => {
    const judged = judge([metric({ canary: [...baseline], baseline })]);
    expect(judged).toMatchObject({ verdict: "pass", score: 100, metrics: [{ verdict: "pass", pValue: 1, shift: 0 }] });
    expect(judged.metrics[0]!.reason).toMatch(/^no significant difference: canary median 0\.1\d* vs baseline 0\.1\d*/);
  });

  it("fails a clear degradation, with the figures in one line", () => {
    const judged = judge([metric({ canary: baseline.map((v) => v * 1.5), baseline })]);
    expect(judged.verdict).toBe("fail");
    const [verdict] = judged.metrics;
    expect(verdict!.verdict).toBe("fail");
    expect(verdict!.pValue).toBeLessThan(1e-6);
    expect(verdict!.shift).toBeGreaterThan(0.05);
    expect(verdict!.reason).toMatch(/^significantly worse beyond the tolerance: canary median 0\.1\d+ vs baseline 0\.1\d+ \(shift 0\.0\d+, \+(4[5-9]|5[0-5])(\.\d+)? %; 10 % tolerated higher\), p = [\d.e-]+ < 0\.05$/);
    expect(verdict!.reason).not.toContain("\n");
  });

  it("passes a significant change within the tolerance", () => {
    // 5 % slower on every sample, against a tight baseline: the rank test sees it, the tolerance of 10 % forgives it.
    const tight = samples(60, 0.12, 0.004, 9);
    const judged = judge([metric({ canary: tight.map((v) => v * 1.05), baseline: tight })]).metrics[0]!;
    expect(judged.pValue).toBeLessThan(0.05);
    expect(judged.verdict).toBe("pass");
    expect(judged.reason).toMatch(/^a significant change within the tolerance: .*\(shift 0\.00\d+, \+[45](\.\d+)? %; 10 % tolerated higher\)/);
    expect(judge([metric({ tolerance: 0.02, canary: tight.map((v) => v * 1.05), baseline: tight })]).metrics[0]!.verdict).toBe("fail");
  });

  it("passes a large change in the harmless direction, and fails the same change where lower is worse", () => {
    const faster = baseline.map((v) => v * 0.6);
    expect(judge([metric({ canary: faster, baseline })]).metrics[0]!).toMatchObject({ verdict: "pass" });
    expect(judge([metric({ canary: faster, baseline })]).metrics[0]!.reason).toMatch(/^a significant change in the harmless direction/);
    expect(judge([metric({ name: "throughput", worse: "lower", canary: faster, baseline })]).metrics[0]!.verdict).toBe("fail");
    expect(judge([metric({ worse: "either", canary: faster, baseline })]).metrics[0]!.verdict).toBe("fail");
  });

  it("is marginal when the canary looks worse beyond the tolerance but the window holds too little evidence", () => {
    const canary = samples(10, 0.15, 0.12, 3);
    const base = samples(10, 0.12, 0.12, 4);
    const judged = judge([metric({ canary, baseline: base })]);
    expect(judged.metrics[0]!.pValue).toBeGreaterThan(0.05);
    expect(judged.metrics[0]!).toMatchObject({ verdict: "marginal" });
    expect(judged.metrics[0]!.reason).toMatch(/^worse beyond the tolerance, but not significant/);
    expect(judged.verdict).toBe("marginal");
  });

  it("fails an error ratio that errs in more intervals even though its median stays 0", () => {
    const next = noise(11);
    const canary = Array.from({ length: 100 }, () => (next() < 0.3 ? 0.02 : 0));
    const base = Array.from({ length: 100 }, () => (next() < 0.03 ? 0.02 : 0));
    const judged = judge([metric({ name: "error-ratio", canary, baseline: base })]).metrics[0]!;
    expect(judged.shift).toBe(0);
    expect(judged.verdict).toBe("fail");
    expect(judged.reason).toMatch(/^significantly worse beyond the tolerance: canary mean 0\.0\d+ vs baseline 0\.0\d+ \(\+\d+ %; the shift is 0;/);
  });

  it("lets one wild sample neither fail nor hold a canary that otherwise matches its baseline", () => {
    const canary = [...baseline.slice(0, 59), 50];
    expect(judge([metric({ canary, baseline })]).metrics[0]!).toMatchObject({ verdict: "pass" });
    // 2 % slower everywhere on a tight baseline (significant, tolerated) plus one wild sample: still within tolerance.
    const tight = samples(200, 0.12, 0.004, 21);
    const slower = [...tight.slice(0, 199).map((v) => v * 1.02), 50];
    const judged = judge([metric({ canary: slower, baseline: tight })]).metrics[0]!;
    expect(judged.pValue).toBeLessThan(0.05);
    expect(judged.verdict).toBe("pass");
  });

  it("passes an all-zero error ratio on both sides, and fails errors against a baseline without any", () => {
    const zeros = new Array<number>(30).fill(0);
    expect(judge([metric({ name: "error-ratio", canary: zeros, baseline: zeros })]).metrics[0]!).toMatchObject({ verdict: "pass", pValue: 1 });
    const erring = zeros.map((_, i) => (i % 2 === 0 ? 0.05 : 0.04));
    expect(judge([metric({ name: "error-ratio", canary: erring, baseline: zeros })]).metrics[0]!.reason).toContain("+∞ %");
    expect(judge([metric({ name: "error-ratio", canary: erring, baseline: zeros })]).metrics[0]!.verdict).toBe("fail");
  });
});

describe("series flapping around a threshold", () => {
  // An error ratio switching between 0.8 % and 1.2 % every few minutes, around a 1 % rollback threshold.
  const flapping = (n: number, phase: number, high: number, seed: number) => {
    const next = noise(seed);
    return Array.from({ length: n }, (_, i) => (Math.floor((i + phase) / 3) % 2 === 0 ? 0.008 : high) + (next() - 0.5) * 0.0004);
  };

  it("passes a canary flapping like its baseline, out of phase", () => {
    const judged = judge([metric({ name: "error-ratio", canary: flapping(90, 2, 0.012, 5), baseline: flapping(90, 0, 0.012, 6) })]);
    expect(judged.metrics[0]!.verdict).toBe("pass");
  });

  it("fails a canary whose high phase sits well above the baseline's", () => {
    const judged = judge([metric({ name: "error-ratio", canary: flapping(90, 2, 0.02, 5), baseline: flapping(90, 0, 0.012, 6) })]);
    expect(judged.metrics[0]!.verdict).toBe("fail");
  });
});

describe("the bake-window series of the scipy fixtures", () => {
  // test/fixtures/mann-whitney/cases.json: x is the canary, y the baseline (scripts/make-mann-whitney-fixtures.py).
  const cases = (JSON.parse(readFileSync(new URL("../fixtures/mann-whitney/cases.json", import.meta.url), "utf8")) as { cases: Array<{ name: string; x: number[]; y: number[]; pValue: number }> }).cases;
  const named = (name: string) => cases.find((c) => c.name === name)!;

  it.each([
    ["latency-p99-healthy", "latency-p99", "pass"],
    ["latency-p99-degraded", "latency-p99", "fail"],
    ["error-ratio-healthy", "error-ratio", "pass"],
    ["error-ratio-degraded", "error-ratio", "fail"],
    ["flapping-around-threshold", "error-ratio", "pass"],
  ])("%s (%s) is judged %s, with scipy's p-value", (fixture, name, expected) => {
    const c = named(fixture);
    const judged = judge([metric({ name, canary: c.x, baseline: c.y })]).metrics[0]!;
    expect(judged.verdict).toBe(expected);
    expect(Math.abs(judged.pValue! - c.pValue)).toBeLessThanOrEqual(1e-9 * c.pValue);
  });
});

describe("the score and the overall verdict", () => {
  const healthy = (name: string, seed: number): MetricSeries => metric({ name, canary: samples(40, 100, 10, seed), baseline: samples(40, 100, 10, seed + 1000) });
  const degraded = (name: string, critical = false): MetricSeries => metric({ name, critical, canary: samples(40, 200, 10, 77), baseline: samples(40, 100, 10, 78) });
  const many = (n: number) => Array.from({ length: n }, (_, i) => healthy(`m${i}`, i + 1));

  it("every healthy metric passes with score 100", () => {
    const judged = judge(many(5));
    expect(judged.metrics.map((m) => m.verdict)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(judged).toMatchObject({ verdict: "pass", score: 100, reason: "score 100 (5 of 5 pass)" });
  });

  it("tolerates one failing metric in twenty at passScore 95, as Kayenta's share of passing metrics does", () => {
    const judged = judge([...many(19), degraded("latency")]);
    expect(judged).toMatchObject({ verdict: "pass", score: 95 });
    expect(judged.reason).toBe("score 95 (19 of 20 pass); failed: latency");
  });

  it("fails whatever the score when the failing metric is critical", () => {
    const judged = judge([...many(19), degraded("latency", true)]);
    expect(judged).toMatchObject({ verdict: "fail", score: 95 });
    expect(judged.reason).toMatch(/^critical metric failed: latency; score 95/);
  });

  it("is marginal between marginalScore and passScore, and fails below", () => {
    expect(judge([...many(3), degraded("latency")])).toMatchObject({ verdict: "marginal", score: 75 });
    expect(judge([...many(2), degraded("latency"), degraded("errors")])).toMatchObject({ verdict: "fail", score: 50 });
  });

  it("counts a marginal metric half, and never fails a judgement in which nothing failed", () => {
    const unsure = metric({ name: "unsure", canary: samples(10, 0.15, 0.12, 3), baseline: samples(10, 0.12, 0.12, 4) });
    expect(judge([...many(3), unsure])).toMatchObject({ verdict: "marginal", score: 87.5 });
    expect(judge([unsure, { ...unsure, name: "unsure-2" }])).toMatchObject({ verdict: "marginal", score: 50 });
    expect(judge([unsure]).reason).toBe("score 50 (0 of 1 pass); marginal: unsure");
  });
});

describe("settings out of range", () => {
  it.each<[Partial<JudgeSettings>, RegExp]>([
    [{ confidence: 1 }, /confidence must be between 0 and 1/],
    [{ confidence: Number.NaN }, /confidence/],
    [{ minSamples: 0 }, /minSamples must be a whole number of at least 1, got 0/],
    [{ minSamples: 2.5 }, /minSamples/],
    [{ marginalScore: 96 }, /marginalScore 96, passScore 95/],
    [{ passScore: 101 }, /passScore 101/],
    [{ noData: "maybe" as never }, /noData must be fail, marginal or pass, got maybe/],
  ])("%o is refused with a message naming it", (settings, message) => {
    expect(() => judge([metric({ canary: baseline, baseline })], settings)).toThrow(message);
  });

  it("refuses a negative or missing tolerance, naming the metric", () => {
    expect(() => judge([metric({ name: "p99", tolerance: -0.1, canary: baseline, baseline })])).toThrow(/metric "p99": tolerance must be a finite number >= 0, got -0.1/);
    expect(() => judge([metric({ tolerance: Number.NaN, canary: baseline, baseline })])).toThrow(/tolerance/);
  });
});
