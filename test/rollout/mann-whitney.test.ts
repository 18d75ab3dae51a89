/**
 * src/rollout/mann-whitney.ts against scipy.stats.mannwhitneyu and numpy (test/fixtures/mann-whitney/cases.json,
 * made by scripts/make-mann-whitney-fixtures.py). Agreement: 1e-9 relative, and 1e-300 absolute for p-values so
 * small they sit at the edge of doubles.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hodgesLehmannShift, mannWhitneyU, median, normalUpperTail } from "../../src/rollout/mann-whitney.ts";

interface Case {
  name: string;
  why: string;
  method: "exact" | "asymptotic";
  u: number;
  pValue: number;
  shift: number;
  x: number[];
  y: number[];
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/mann-whitney/cases.json", import.meta.url), "utf8")) as { madeBy: string; cases: Case[] };

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-300;
}

describe("Mann-Whitney U against scipy", () => {
  it("covers both methods, ties, tiny and long samples", () => {
    expect(fixture.madeBy).toMatch(/scipy \d+\.\d+/);
    const methods = new Set(fixture.cases.map((c) => c.method));
    expect(methods).toEqual(new Set(["exact", "asymptotic"]));
    expect(fixture.cases.some((c) => c.x.length === 1 && c.y.length === 1)).toBe(true);
    expect(fixture.cases.some((c) => c.x.length >= 1000)).toBe(true);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as [string, Case]))("%s", (_name, c) => {
    const result = mannWhitneyU(c.x, c.y);

    it(`gives scipy's U, method and two-sided p (${c.why})`, () => {
      expect(result.u).toBe(c.u);
      expect(result.method).toBe(c.method);
      expect(close(result.pValue, c.pValue), `p ${result.pValue} vs scipy ${c.pValue}`).toBe(true);
    });

    it("gives numpy's median of pairwise differences", () => {
      const shift = hodgesLehmannShift(c.x, c.y);
      expect(close(shift, c.shift), `shift ${shift} vs numpy ${c.shift}`).toBe(true);
    });

    it("is symmetric: swapping the samples gives U2 and the same p", () => {
      const swapped = mannWhitneyU(c.y, c.x);
      expect(swapped.u).toBe(c.x.length * c.y.length - c.u);
      expect(close(swapped.pValue, c.pValue)).toBe(true);
    });
  });
});

describe("Hodges-Lehmann shift", () => {
  it("selects the exact median of pairwise differences without building them, far beyond the sort threshold", () => {
    // 300 x 250 = 75 000 differences: the selection, not the final sort, finds the median.
    const a = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 1000) / 10);
    const b = Array.from({ length: 250 }, (_, i) => ((i * 104729) % 997) / 10 - 3);
    const all = a.flatMap((x) => b.map((y) => x - y)).sort((p, q) => p - q);
    const expected = (all[all.length / 2 - 1]! + all[all.length / 2]!) / 2;
    expect(hodgesLehmannShift(a, b)).toBe(expected);
  });

  it("is the shift itself when the canary is the baseline moved by a constant", () => {
    const base = Array.from({ length: 101 }, (_, i) => Math.sqrt(i));
    expect(hodgesLehmannShift(base.map((v) => v + 0.5), base)).toBeCloseTo(0.5, 12);
  });
});

describe("helpers", () => {
  it("normal upper tail matches known values, deep into the tail", () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(close(normalUpperTail(1.959963984540054), 0.025)).toBe(true);
    // P(Z > 10) = 7.619853024160527e-24 (erfc(10/sqrt 2)/2)
    expect(close(normalUpperTail(10), 7.619853024160527e-24)).toBe(true);
    expect(close(normalUpperTail(-1), 0.8413447460685429)).toBe(true);
  });

  it("median of even and odd counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses empty or non-finite samples with a message", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/at least one value/);
    expect(() => mannWhitneyU([Number.NaN], [1])).toThrow(/finite/);
    expect(() => hodgesLehmannShift([1], [])).toThrow(/at least one value/);
  });
});
