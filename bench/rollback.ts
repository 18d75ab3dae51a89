/**
 * Speed of the pure rule evaluation: one sustained-window rule over many series with many samples each
 * (the size a per-pod error ratio over a long window reaches). Prints one row per size.
 */
import { performance } from "node:perf_hooks";
import type { Series } from "../src/net/prometheus.ts";
import { evaluateRule } from "../src/rollback-guard/evaluate.ts";
import type { Rule } from "../src/rollback-guard/rules.ts";

const at = new Date("2026-03-01T12:00:00Z");

function seriesSet(count: number, points: number): Series[] {
  const end = at.getTime() / 1000;
  return Array.from({ length: count }, (_, s) => ({
    labels: { pod: `api-${s}` },
    samples: Array.from({ length: points }, (_, i) => ({ time: end - (points - 1 - i) * 15, value: i % 97 === 0 ? NaN : 0.02 + (s % 3) * 0.001 })),
  }));
}

export async function run(): Promise<void> {
  console.log("| series | samples each | evaluations | ms per evaluation |");
  console.log("| ---: | ---: | ---: | ---: |");
  for (const [count, points] of [[10, 21], [100, 241], [1000, 241], [100, 5761]] as const) {
    const rule: Rule = { name: "errors", query: "q", threshold: { kind: "fixed", above: 0.01 }, windowSeconds: (points - 1) * 15, stepSeconds: 15, minSamples: 1, noData: "fail" };
    const data = { current: seriesSet(count, points) };
    const rounds = 20;
    evaluateRule(rule, data, at);
    const started = performance.now();
    for (let i = 0; i < rounds; i++) evaluateRule(rule, data, at);
    const ms = (performance.now() - started) / rounds;
    console.log(`| ${count} | ${points} | ${rounds} | ${ms.toFixed(2)} |`);
  }
}
