/**
 * How long the canary judge takes at the sizes a policy allows: the most metrics (50) of a 10-minute bake at one
 * sample every second, one metric at the most samples per side (min-samples tops at 11 000), and the exact test's
 * worst case (a canary of 8 samples against 11 000).
 */
import { DEFAULT_JUDGE_SETTINGS, judgeCanary, type MetricSeries } from "../src/rollout/judge.ts";

function samples(n: number, level: number, seed: number): number[] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => level * (0.8 + 0.4 * next()));
}

const metric = (name: string, canary: number[], baseline: number[]): MetricSeries => ({ name, canary, baseline, worse: "higher", tolerance: 0.1, critical: false });

const scenarios: { name: string; metrics: MetricSeries[] }[] = [
  { name: "50 metrics x 600 samples per side", metrics: Array.from({ length: 50 }, (_, i) => metric(`m${i}`, samples(600, 100, i + 1), samples(600, 100, i + 101))) },
  { name: "1 metric x 11 000 samples per side", metrics: [metric("p99", samples(11_000, 0.12, 1), samples(11_000, 0.12, 2))] },
  { name: "exact test, 8 canary vs 11 000 baseline", metrics: [metric("p99", samples(8, 0.12, 3), samples(11_000, 0.12, 4))] },
];

export async function run(): Promise<void> {
  console.log("| canary judge | runs | mean ms | max ms |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const scenario of scenarios) {
    const runs = 5;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      judgeCanary(scenario.metrics, { ...DEFAULT_JUDGE_SETTINGS, minSamples: 8 });
      times.push(performance.now() - started);
    }
    const mean = times.reduce((a, b) => a + b, 0) / runs;
    console.log(`| ${scenario.name} | ${runs} | ${mean.toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
  }
}

if (import.meta.main) await run();
