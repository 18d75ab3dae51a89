import type { Counter } from "./model.ts";

/** Counts up to this fit, both, in one small integer (covered * PACK + total): no object per line. */
const PACK = 1 << 15;

/**
 * Per-line branch counts of one file from an XML report (Cobertura's condition-coverage="50% (1/2)"). A Map
 * entry holding a { covered, total } object per line cost an allocation per branch line, and the collector then
 * copied every one of those objects out of the young generation, as the whole report stays in memory: a tenth of
 * a Cobertura parse. Here a line's two counts are one small integer in the Map's own table; the rare counts that
 * do not fit keep an object. As a ReadonlyMap it gives a Counter per line (a new one on each read), in the order
 * the lines were first added.
 */
export class LineBranches implements ReadonlyMap<number, Counter> {
  /** Line -> covered * PACK + total, or -1 - index into `large`. */
  private readonly packed = new Map<number, number>();
  private readonly large: Counter[] = [];

  /** Sets the line's counts, replacing any it had. */
  set(line: number, covered: number, total: number): void {
    if (covered >= 0 && total >= 0 && covered < PACK && total < PACK && (covered | 0) === covered && (total | 0) === total) {
      this.packed.set(line, covered * PACK + total);
      return;
    }
    const previous = this.packed.get(line);
    if (previous !== undefined && previous < 0) {
      this.large[-1 - previous] = { covered, total };
      return;
    }
    this.large.push({ covered, total });
    this.packed.set(line, -this.large.length);
  }

  /** The line's covered count, or -1 when it has none; with `totalOf`, reads a line without creating a Counter. */
  coveredOf(line: number): number {
    const value = this.packed.get(line);
    if (value === undefined) return -1;
    return value >= 0 ? Math.floor(value / PACK) : this.large[-1 - value]!.covered;
  }

  totalOf(line: number): number {
    const value = this.packed.get(line);
    if (value === undefined) return -1;
    return value >= 0 ? value % PACK : this.large[-1 - value]!.total;
  }

  /** Covered and total summed over the lines. */
  sum(): Counter {
    let covered = 0;
    let total = 0;
    for (const value of this.packed.values()) {
      if (value >= 0) {
        covered += Math.floor(value / PACK);
        total += value % PACK;
      } else {
        covered += this.large[-1 - value]!.covered;
        total += this.large[-1 - value]!.total;
      }
    }
    return { covered, total };
  }

  get size(): number {
    return this.packed.size;
  }

  has(line: number): boolean {
    return this.packed.has(line);
  }

  get(line: number): Counter | undefined {
    const value = this.packed.get(line);
    return value === undefined ? undefined : this.counterOf(value);
  }

  *entries(): MapIterator<[number, Counter]> {
    for (const [line, value] of this.packed) yield [line, this.counterOf(value)];
  }

  keys(): MapIterator<number> {
    return this.packed.keys();
  }

  *values(): MapIterator<Counter> {
    for (const value of this.packed.values()) yield this.counterOf(value);
  }

  [Symbol.iterator](): MapIterator<[number, Counter]> {
    return this.entries();
  }

  forEach(callback: (value: Counter, key: number, map: ReadonlyMap<number, Counter>) => void): void {
    for (const [line, counter] of this.entries()) callback(counter, line, this);
  }

  private counterOf(value: number): Counter {
    if (value < 0) {
      const counter = this.large[-1 - value]!;
      return { covered: counter.covered, total: counter.total };
    }
    return { covered: Math.floor(value / PACK), total: value % PACK };
  }
}
