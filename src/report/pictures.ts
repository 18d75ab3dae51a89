/**
 * Pictures GitHub draws itself: Mermaid blocks in job summaries, comments and issues. Every label is our own
 * figure or a name reduced to characters Mermaid cannot read as syntax.
 */

/** A name as a bare Mermaid label (a Gantt task, a section): letters, digits, `._/-` and spaces, at most 40 characters. */
export function mermaidLabel(text: string, max = 40): string {
  return text.replace(/[^\p{L}\p{N}._/ -]+/gu, " ").replace(/\s+/g, " ").trim().slice(0, max) || "?";
}

/** A name inside Mermaid's double quotes: also `:%()+,=` (times, percentages), never a quote or an entity. */
function quoted(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N}._/ :%()+,=-]+/gu, " ").replace(/\s+/g, " ").trim().slice(0, 60) || "?"}"`;
}

/** Two decimals for percentages and counts; three significant digits below 1, so a 0.034 error ratio is not drawn as 0.03. */
/**
 * Chart colours: Mermaid's first plot colour is a pale lavender that nearly vanishes on GitHub's white. A blue for
 * the figure and a red for the limit, each at least 3:1 against GitHub's white and its dark #0d1117; the theme
 * itself stays GitHub's choice.
 */
export const PICTURE_COLOURS = { figure: "#1f6feb", limit: "#d1242f" };

function configured(variables: string[]): string[] {
  return ["---", "config:", "  themeVariables:", ...variables.map((line) => `    ${line}`), "---"];
}

const XY_CONFIG = configured(["xyChart:", `  plotColorPalette: "${PICTURE_COLOURS.figure}, ${PICTURE_COLOURS.limit}"`]);

const figure = (value: number) => String(Math.abs(value) >= 1 || value === 0 ? Math.round(value * 100) / 100 : Number(value.toPrecision(3)));

export interface BarChart {
  title: string;
  unit: string;
  bars: { label: string; value: number }[];
  /** A line drawn across the bars: the threshold at each bar. */
  threshold?: { label: string; values: number[] };
  /** The y axis' top; default 100. */
  max?: number;
}

/** Bars against a threshold line (Mermaid xychart). */
export function barChart(chart: BarChart): string {
  const lines = [
    "```mermaid",
    ...XY_CONFIG,
    "xychart-beta",
    `  title ${quoted(chart.title)}`,
    `  x-axis [${chart.bars.map((b) => quoted(b.label)).join(", ")}]`,
    `  y-axis ${quoted(chart.unit)} 0 --> ${figure(chart.max ?? 100)}`,
    `  bar [${chart.bars.map((b) => figure(b.value)).join(", ")}]`,
  ];
  if (chart.threshold) lines.push(`  line [${chart.threshold.values.map(figure).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}

export interface LineChart {
  title: string;
  unit: string;
  /** x-axis labels, one per sample. */
  labels: string[];
  series: number[];
  /** The threshold at each sample (a flat line when it is constant). */
  threshold?: number[];
  max: number;
}

/** A series over time against a constant threshold (Mermaid xychart: the series as a line, the threshold as a line). */
export function lineChart(chart: LineChart): string {
  const lines = [
    "```mermaid",
    ...XY_CONFIG,
    "xychart-beta",
    `  title ${quoted(chart.title)}`,
    `  x-axis [${chart.labels.map(quoted).join(", ")}]`,
    `  y-axis ${quoted(chart.unit)} 0 --> ${figure(chart.max)}`,
    `  line [${chart.series.map(figure).join(", ")}]`,
  ];
  if (chart.threshold) lines.push(`  line [${chart.threshold.map(figure).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}

export interface Timeline {
  title: string;
  /** One tick per day, labelled "Tue 22": hour labels of a week-long axis run into each other. */
  daily?: boolean;
  /** Sections in order, each with its bars: [label, start, end] as "YYYY-MM-DD HH:mm" in one zone. */
  sections: { name: string; bars: { label: string; start: string; end: string; kind?: "active" | "crit" | "milestone" }[] }[];
}

/** A week (or any span) as a Mermaid gantt chart: windows, freezes and the instants that matter. */
export function timeline(chart: Timeline): string {
  const axis = chart.daily ? ["  axisFormat %a %d", "  tickInterval 1day"] : ["  axisFormat %a %d %H:%M"];
  const lines = ["```mermaid", "gantt", `  title ${mermaidLabel(chart.title, 80)}`, "  dateFormat YYYY-MM-DD HH:mm", ...axis];
  for (const section of chart.sections) {
    lines.push(`  section ${mermaidLabel(section.name)}`);
    for (const bar of section.bars) {
      const tag = bar.kind ? `${bar.kind}, ` : "";
      lines.push(`  ${mermaidLabel(bar.label)} :${tag}${bar.start}, ${bar.kind === "milestone" ? "0m" : bar.end}`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}
