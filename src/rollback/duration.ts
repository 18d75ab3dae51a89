import { UserError } from "../core/errors.ts";

/** PromQL-style durations: "30s", "5m", "1h30m", "1d", "500ms". */
export const DURATION_PATTERN = "^([0-9]+(ms|s|m|h|d|w))+$";

const unitSeconds: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Seconds in a duration; `where` names the key or input for the error message. */
export function parseDuration(text: string, where: string): number {
  const trimmed = text.trim();
  if (!new RegExp(DURATION_PATTERN).test(trimmed)) {
    throw new UserError(`${where}: "${text}" is not a duration; use forms like 30s, 5m, 1h30m or 1d`);
  }
  let seconds = 0;
  for (const match of trimmed.matchAll(/([0-9]+)(ms|s|m|h|d|w)/g)) seconds += Number(match[1]) * unitSeconds[match[2]!]!;
  return seconds;
}

/** The shortest readable form of a number of seconds: 300 -> "5m", 5400 -> "1h30m". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.round(seconds * 1000);
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("");
}
