/**
 * The one grammar for durations, in milliseconds. Pure: no clock, no environment.
 *
 * A duration is, after trimming surrounding white space, either `0` or one or more `<digits><unit>` parts, which may
 * be separated by white space, in any order, and add up: `90s`, `5m`, `1h30m`, `1h 30m`, `2h`, `1d`, `1w`, `500ms`.
 * Units (case-insensitive): `ms`, `s`, `m` or `min`, `h`, `d` (24 h), `w` (7 d). No signs, no fractions, no space
 * between a number and its unit.
 * This is the union of the two grammars it replaces: the PromQL-style one of the rollback and incidents sections
 * (`30s`, `1h30m`, `1d`, `500ms`, `1w`, parts in any order) and the one of the windows section (`0`, `90m`, `2h`,
 * `1h 30m`, `45min`, `2H`), so every text either accepted is accepted, with the same value.
 */
import { UserError } from "./errors.ts";

const UNIT = "(?:[mM][sS]|[mM][iI][nN]|[sSmMhHdDwW])";
const PART = `[0-9]+${UNIT}`;

/** The grammar as a regular expression without flags, for JSON Schema `pattern` and for the parser. */
export const DURATION_PATTERN = `^\\s*(?:0|${PART}(?:\\s*${PART})*)\\s*$`;
/** What a duration looks like, for messages that say "expected ..., got ...". */
export const DURATION_FORMAT = 'a duration such as "0", "90m", "2h" or "1h30m"';

const GRAMMAR = new RegExp(DURATION_PATTERN);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of a duration, or undefined for text outside the grammar. */
export function parseDuration(text: string): number | undefined {
  if (!GRAMMAR.test(text)) return undefined;
  let ms = 0;
  for (const match of text.matchAll(/([0-9]+)(ms|min|[smhdw])/gi)) ms += Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Milliseconds of a duration, or a UserError naming `where` (the key, option or input). */
export function requireDuration(text: string, where: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new UserError(`${where}: "${text}" is not a duration; use forms like 30s, 5m, 1h30m or 1d`);
  return ms;
}

/** The shortest text of the grammar for a number of milliseconds (rounded): 300000 -> "5m", 5400000 -> "1h30m". */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return "0s";
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}
