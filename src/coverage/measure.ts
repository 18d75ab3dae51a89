import type { Counter } from "./model.ts";

/** The percentage of a counter, or null when nothing was measured (0 of 0 is not 100 %). */
export function percent(counter: Counter | null): number | null {
  if (!counter || counter.total === 0) return null;
  return (counter.covered / counter.total) * 100;
}

/** Whether a counter meets a threshold, compared in integers so that 79.999… never rounds up to 80. */
export function meets(counter: Counter, threshold: number): boolean {
  return counter.total > 0 && counter.covered * 100 >= threshold * counter.total;
}

/** Shown with two decimals, rounded down: a failing 79.996 % must never read "80.00 %". */
export function formatPercent(value: number | null): string {
  if (value === null) return "n/a";
  return `${(Math.floor(value * 100) / 100).toFixed(2)} %`;
}
