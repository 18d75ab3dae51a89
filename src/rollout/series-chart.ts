/**
 * Canary and baseline series over one bake window, drawn by GitHub itself: Markdown holding a Mermaid
 * `xychart-beta` block (lines on a numeric minutes axis) and a legend line, since xychart draws no legend. Pure.
 *
 * - At most MAX_POINTS points per line: the window is cut into that many equal buckets and each point is the mean
 *   of the finite samples in its bucket (an empty bucket repeats the point before it, or the first one after it),
 *   so a day-long bake stays a picture GitHub draws, not a wall of numbers.
 * - Thresholds are flat lines over the window. The y axis spans every point and threshold, from 0 unless a value is
 *   negative.
 * - Every label is reduced to characters Mermaid cannot read as syntax, and shown literally in the Markdown legend.
 */
import { mermaidLabel } from "../report/pictures.ts";
import { literalMarkdown } from "../report/neutralise.ts";

export interface ChartSeries {
  label: string;
  points: Array<{ at: number /* unix ms */; value: number }>;
}

/** The most points a line gets. */
export const MAX_POINTS = 60;

/** Colours of the lines in order (Mermaid's xychart palette), and the square that names each in the legend. */
const PALETTE = [
  { colour: "#d62728", square: "🟥" },
  { colour: "#1f77b4", square: "🟦" },
  { colour: "#ff7f0e", square: "🟧" },
  { colour: "#2ca02c", square: "🟩" },
  { colour: "#9467bd", square: "🟪" },
  { colour: "#8c564b", square: "🟫" },
  { colour: "#7f7f7f", square: "⬜" },
  { colour: "#000000", square: "⬛" },
];

/** A number Mermaid's grammar reads: plain decimal, at most six significant digits, never an exponent. */
function plain(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return "0";
  const decimals = Math.max(0, Math.min(15, 5 - Math.floor(Math.log10(Math.abs(value)))));
  const text = value.toFixed(decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return trimmed === "-0" ? "0" : trimmed;
}

/** Bucket means of finite points over [start, end]; empty buckets carried from a neighbour. */
function bucketMeans(points: ChartSeries["points"], start: number, end: number, buckets: number): number[] | null {
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  const span = Math.max(1, end - start);
  for (const point of points) {
    if (!Number.isFinite(point.value) || !Number.isFinite(point.at)) continue;
    const index = Math.min(buckets - 1, Math.max(0, Math.floor(((point.at - start) / span) * buckets)));
    sums[index]! += point.value;
    counts[index]!++;
  }
  const firstFilled = counts.findIndex((c) => c > 0);
  if (firstFilled < 0) return null;
  const means: number[] = [];
  let last = sums[firstFilled]! / counts[firstFilled]!;
  for (let i = 0; i < buckets; i++) {
    if (counts[i]! > 0) last = sums[i]! / counts[i]!;
    means.push(last);
  }
  return means;
}

function minutes(ms: number): string {
  return plain(Math.round(ms / 6000) / 10);
}

/** Markdown: the chart of `series` with flat `thresholds` over the window the points span, and its legend. */
export function seriesChart(title: string, series: ChartSeries[], thresholds: Array<{ label: string; value: number }>): string {
  const times = series.flatMap((s) => s.points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.at)).map((p) => p.at));
  const heading = `**${literalMarkdown(title)}**`;
  if (times.length === 0) return `${heading}\n\nNo finite samples to draw.`;
  const start = Math.min(...times);
  const end = Math.max(...times);
  const distinctTimes = new Set(times).size;
  const buckets = Math.max(1, Math.min(MAX_POINTS, distinctTimes));
  const drawn = series.map((s) => ({ label: s.label, means: bucketMeans(s.points, start, end, buckets) }));
  const lines = [...drawn.filter((d) => d.means !== null).map((d) => ({ label: d.label, values: d.means! }))];
  const flat = thresholds.filter((t) => Number.isFinite(t.value));
  for (const t of flat) lines.push({ label: `${t.label} ${plain(t.value)}`, values: new Array<number>(buckets).fill(t.value) });
  const all = lines.flatMap((l) => l.values);
  const low = Math.min(0, ...all);
  const high = Math.max(...all);
  const top = high === low ? low + 1 : high + (high - low) * 0.1;
  const colours = lines.map((_, i) => PALETTE[i % PALETTE.length]!);
  const block = [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colours.map((c) => c.colour).join(", ")}"}}}}%%`,
    "xychart-beta",
    `  title "${mermaidLabel(title, 80)}"`,
    `  x-axis "minutes" 0 --> ${minutes(end - start) === "0" ? "1" : minutes(end - start)}`,
    `  y-axis "value" ${plain(low)} --> ${plain(top)}`,
    ...lines.map((l) => `  line [${l.values.map(plain).join(", ")}]`),
    "```",
  ];
  const legend = lines.map((l, i) => `${colours[i]!.square} ${literalMarkdown(l.label)}`);
  const missing = drawn.filter((d) => d.means === null).map((d) => `${literalMarkdown(d.label)}: no finite samples`);
  const note = buckets < distinctTimes ? [`Each point is the mean of its ${plain((end - start) / buckets / 60000)}-minute bucket (${MAX_POINTS} points at most).`] : [];
  return [heading, "", block.join("\n"), "", [...legend, ...missing].join(" · "), ...(note.length > 0 ? ["", ...note] : [])].join("\n");
}
