import { describe, expect, it } from "vitest";
import type { QueryResult } from "../../src/net/prometheus.ts";
import { observe, tickTimes } from "../../src/rollback-guard/observe.ts";
import type { MetricsSource } from "../../src/rollback-guard/ports.ts";
import type { Rule } from "../../src/rollback-guard/rules.ts";

const start = new Date("2026-03-01T12:00:00Z");

const errorRule: Rule = { name: "errors", query: "errors", threshold: { kind: "fixed", above: 0.01 }, windowSeconds: 0, stepSeconds: 30, minSamples: 1, noData: "inconclusive" };
const latencyRule: Rule = { name: "latency", query: "p95", threshold: { kind: "baseline", factor: 2, query: "p95", offsetSeconds: 3600 }, windowSeconds: 0, stepSeconds: 30, minSamples: 1, noData: "inconclusive" };

/** A source whose value for a query is a function of the evaluation time (minutes after start). */
function scriptedSource(values: Record<string, (minute: number) => number | undefined>): MetricsSource & { calls: string[] } {
  const calls: string[] = [];
  const answer = (query: string, time: Date): QueryResult => {
    const minute = (time.getTime() - start.getTime()) / 60_000;
    calls.push(`${query}@${minute}`);
    const value = values[query]?.(minute);
    return { resultType: "vector", series: value === undefined ? [] : [{ labels: {}, samples: [{ time: time.getTime() / 1000, value }] }], warnings: [] };
  };
  return {
    calls,
    instant: async (query, time) => answer(query, time),
    range: async (query, _start, end) => answer(query, end),
  };
}

/** A clock that only moves when the orchestrator sleeps. */
function fakeClock(now: Date): { now: () => Date; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let current = now.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(current),
    sleep: async (ms) => {
      slept.push(ms);
      current += ms;
    },
  };
}

describe("tickTimes", () => {
  it.each([
    [600, 60, false, 10],
    [600, 240, false, 2],
    [30, 60, false, 1],
    [600, 60, true, 1],
  ])("observation %ss every %ss (once: %s) gives %i ticks", (observationSeconds, intervalSeconds, once, count) => {
    const ticks = tickTimes({ start, observationSeconds, intervalSeconds, once });
    expect(ticks).toHaveLength(count);
    expect(ticks[0]!.getTime()).toBe(once ? start.getTime() : start.getTime() + intervalSeconds * 1000);
  });
});

describe("observe", () => {
  const plan = { start, observationSeconds: 600, intervalSeconds: 60, once: false };

  it("waits for each tick, evaluates every rule and stays healthy", async () => {
    const source = scriptedSource({ errors: () => 0.001, p95: () => 0.2 });
    const clock = fakeClock(start);
    const ticks: string[] = [];
    const result = await observe([errorRule, latencyRule], plan, source, clock, (tick) => ticks.push(tick.at));
    expect(result).toMatchObject({ rollback: false, verdict: "healthy", firedRule: null, reason: "2 rules passed at each of 10 evaluations" });
    expect(ticks).toHaveLength(10);
    expect(clock.slept).toEqual(Array(10).fill(60_000));
    expect(result.measurements).toHaveLength(20);
    expect(source.calls.slice(0, 3)).toEqual(["errors@1", "p95@1", "p95@-59"]);
  });

  it("stops at the first tick where a rule fires", async () => {
    const source = scriptedSource({ errors: (minute) => (minute >= 4 ? 0.2 : 0.001), p95: () => 0.2 });
    const result = await observe([errorRule, latencyRule], plan, source, fakeClock(start));
    expect(result).toMatchObject({ rollback: true, verdict: "rollback", firedRule: "errors", firedAt: "2026-03-01T12:04:00.000Z" });
    expect(result.ticks).toHaveLength(4);
    expect(result.reason).toMatch(/^errors: the value is above 0.01/);
  });

  it("fires on latency that doubles against the value an offset earlier", async () => {
    const source = scriptedSource({ errors: () => 0, p95: (minute) => (minute > 0 ? 0.9 : 0.3) });
    const result = await observe([errorRule, latencyRule], plan, source, fakeClock(start));
    expect(result).toMatchObject({ rollback: true, firedRule: "latency", firedAt: "2026-03-01T12:01:00.000Z" });
  });

  it("replays a past period without sleeping", async () => {
    const clock = fakeClock(new Date(start.getTime() + 3 * 3600_000));
    await observe([errorRule], plan, scriptedSource({ errors: () => 0 }), clock);
    expect(clock.slept).toEqual([]);
  });

  it("ends inconclusive when the last tick had no data", async () => {
    const source = scriptedSource({ errors: (minute) => (minute < 10 ? 0 : undefined) });
    const result = await observe([errorRule], plan, source, fakeClock(start));
    expect(result).toMatchObject({ rollback: false, verdict: "inconclusive", firedRule: null });
    expect(result.reason).toBe("errors: the query returned no series (no-data: inconclusive)");
  });

  it("rolls back on no data when the rule says fail", async () => {
    const result = await observe([{ ...errorRule, noData: "fail" }], plan, scriptedSource({}), fakeClock(start));
    expect(result).toMatchObject({ rollback: true, firedRule: "errors", firedAt: "2026-03-01T12:01:00.000Z" });
  });

  it("evaluates a window rule with a range query ending at the tick", async () => {
    const ranges: string[] = [];
    const source: MetricsSource = {
      instant: async () => ({ resultType: "vector", series: [], warnings: [] }),
      range: async (query, from, to, step) => {
        ranges.push(`${query} ${from.toISOString()} ${to.toISOString()} ${step}`);
        return { resultType: "matrix", series: [], warnings: ["partial data"] };
      },
    };
    const result = await observe([{ ...errorRule, windowSeconds: 300 }], { ...plan, once: true }, source, fakeClock(start));
    expect(ranges).toEqual(["errors 2026-03-01T11:55:00.000Z 2026-03-01T12:00:00.000Z 30"]);
    expect(result.warnings).toEqual(["errors: partial data"]);
  });
});
