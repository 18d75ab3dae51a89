import type { Counter } from "./model.ts";

/**
 * One file's branches from lcov BRDA records, in flat typed arrays: a Map entry (and a string key)
 * per branch cost ~5x the memory and most of the parse time on large tracefiles. Entries are
 * (line, branch key, times taken); a branch listed again (a file split over several records) is
 * merged at the end, taken counts adding up and the branch counted once.
 *
 * As a ReadonlyMap it gives the branches per line (covered of total), built on first use.
 */
export class BranchTable implements ReadonlyMap<number, Counter> {
  /** (line, key, taken) triples, interleaved: one allocation per growth instead of three. */
  private entries3 = new Float64Array(3 * 64);
  private count = 0;
  /** Keys that are not two small numbers (lcov 2's "e0" blocks, branch expressions) live here. */
  private readonly stringKeys = new Map<string, number>();
  /** Entries came in strictly increasing (line, key) order, so none repeats. */
  private ordered = true;
  private merged = false;
  private perLine: Map<number, Counter> | null = null;

  /** A key for block and branch numbers, or -1 if they do not fit (use keyOf). */
  static numericKey(block: number, branch: number): number {
    return block >= 0 && branch >= 0 && block < 2 ** 21 && branch < 2 ** 21 ? block * 2 ** 21 + branch : -1;
  }

  keyOf(text: string): number {
    let key = this.stringKeys.get(text);
    if (key === undefined) {
      key = -1 - this.stringKeys.size;
      this.stringKeys.set(text, key);
    }
    return key;
  }

  add(line: number, key: number, taken: number): void {
    const at = 3 * this.count;
    if (at === this.entries3.length) this.grow();
    const entries = this.entries3;
    if (at > 0 && this.ordered) {
      const lastLine = entries[at - 3]!;
      if (line < lastLine || (line === lastLine && key <= entries[at - 2]!)) this.ordered = false;
    }
    entries[at] = line;
    entries[at + 1] = key;
    entries[at + 2] = taken;
    this.count++;
    this.merged = false;
    this.perLine = null;
  }

  /** Drops the growth slack once a file's record is complete. */
  compact(): void {
    if (3 * this.count < this.entries3.length) this.entries3 = this.entries3.slice(0, Math.max(3, 3 * this.count));
  }

  counter(): Counter {
    this.merge();
    let covered = 0;
    for (let index = 0; index < this.count; index++) if (this.entries3[3 * index + 2]! > 0) covered++;
    return { covered, total: this.count };
  }

  get size(): number {
    return this.byLine().size;
  }

  get(line: number): Counter | undefined {
    return this.byLine().get(line);
  }

  has(line: number): boolean {
    return this.byLine().has(line);
  }

  entries(): MapIterator<[number, Counter]> {
    return this.byLine().entries();
  }

  keys(): MapIterator<number> {
    return this.byLine().keys();
  }

  values(): MapIterator<Counter> {
    return this.byLine().values();
  }

  [Symbol.iterator](): MapIterator<[number, Counter]> {
    return this.entries();
  }

  forEach(callback: (value: Counter, key: number, map: ReadonlyMap<number, Counter>) => void): void {
    for (const [line, counter] of this.byLine()) callback(counter, line, this);
  }

  private byLine(): Map<number, Counter> {
    if (this.perLine !== null) return this.perLine;
    this.merge();
    const perLine = new Map<number, Counter>();
    for (let index = 0; index < this.count; index++) {
      const line = this.entries3[3 * index]!;
      let counter = perLine.get(line);
      if (counter === undefined) {
        counter = { covered: 0, total: 0 };
        perLine.set(line, counter);
      }
      counter.total++;
      if (this.entries3[3 * index + 2]! > 0) counter.covered++;
    }
    this.perLine = perLine;
    return perLine;
  }

  /** Sorts by (line, key) and folds repeated branches into one, when entries came out of order. */
  private merge(): void {
    if (this.merged || this.ordered) return;
    const source = this.entries3;
    const order = Array.from({ length: this.count }, (_, index) => 3 * index);
    order.sort((a, b) => source[a]! - source[b]! || source[a + 1]! - source[b + 1]!);
    const entries = new Float64Array(Math.max(3 * 64, source.length));
    let at = 0;
    for (const from of order) {
      if (at > 0 && entries[at - 3] === source[from] && entries[at - 2] === source[from + 1]) {
        entries[at - 1]! += source[from + 2]!;
        continue;
      }
      entries[at] = source[from]!;
      entries[at + 1] = source[from + 1]!;
      entries[at + 2] = source[from + 2]!;
      at += 3;
    }
    this.entries3 = entries;
    this.count = at / 3;
    this.ordered = true;
    this.merged = true;
  }

  private grow(): void {
    const larger = new Float64Array(Math.max(3 * 64, this.entries3.length * 2));
    larger.set(this.entries3);
    this.entries3 = larger;
  }
}
