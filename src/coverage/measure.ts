import type { Counter } from "./model.ts";

/**
 * The one rounding of coverage figures: two decimals, rounded down, computed in integers. Every
 * place a percentage appears (title, detail lines, summary table, JSON, action outputs) shows this
 * figure, so one report never reads 63.63 % in one place and 63.64 % in another, and a failing
 * 79.996 % never reads "80.00 %". Verdicts never use it: they compare the exact ratio (`meets`).
 */
export function percent(counter: Counter | null): number | null {
  if (!counter || counter.total === 0) return null;
  return floorDiv(counter.covered * 10_000, counter.total) / 100;
}

/** floor(numerator / denominator) for non-negative safe integers, exact where a float division could round up. */
function floorDiv(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator);
  if (quotient * denominator > numerator) quotient--;
  else if ((quotient + 1) * denominator <= numerator) quotient++;
  return quotient;
}

/** A threshold as the exact decimal the user wrote: 63.64 is 6364/100, not the nearest double. */
function decimalOf(value: number): { units: bigint; scale: bigint } {
  const [mantissa, exponentText] = String(value).toLowerCase().split("e") as [string, string | undefined];
  const [whole, fraction = ""] = mantissa.split(".") as [string, string | undefined];
  let digits = fraction.length - Number(exponentText ?? 0);
  let units = BigInt(`${whole}${fraction}`);
  if (digits < 0) {
    units *= 10n ** BigInt(-digits);
    digits = 0;
  }
  return { units, scale: 10n ** BigInt(digits) };
}

/** Whether covered/total is at least `threshold` percent, exactly: 6363 of 10000 does not meet 63.64. */
export function meets(counter: Counter, threshold: number): boolean {
  if (counter.total <= 0) return false;
  const { units, scale } = decimalOf(threshold);
  return BigInt(counter.covered) * 100n * scale >= units * BigInt(counter.total);
}

/**
 * Whether line coverage fell by more than `maxDrop` percentage points from `before` to `now`,
 * exactly: (b.covered/b.total - n.covered/n.total) * 100 > maxDrop.
 */
export function droppedMoreThan(before: Counter, now: Counter, maxDrop: number): boolean {
  const { units, scale } = decimalOf(maxDrop);
  const bt = BigInt(before.total);
  const nt = BigInt(now.total);
  const difference = BigInt(before.covered) * nt - BigInt(now.covered) * bt;
  return difference * 100n * scale > units * bt * nt;
}

/**
 * The change in points with two decimals, a drop (positive) rounded up and a gain rounded towards
 * zero, so that a drop over the limit is never shown as the limit itself (a failing 0.501 reads 0.51).
 */
export function dropPoints(before: Counter, now: Counter): number {
  const numerator = (BigInt(before.covered) * BigInt(now.total) - BigInt(now.covered) * BigInt(before.total)) * 10_000n;
  const denominator = BigInt(before.total) * BigInt(now.total);
  if (numerator <= 0n) return -Number(-numerator / denominator) / 100;
  return Number((numerator + denominator - 1n) / denominator) / 100;
}

/** A percentage (from `percent`) as text: "63.63 %", "n/a" when nothing was measured. */
export function formatPercent(value: number | null): string {
  if (value === null) return "n/a";
  return `${value.toFixed(2)} %`;
}
