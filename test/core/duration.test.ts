import { describe, expect, it } from "vitest";
import { DURATION_FORMAT, DURATION_PATTERN, formatDuration, parseDuration, requireDuration } from "../../src/core/duration.ts";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe("parseDuration", () => {
  // Every form either former grammar accepted (rollback/incidents: PromQL-style; windows: "0", "90m", "1h 30m", "45min").
  it.each([
    ["0", 0],
    ["0s", 0],
    ["500ms", 500],
    ["30s", 30 * S],
    ["90s", 90 * S],
    ["5m", 5 * MIN],
    ["45min", 45 * MIN],
    ["90m", 90 * MIN],
    ["2h", 2 * H],
    ["1h30m", H + 30 * MIN],
    ["1h 30m", H + 30 * MIN],
    ["1d 2h 3m 4s", D + 2 * H + 3 * MIN + 4 * S],
    ["1d", D],
    ["1w", 7 * D],
    ["2H", 2 * H],
    ["1H30MIN", H + 30 * MIN],
    ["30s5m", 5 * MIN + 30 * S],
    ["1m1m", 2 * MIN],
    ["1m500ms", MIN + 500],
    ["  15m  ", 15 * MIN],
  ])("%j -> %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(requireDuration(text, "x")).toBe(ms);
    expect(new RegExp(DURATION_PATTERN).test(text)).toBe(true);
  });

  it.each(["", " ", "5", "00", "-1m", "+1m", "1.5h", "5 minutes", "5 m", "1mins", "1y", "h", "m5", "1h-30m", "1h,30m", "soon", "forever", "0 s"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(new RegExp(DURATION_PATTERN).test(text)).toBe(false);
    expect(() => requireDuration(text, "rollback.interval")).toThrow(`rollback.interval: "${text}" is not a duration; use forms like 30s, 5m, 1h30m or 1d`);
  });

  it("rejects a number too large to be finite", () => {
    expect(parseDuration(`${"9".repeat(400)}s`)).toBeUndefined();
  });

  it("describes the grammar for messages", () => {
    expect(DURATION_FORMAT).toBe('a duration such as "0", "90m", "2h" or "1h30m"');
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [0.4, "0s"],
    [500, "500ms"],
    [30 * S, "30s"],
    [5 * MIN, "5m"],
    [H + 30 * MIN, "1h30m"],
    [D, "1d"],
    [7 * D, "7d"],
    [D + 2 * H + 3 * MIN + 4 * S + 5, "1d2h3m4s5ms"],
    [-5 * MIN, "-5m"],
  ])("%d ms -> %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([0, 500, 30 * S, 5 * MIN, H + 30 * MIN, D + 1, 7 * D])("reads back what it writes: %d ms", (ms) => {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
