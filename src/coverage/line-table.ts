import type { Counter } from "./model.ts";

/**
 * Per-line hit counts of one source file, kept in typed arrays indexed by line number instead of a
 * Map: a 50 MB report holds millions of lines, and a Map entry per line costs ~10x the memory and
 * time. Two bits per line say whether the line is instrumented and whether it was hit; the hit counts
 * themselves are only kept when line detail is wanted, in 32-bit integers (half the memory, and half
 * the allocation, of doubles) until a count needs more: above 2^32 - 1 or fractional.
 */
/**
 * How many lines a new table makes room for: as many as the last table that was compacted had. The
 * files of one report tend to be alike in size, so most tables never grow (each growth copies the
 * table and leaves garbage behind). Only a capacity: no result depends on it.
 */
let startingLines = 256;

export class LineTable implements ReadonlyMap<number, number> {
  private flags: Uint8Array;
  private hits: Uint32Array | Float64Array | null;
  private instrumented = 0;
  private hitLines = 0;

  constructor(keepHits: boolean) {
    this.flags = new Uint8Array((startingLines >> 2) + 1);
    this.hits = keepHits ? new Uint32Array(startingLines) : null;
  }

  /** Records `count` hits on `line`; several records of one line add up, the line is counted once. */
  add(line: number, count: number): void {
    const index = line >> 2;
    if (index >= this.flags.length) this.growFlags(index);
    const shift = (line & 3) << 1;
    const bits = (this.flags[index]! >> shift) & 3;
    if ((bits & 1) === 0) this.instrumented++;
    const hit = count > 0 ? 2 : 0;
    if (hit && (bits & 2) === 0) this.hitLines++;
    this.flags[index]! |= (1 | hit) << shift;
    if (this.hits !== null) {
      if (line >= this.hits.length) this.growHits(line);
      if (count > 0) {
        const sum = this.hits[line]! + count;
        if (sum > 0xffffffff || sum !== Math.floor(sum)) this.widen();
        this.hits[line] = sum;
      }
    }
  }

  /**
   * Drops the growth slack once a file's record is complete: peak memory is then the data, not 2x it.
   * A slack of an eighth or less stays (copying the table to save it would cost more than it saves).
   */
  compact(): void {
    let last = this.flags.length * 4 - 1;
    while (last >= 0 && ((this.flags[last >> 2]! >> ((last & 3) << 1)) & 1) === 0) last--;
    const lines = last + 1;
    startingLines = Math.max(16, Math.min(lines + (lines >> 4), 1 << 16));
    const flagBytes = (last >> 2) + 1;
    if (flagBytes + (flagBytes >> 3) < this.flags.length) this.flags = this.flags.slice(0, flagBytes);
    if (this.hits !== null && lines + (lines >> 3) < this.hits.length) this.hits = this.hits.slice(0, lines);
  }

  /** Lines covered of lines instrumented. */
  counter(): Counter {
    return { covered: this.hitLines, total: this.instrumented };
  }

  get size(): number {
    return this.hits === null ? 0 : this.instrumented;
  }

  has(line: number): boolean {
    if (this.hits === null || line < 0 || !Number.isInteger(line)) return false;
    const index = line >> 2;
    return index < this.flags.length && ((this.flags[index]! >> ((line & 3) << 1)) & 1) === 1;
  }

  get(line: number): number | undefined {
    return this.has(line) ? this.hits![line]! : undefined;
  }

  *entries(): MapIterator<[number, number]> {
    if (this.hits === null) return;
    const limit = Math.min(this.flags.length * 4, this.hits.length);
    for (let line = 0; line < limit; line++) {
      if (((this.flags[line >> 2]! >> ((line & 3) << 1)) & 1) === 1) yield [line, this.hits[line]!];
    }
  }

  *keys(): MapIterator<number> {
    for (const [line] of this.entries()) yield line;
  }

  *values(): MapIterator<number> {
    for (const [, count] of this.entries()) yield count;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  forEach(callback: (value: number, key: number, map: ReadonlyMap<number, number>) => void): void {
    for (const [line, count] of this.entries()) callback(count, line, this);
  }

  private growFlags(index: number): void {
    const next = new Uint8Array(Math.max(index + 1, this.flags.length * 2));
    next.set(this.flags);
    this.flags = next;
  }

  private growHits(line: number): void {
    const length = Math.max(line + 1, this.hits!.length * 2);
    const next = this.hits instanceof Uint32Array ? new Uint32Array(length) : new Float64Array(length);
    next.set(this.hits!);
    this.hits = next;
  }

  private widen(): void {
    if (this.hits instanceof Float64Array) return;
    this.hits = Float64Array.from(this.hits!);
  }
}

/** A map with nothing in it, shared by files without line detail. */
export const NO_LINES: ReadonlyMap<number, number> = new Map();
export const NO_BRANCHES: ReadonlyMap<number, Counter> = new Map();

/** Highest source line number accepted; beyond it a report is treated as corrupt rather than allocated for. */
export const MAX_LINE_NUMBER = 16_777_216;
