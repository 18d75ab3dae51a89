/**
 * The canary chart as GitHub gets it: rendered through marked (GFM) as the report tests do, and its Mermaid block
 * held to the xychart grammar (mermaid's xychart.jison: numbers without exponents, quoted texts without quotes,
 * `line [n, ...]`), and parsed by Mermaid itself in Chromium (skipped only without Chromium; .ci/setup-report.sh
 * installs Debian's).
 */
import { marked, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { MAX_POINTS, seriesChart, type ChartSeries } from "../../src/rollout/series-chart.ts";
import { chromiumPresent } from "../report/browser.ts";
import { mermaidParserInChromium } from "../report/mermaid-parser.ts";

const START = Date.UTC(2026, 11, 2, 14, 0);
const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

function series(label: string, count: number, stepMs: number, value: (i: number) => number): ChartSeries {
  return { label, points: Array.from({ length: count }, (_, i) => ({ at: START + i * stepMs, value: value(i) })) };
}

interface Parsed {
  lines: number[][];
  xAxis: [number, number];
  yAxis: [number, number];
  title: string;
}

/** The Mermaid block of a chart, checked statement by statement against the xychart grammar. */
function mermaidOf(markdown: string): { source: string; parsed: Parsed } {
  const tokens = marked.lexer(markdown, { gfm: true });
  const blocks = tokens.filter((t): t is Tokens.Code => t.type === "code");
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.lang).toBe("mermaid");
  const [directive, kind, ...statements] = blocks[0]!.text.split("\n");
  expect(directive).toMatch(/^%%\{init: \{.*\}\}%%$/);
  expect(JSON.parse(directive!.slice("%%{init: ".length, -"}%%".length))).toHaveProperty("themeVariables.xyChart.plotColorPalette");
  expect(kind).toBe("xychart-beta");
  const parsed: Parsed = { lines: [], xAxis: [0, 0], yAxis: [0, 0], title: "" };
  for (const statement of statements) {
    const title = /^ {2}title "([^"]*)"$/.exec(statement);
    const axis = /^ {2}([xy])-axis "[^"]*" (\S+) --> (\S+)$/.exec(statement);
    const line = /^ {2}line \[(.*)\]$/.exec(statement);
    if (title) parsed.title = title[1]!;
    else if (axis) {
      expect(axis[2]).toMatch(NUMBER);
      expect(axis[3]).toMatch(NUMBER);
      parsed[axis[1] === "x" ? "xAxis" : "yAxis"] = [Number(axis[2]), Number(axis[3])];
    } else if (line) {
      const values = line[1]!.split(", ");
      for (const value of values) expect(value).toMatch(NUMBER);
      parsed.lines.push(values.map(Number));
    } else throw new Error(`not an xychart statement: ${statement}`);
  }
  return { source: blocks[0]!.text, parsed };
}

