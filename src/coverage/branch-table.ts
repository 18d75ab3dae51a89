import type { Counter } from "./model.ts";

/**
 * One file's branches from lcov BRDA records, in flat typed arrays: a Map entry (and a string key)
 * per branch cost ~5x the memory and most of the parse time on large tracefiles. Entries are
 * (line, branch key, times taken), kept sorted and unique: a branch listed again (a file split over
 * several records) is folded in when its record ends, taken counts adding up and the branch counted
 * once, so memory follows the distinct branches, not the number of records.
 *
 * As a ReadonlyMap it gives the branches per line (covered of total), built on first use.
 */
/** Room a new table starts with, as many branches as the last compacted table had (see LineTable). */
let startingBranches = 64;

export class BranchTable implements ReadonlyMap<number, Counter> {
  /** (line, key, taken) triples, interleaved: one allocation per growth instead of three. */
  private entries3 = new Float64Array(3 * startingBranches);
  private count = 0;
  /** Keys that are not two small numbers (lcov 2's "e0" blocks, branch expressions) live here. */
  private readonly stringKeys = new Map<string, number>();
  /** Entries [0, sortedCount) are in strictly increasing (line, key) order, so none repeats. */
  private sortedCount = 0;
  /** The entries after them are in increasing order too (one more record as lcov writes it). */
  private tailOrdered = true;
  private perLine: Map<number, Counter> | null = null;
  /**
   * Where the record being read would repeat the table's entries, or -1 once it does not. A file
   * reported again with the same branches (concatenated test runs) folds its counts in place: no
   * growth, no merge, so memory stays that of the distinct branches however often they repeat.
   */
  private repeatAt = 0;

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
    const repeat = this.repeatAt;
    if (repeat >= 0 && repeat < this.count && this.sortedCount === this.count) {
      const entries = this.entries3;
      if (entries[3 * repeat] === line && entries[3 * repeat + 1] === key) {
        entries[3 * repeat + 2]! += taken;
        this.repeatAt = repeat + 1;
        this.perLine = null;
        return;
      }
    }
    this.repeatAt = -1;
    const at = 3 * this.count;
    if (at === this.entries3.length) this.grow();
    const entries = this.entries3;
    const increasing = at === 0 || line > entries[at - 3]! || (line === entries[at - 3]! && key > entries[at - 2]!);
    if (this.sortedCount === this.count) {
      if (increasing) this.sortedCount++;
      else this.tailOrdered = true;
    } else if (!increasing) {
      this.tailOrdered = false;
    }
    entries[at] = line;
    entries[at + 1] = key;
    entries[at + 2] = taken;
    this.count++;
    this.perLine = null;
  }

  /** Folds repeated branches in and drops the growth slack; called when a record is complete. */
  compact(): void {
    this.merge();
    this.repeatAt = 0;
    startingBranches = Math.max(4, Math.min(this.count + (this.count >> 4), 1 << 16));
    const used = 3 * this.count;
    if (used + (used >> 3) < this.entries3.length) this.entries3 = this.entries3.slice(0, Math.max(3, used));
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

  /**
   * Makes every entry sorted and unique: a linear merge of the sorted part with an ordered tail
   * (the usual case: one more record of the same file), a sort otherwise.
   */
  private merge(): void {
    if (this.sortedCount === this.count) return;
    const source = this.entries3;
    let order: number[];
    if (this.tailOrdered) {
      order = [];
      let left = 0;
      let right = this.sortedCount;
      while (left < this.sortedCount || right < this.count) {
        const takeLeft = right >= this.count || (left < this.sortedCount && compareEntries(source, 3 * left, 3 * right) <= 0);
        order.push(3 * (takeLeft ? left++ : right++));
      }
    } else {
      order = Array.from({ length: this.count }, (_, index) => 3 * index);
      order.sort((a, b) => compareEntries(source, a, b));
    }
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
    this.sortedCount = this.count;
    this.tailOrdered = true;
  }

  private grow(): void {
    const larger = new Float64Array(Math.max(3 * 64, this.entries3.length * 2));
    larger.set(this.entries3);
    this.entries3 = larger;
  }
}

function compareEntries(entries: Float64Array, a: number, b: number): number {
  return entries[a]! - entries[b]! || entries[a + 1]! - entries[b + 1]!;
}
