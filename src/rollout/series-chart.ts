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

/** The lines' colours in order (given to Mermaid as the xychart palette), and the square naming each in the legend. */
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

/** A number Mermaid's grammar reads: a plain decimal of six significant digits (integers whole), never an exponent. */
function plain(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return "0";
  const decimals = Math.max(0, Math.min(15, 5 - Math.floor(Math.log10(Math.abs(value)))));
  const text = value.toFixed(decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return trimmed === "-0" ? "0" : trimmed;
}

/** Bucket means of finite points (at least one) over [start, end]; an empty bucket is carried from a neighbour. */
function bucketMeans(points: ChartSeries["points"], start: number, end: number, buckets: number): number[] {
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  const span = Math.max(1, end - start);
  for (const point of points) {
    const index = Math.min(buckets - 1, Math.floor(((point.at - start) / span) * buckets));
    sums[index]! += point.value;
    counts[index]!++;
  }
  const firstFilled = counts.findIndex((c) => c > 0);
  let last = sums[firstFilled]! / counts[firstFilled]!;
  return counts.map((count, i) => (count > 0 ? (last = sums[i]! / count) : last));
}

/** Minutes from the window's start, as Mermaid reads them. */
function minutes(ms: number): string {
  return plain(ms / 60_000);
}

/** A bucket's width as a reader says it: "24-minute", "30-second" (two significant digits). */
function bucketWidth(ms: number): string {
  return ms < 60_000 ? `${Number((ms / 1000).toPrecision(2))}-second` : `${Number((ms / 60_000).toPrecision(2))}-minute`;
}

/** Markdown: the chart of `series` with flat `thresholds` over the window the points span, and its legend. */
export function seriesChart(title: string, series: ChartSeries[], thresholds: Array<{ label: string; value: number }>): string {
  const heading = `**${literalMarkdown(title)}**`;
  const finite = series.map((s) => ({ label: s.label, points: s.points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.at)) }));
  const times = finite.flatMap((s) => s.points.map((p) => p.at));
  if (times.length === 0) return `${heading}\n\nNo finite samples to draw${series.length > 0 ? ` for ${series.map((s) => literalMarkdown(s.label)).join(", ")}` : ""}.`;
  const start = Math.min(...times);
  const end = Math.max(...times);
  // Two points at least: Mermaid spreads a line's points evenly over the x axis, and one point has no spread.
  const buckets = Math.max(2, Math.min(MAX_POINTS, new Set(times).size));
  const width = (end - start) / buckets;
  const drawn = finite.filter((s) => s.points.length > 0).map((s) => ({ label: s.label, values: bucketMeans(s.points, start, end, buckets) }));
  const flat = thresholds.filter((t) => Number.isFinite(t.value));
  const lines = [...drawn, ...flat.map((t) => ({ label: `${t.label}: ${plain(t.value)}`, values: new Array<number>(buckets).fill(t.value) }))];
  const all = lines.flatMap((l) => l.values);
  const low = Math.min(0, ...all);
  const high = Math.max(...all);
  const top = high === low ? low + 1 : high + (high - low) * 0.1;
  const colours = lines.map((_, i) => PALETTE[i % PALETTE.length]!);
  // The axis runs from the first bucket's middle to the last one's, so each point sits over its bucket.
  const axis = end > start ? `${minutes(width / 2)} --> ${minutes(end - start - width / 2)}` : "0 --> 1";
  const block = [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colours.map((c) => c.colour).join(", ")}"}}}}%%`,
    "xychart-beta",
    `  title "${mermaidLabel(title, 80)}"`,
    `  x-axis "minutes" ${axis}`,
    `  y-axis "value" ${plain(low)} --> ${plain(top)}`,
    ...lines.map((l) => `  line [${l.values.map(plain).join(", ")}]`),
    "```",
  ];
  const legend = lines.map((l, i) => `${colours[i]!.square} ${literalMarkdown(l.label)}`);
  const missing = [
    ...finite.filter((s) => s.points.length === 0).map((s) => `${literalMarkdown(s.label)}: no finite samples`),
    ...thresholds.filter((t) => !Number.isFinite(t.value)).map((t) => `${literalMarkdown(t.label)}: no finite value`),
  ];
  const downsampled = buckets < new Set(times).size ? [`Each point is the mean of a ${bucketWidth(width)} bucket (${MAX_POINTS} points at most).`] : [];
  return [heading, "", block.join("\n"), "", [...legend, ...missing].join(" · "), ...downsampled.flatMap((note) => ["", note])].join("\n");
}