describe("series chart", () => {
  const canary = series("canary", 30, 60_000, (i) => 0.012 + (i % 3) * 0.001);
  const baseline = series("baseline", 30, 60_000, (i) => 0.004 + (i % 2) * 0.001);
  const markdown = seriesChart("error-ratio: canary vs baseline", [canary, baseline], [{ label: "rollback at", value: 0.01 }]);

  it("draws canary, baseline and a flat threshold line over the bake window, a legend naming each in order", () => {
    const { parsed } = mermaidOf(markdown);
    expect(parsed.lines).toHaveLength(3);
    expect(parsed.lines[0]!.slice(0, 3)).toEqual([0.012, 0.013, 0.014]);
    expect(parsed.lines[1]!.slice(0, 2)).toEqual([0.004, 0.005]);
    expect(new Set(parsed.lines[2])).toEqual(new Set([0.01]));
    expect(parsed.lines.every((l) => l.length === 30)).toBe(true);
    // 30 minutes of samples: the axis spans them in minutes.
    expect(parsed.xAxis[0]).toBeLessThan(1);
    expect(parsed.xAxis[1]).toBeGreaterThan(28);
    expect(parsed.yAxis[0]).toBe(0);
    expect(parsed.yAxis[1]).toBeGreaterThan(0.014);
    const legend = markdown.split("\n").at(-1)!;
    expect(legend).toBe("🟥 canary · 🟦 baseline · 🟧 rollback at: 0.01");
  });

  it("renders as GFM: a bold title, the block, the legend; no heading, no raw HTML", () => {
    const tokens = marked.lexer(markdown, { gfm: true }).filter((t) => t.type !== "space");
    expect(tokens.map((t) => t.type)).toEqual(["paragraph", "code", "paragraph"]);
    expect(marked.parse(markdown, { async: false })).toContain("<strong>error-ratio: canary vs baseline</strong>");
    expect(marked.parse(markdown, { async: false })).not.toMatch(/<(?!\/?(p|strong|pre|code)\b)[a-z]/);
  });

  it("downsamples a long bake window to at most MAX_POINTS bucket means, and says so", () => {
    // A day at one sample every 15 s: 5 760 points per side.
    const long = series("canary", 5760, 15_000, (i) => (i < 2880 ? 1 : 3));
    const chart = seriesChart("day", [long], []);
    const { parsed } = mermaidOf(chart);
    expect(parsed.lines[0]).toHaveLength(MAX_POINTS);
    expect(parsed.lines[0]!.slice(0, 29).every((v) => v === 1)).toBe(true);
    expect(parsed.lines[0]!.slice(31).every((v) => v === 3)).toBe(true);
    expect(chart).toContain(`Each point is the mean of a 24-minute bucket (${MAX_POINTS} points at most).`);
    expect(seriesChart("short", [canary], [])).not.toContain("Each point is the mean");
  });

  it("skips NaN and Infinity, keeps series of other lengths on one time axis, and names what has nothing to draw", () => {
    const gappy: ChartSeries = { label: "canary", points: [...canary.points.slice(0, 10), { at: START + 600_000, value: Number.NaN }, { at: START + 660_000, value: Infinity }] };
    const empty: ChartSeries = { label: "baseline", points: [{ at: START, value: Number.NaN }] };
    const chart = seriesChart("gaps", [gappy, empty], [{ label: "limit", value: Number.NaN }]);
    const { parsed } = mermaidOf(chart);
    expect(parsed.lines).toHaveLength(1);
    expect(parsed.lines[0]!.every(Number.isFinite)).toBe(true);
    expect(chart.split("\n").at(-1)).toBe("🟥 canary · baseline: no finite samples · limit: no finite value");
  });

  it("draws a single instant as a flat stub rather than a line Mermaid cannot spread", () => {
    const { parsed } = mermaidOf(seriesChart("one", [{ label: "canary", points: [{ at: START, value: 5 }] }], []));
    expect(parsed.lines).toEqual([[5, 5]]);
    expect(parsed.xAxis).toEqual([0, 1]);
  });

  it("says there is nothing to draw, without a block, when no series has a finite sample", () => {
    const chart = seriesChart("empty", [{ label: "canary", points: [] }], [{ label: "limit", value: 1 }]);
    expect(chart).toBe("**empty**\n\nNo finite samples to draw for canary.");
  });

  it("writes tiny and huge values as plain decimals Mermaid reads", () => {
    const { parsed } = mermaidOf(seriesChart("scale", [series("canary", 5, 60_000, (i) => 1e-7 * (i + 1)), series("baseline", 5, 60_000, () => 123456789)], []));
    expect(parsed.lines[0]!.every((v) => v > 0)).toBe(true);
    expect(parsed.lines[1]).toEqual([123456789, 123456789, 123456789, 123456789, 123456789]);
  });

  it("neutralises labels: nothing breaks out of the block, the legend or the title", () => {
    const hostile = 'p99__latency__ "]\n```\n<img src=x onerror=alert(1)> @admin %%{init}%%';
    const chart = seriesChart(hostile, [series(hostile, 5, 60_000, (i) => i)], [{ label: "*bold* [link](javascript:x)", value: 2 }]);
    const { parsed } = mermaidOf(chart);
    expect(parsed.title).not.toMatch(/["%`<>{}]/);
    const html = marked.parse(chart, { async: false });
    expect(html).not.toMatch(/<img|<em>|<a /);
    expect(html).not.toContain("@admin");
    expect(html).toContain("p99__latency__");
    expect(chart.split("\n").filter((l) => l.startsWith("```"))).toEqual(["```mermaid", "```"]);
  });
});

describe.skipIf(!chromiumPresent)("series chart parsed by Mermaid itself, in Chromium as on GitHub", () => {
  const parseMermaid = mermaidParserInChromium();

  it("parses, and refuses the same block with an exponent in it", async () => {
    const chart = seriesChart("error-ratio: canary vs baseline", [series("canary", 600, 10_000, (i) => 0.0001 * (i % 7)), series("baseline", 600, 10_000, (i) => -0.00002 * (i % 5))], [{ label: "rollback at", value: 0.01 }]);
    const { source } = mermaidOf(chart);
    const [good, broken] = await parseMermaid([source, source.replace("line [", "line [1e-5, ")]);
    expect(good).toBeNull();
    expect(broken).toMatch(/Parse error|Expecting/);
  });
});
