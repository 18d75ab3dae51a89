/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum) and the Hodges-Lehmann shift, as the canary judge uses
 * them. Pure: numbers in, numbers out. Measured against scipy.stats.mannwhitneyu and numpy on the fixtures of
 * test/fixtures/mann-whitney/ (made by scripts/make-mann-whitney-fixtures.py).
 *
 * - Ties get midranks; U is the canary's (first sample's) statistic, U1 = R1 - n1 (n1 + 1) / 2.
 * - Method, as scipy's `method="auto"`: the exact null distribution when one sample has at most 8 values and there
 *   is no tie (the exact distribution assumes distinct values), otherwise the normal approximation with the tie
 *   correction of the variance and a continuity correction of 0.5.
 * - The p-value is two-sided: twice the upper tail of max(U1, U2), at most 1.
 */

export interface MannWhitneyResult {
  /** The first sample's U statistic. */
  u: number;
  pValue: number;
  method: "exact" | "asymptotic";
}

/** Midranks (1-based) of the pooled values, and the sizes of the groups of tied values. */
function midranks(pooled: number[]): { ranks: Float64Array; tieSizes: number[] } {
  const order = pooled.map((_, i) => i).sort((a, b) => pooled[a]! - pooled[b]!);
  const ranks = new Float64Array(pooled.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && pooled[order[end]!] === pooled[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * P(U >= u) under the null hypothesis with distinct values. The counts of U are the coefficients of the Gaussian
 * binomial [m+n choose m]_q, built as a product of (1 - q^(n+i)) / (1 - q^i) for i = 1..m; with BigInt the counts
 * are exact (the intermediate polynomials have integer coefficients), so the tail is exact to the last division.
 * Cost O(m * m * n) for the smaller sample m <= 8.
 */
function exactUpperTail(u: number, n1: number, n2: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const size = m * n + 1;
  let counts: bigint[] = new Array<bigint>(size).fill(0n);
  counts[0] = 1n;
  for (let i = 1; i <= m; i++) {
    const next = counts.slice();
    for (let j = size - 1; j >= n + i; j--) next[j] = next[j]! - counts[j - n - i]!;
    for (let j = i; j < size; j++) next[j] = next[j]! + next[j - i]!;
    counts = next;
  }
  let total = 0n;
  let tail = 0n;
  // The distribution is symmetric: P(U >= u) = P(U <= m n - u), summed from the small end.
  const mirrored = m * n - u;
  for (let j = 0; j < size; j++) {
    total += counts[j]!;
    if (j <= mirrored) tail += counts[j]!;
  }
  return Number(tail) / Number(total);
}

/** erfc(x) for x >= 0: a positive series below 2, Lentz's continued fraction above, each to double precision. */
function erfcPositive(x: number): number {
  if (x < 2) {
    // erf(x) = 2/sqrt(pi) e^(-x^2) sum_k 2^k x^(2k+1) / (1·3·…·(2k+1)): every term positive, no cancellation.
    let term = x;
    let sum = x;
    for (let k = 1; k < 200 && term > sum * 1e-17; k++) {
      term *= (2 * x * x) / (2 * k + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^(-x^2)/sqrt(pi) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The standard normal's upper tail P(Z > z). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const x = Math.abs(z) / Math.SQRT2;
  return z >= 0 ? erfcPositive(x) / 2 : 1 - erfcPositive(x) / 2;
}

/** The two-sided Mann-Whitney U test of `first` against `second` (finite values, at least one each). */
export function mannWhitneyU(first: readonly number[], second: readonly number[]): MannWhitneyResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("mannWhitneyU needs at least one value in each sample");
  if (![...first, ...second].every(Number.isFinite)) throw new RangeError("mannWhitneyU takes finite values only");
  const { ranks, tieSizes } = midranks([...first, ...second]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i]!;
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const upper = Math.max(u1, n1 * n2 - u1);
  const exact = (n1 <= 8 || n2 <= 8) && tieSizes.length === 0;
  if (exact) return { u: u1, pValue: Math.min(1, 2 * exactUpperTail(upper, n1, n2)), method: "exact" };
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0);
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // All values equal: no spread, no evidence of a difference.
  if (!(sd > 0)) return { u: u1, pValue: 1, method: "asymptotic" };
  const z = (upper - (n1 * n2) / 2 - 0.5) / sd;
  return { u: u1, pValue: Math.min(1, 2 * normalUpperTail(z)), method: "asymptotic" };
}

/**
 * The k-th smallest (0-based) of the differences a[i] - b[j] without building the m·n of them: a selection over the
 * implicit sorted matrix (rows a ascending, columns b descending), as Monahan's algorithm for the Hodges-Lehmann
 * estimator does. Each round takes a pivot among the remaining candidates, counts the differences below and at it
 * row by row with one monotone pointer (O(m + n)), and keeps the side holding rank k; the pivot, itself a
 * candidate, always leaves, so the rounds are bounded by the candidates. Few candidates left are sorted directly.
 * Expected cost O((m + n) log(m n)). The pivots come from a fixed-seed generator: the same input, the same work.
 */
function kthDifference(a: Float64Array, bDescending: Float64Array, k: number): number {
  const m = a.length;
  const n = bDescending.length;
  const diff = (i: number, j: number) => a[i]! - bDescending[j]!;
  const low = new Int32Array(m);
  const high = new Int32Array(m).fill(n);
  const below = new Int32Array(m);
  const atOrBelow = new Int32Array(m);
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const count = () => {
    let known = 0;
    let candidates = 0;
    for (let i = 0; i < m; i++) {
      known += low[i]!;
      candidates += high[i]! - low[i]!;
    }
    return { known, candidates };
  };
  // Every round removes at least the pivot, so m·n rounds is a bound never reached.
  for (let round = 0, left = count(); left.candidates > 4096 && round < m * n; round++, left = count()) {
    let pick = Math.floor(random() * left.candidates);
    let row = 0;
    while (pick >= high[row]! - low[row]!) {
      pick -= high[row]! - low[row]!;
      row++;
    }
    const pivot = diff(row, low[row]! + pick);
    // Rows grow with i, so the count of differences below the pivot never rises from one row to the next.
    let strict = n;
    let loose = n;
    let countBelow = 0;
    let countAtOrBelow = 0;
    for (let i = 0; i < m; i++) {
      while (strict > 0 && diff(i, strict - 1) >= pivot) strict--;
      while (loose > 0 && diff(i, loose - 1) > pivot) loose--;
      below[i] = strict;
      atOrBelow[i] = loose;
      countBelow += strict;
      countAtOrBelow += loose;
    }
    if (k >= countBelow && k < countAtOrBelow) return pivot;
    if (k < countBelow) for (let i = 0; i < m; i++) high[i] = Math.min(high[i]!, below[i]!);
    else for (let i = 0; i < m; i++) low[i] = Math.max(low[i]!, atOrBelow[i]!);
  }
  const { known } = count();
  const rest: number[] = [];
  for (let i = 0; i < m; i++) for (let j = low[i]!; j < high[i]!; j++) rest.push(diff(i, j));
  rest.sort((x, y) => x - y);
  return rest[k - known]!;
}

/**
 * The Hodges-Lehmann estimate of the shift of `first` against `second`: the median of every difference
 * first[i] - second[j] (the mean of the two middle ones when their count is even, as numpy's median).
 */
export function hodgesLehmannShift(first: readonly number[], second: readonly number[]): number {
  if (first.length === 0 || second.length === 0) throw new RangeError("hodgesLehmannShift needs at least one value in each sample");
  const a = Float64Array.from(first).sort();
  const b = Float64Array.from(second).sort().reverse();
  const count = a.length * b.length;
  const middle = Math.floor((count - 1) / 2);
  const lower = kthDifference(a, b, middle);
  return count % 2 === 1 ? lower : (lower + kthDifference(a, b, middle + 1)) / 2;
}

/** The median of finite values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
