/**
 * What reviewers read of the coverage gate, laid out as coverage services do: the verdict's key figure first, a
 * table of project, patch and their delta against the base, a bar of them against the threshold, and the impacted
 * files with their coverage, patch coverage, delta and links to the uncovered changed lines.
 */
import { code, count, details, link, someOf, table } from "../report/blocks.ts";
import { cell } from "../report/markdown.ts";
import { barChart } from "../report/pictures.ts";
import type { Counter, CoverageReport } from "./model.ts";
import { formatPercent, meets, percent } from "./measure.ts";
import type { LineRange, PatchCoverage } from "./patch.ts";

/** Where the summary's links point; set when the run knows its repository and commit. */
export interface CoverageLinks {
  /** `https://github.com/OWNER/REPO/blob/SHA/`: a path and `#L<a>-L<b>` follow. */
  blob?: string;
  /** The base's name in "-23.30 pts vs main"; "base" when unknown. */
  baseName?: string;
}

export interface CoverageView {
  input: {
    report: CoverageReport;
    reportFiles: string[];
    thresholds: { lines?: number; branches?: number; functions?: number; perFile?: number; patch?: number; maxDrop?: number };
    patch?: PatchCoverage;
    patchSkipped?: string;
    baselineFiles?: ReadonlyMap<string, Counter>;
    links?: CoverageLinks;
    worstFiles: number;
  };
  checks: { name: string; ok: boolean; text: string }[];
  base: Counter | null;
  delta: number | null;
}

const MAX_IMPACTED = 25;
const MAX_RANGES_PER_FILE = 8;
const MAX_NAMED = 10;

const baseName = (view: CoverageView) => view.input.links?.baseName ?? "base";

function points(delta: number): string {
  return `${delta > 0 ? "+" : delta < 0 ? "-" : "±"}${Math.abs(delta).toFixed(2)} pts`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Patch 37.50 % < 80 % · project 70.83 % (-23.30 pts vs main)": failures first, then the figures they leave out. */
export function coverageTitle(view: CoverageView): string {
  const { report, patch } = view.input;
  const lines = report.totals.lines;
  const failed = view.checks.filter((c) => !c.ok);
  if (lines.total === 0 && failed.length === 0) return "Nothing measured (0 of 0 lines); no threshold set";
  const lead = failed.slice(0, 2);
  const asProject = (text: string) => text.replace(/^lines/, "project");
  const deltaText = view.delta === null || lead.some((c) => c.name === "drop") ? "" : ` (${points(view.delta)} vs ${baseName(view)})`;
  const parts = lead.map((c) => (c.name === "lines" ? asProject(c.text) + deltaText : c.text));
  if (!lead.some((c) => c.name === "lines") && lines.total > 0) {
    const passed = view.checks.find((c) => c.name === "lines");
    parts.push((failed.length === 0 && passed ? asProject(passed.text) : `project ${formatPercent(percent(lines))}`) + deltaText);
  }
  if (failed.length === 0 && patch && patch.total > 0) parts.push(view.checks.find((c) => c.name === "patch")?.text ?? `patch ${formatPercent(percent(patch))}`);
  if (failed.length > lead.length) parts.push(`${failed.length - lead.length} more failed`);
  return capitalised(parts.join(" · "));
}

function pctOf(counter: Counter | null): string {
  if (!counter) return "–";
  if (counter.total === 0) return "nothing measured";
  return `${formatPercent(percent(counter))} (${counter.covered}/${counter.total})`;
}

function mark(counter: Counter | null, threshold: number | undefined): string {
  if (threshold === undefined) return "";
  return counter && counter.total > 0 && meets(counter, threshold) ? "✅" : "❌";
}

function measuresTable(view: CoverageView): string {
  const { report, thresholds, patch } = view.input;
  const { lines, branches, functions } = report.totals;
  const min = (t: number | undefined) => (t === undefined ? "–" : `${t} %`);
  const rows: string[][] = [];
  const drop = view.checks.find((c) => c.name === "drop");
  const lineMark = [mark(lines, thresholds.lines), drop ? (drop.ok ? "" : "❌ drop") : ""].filter(Boolean).join(" ");
  rows.push(["**Project** (lines)", pctOf(lines), min(thresholds.lines), view.base ? formatPercent(percent(view.base)) : "–", view.delta === null ? "–" : points(view.delta), lineMark]);
  if (patch) rows.push(["**Patch** (changed lines)", pctOf(patch), min(thresholds.patch), "", "", patch.total > 0 ? mark(patch, thresholds.patch) : ""]);
  if (branches || thresholds.branches !== undefined) rows.push(["Branches", pctOf(branches), min(thresholds.branches), "", "", mark(branches, thresholds.branches)]);
  if (functions || thresholds.functions !== undefined) rows.push(["Functions", pctOf(functions), min(thresholds.functions), "", "", mark(functions, thresholds.functions)]);
  return table(["", "Coverage", "Minimum", `Base (${cell(baseName(view))})`, "Δ", ""], rows, ["left", "right", "right", "right", "right"]);
}

function rangeLink(view: CoverageView, range: LineRange): string {
  const label = range.start === range.end ? `L${range.start}` : `L${range.start}-L${range.end}`;
  const blob = view.input.links?.blob;
  const anchor = range.start === range.end ? `#L${range.start}` : `#L${range.start}-L${range.end}`;
  return blob ? link(label, `${blob}${encodePath(range.file)}${anchor}`) : label;
}

function encodePath(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function impactedTable(view: CoverageView): string | undefined {
  const { patch, report, baselineFiles } = view.input;
  if (!patch || patch.files.length === 0) return undefined;
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const ranges = new Map<string, LineRange[]>();
  for (const range of patch.uncovered) ranges.set(range.file, [...(ranges.get(range.file) ?? []), range]);
  const ordered = [...patch.files].sort((a, b) => a.covered / a.total - b.covered / b.total || a.file.localeCompare(b.file));
  const rows = ordered.slice(0, MAX_IMPACTED).map((p) => {
    const file = byPath.get(p.file);
    const now = file ? percent(file.lines) : null;
    const before = baselineFiles?.get(p.file);
    const was = before ? percent(before) : null;
    const delta = now !== null && was !== null ? points(now - was) : baselineFiles ? "new" : "–";
    const missed = ranges.get(p.file) ?? [];
    const shown = missed.slice(0, MAX_RANGES_PER_FILE).map((r) => rangeLink(view, r));
    if (missed.length > MAX_RANGES_PER_FILE) shown.push(`+${missed.length - MAX_RANGES_PER_FILE} more`);
    const blob = view.input.links?.blob;
    return [blob ? link(code(p.file), `${blob}${encodePath(p.file)}`) : code(p.file), formatPercent(now), `${formatPercent(percent(p))} (${p.covered}/${p.total})`, delta, shown.join(", ") || "–"];
  });
  const more = ordered.length > MAX_IMPACTED ? `\n\n${ordered.length - MAX_IMPACTED} more impacted files are not listed.` : "";
  return `**Impacted files** (${count(patch.files.length, "file")}, least covered change first)\n\n${table(["File", "Coverage", "Patch", "Δ", "Uncovered changed lines"], rows, ["left", "right", "right", "right"])}${more}`;
}

function worstTable(view: CoverageView): string | undefined {
  const measured = view.input.report.files.filter((f) => f.lines.total > 0);
  const worst = [...measured]
    .sort((a, b) => a.lines.covered / a.lines.total - b.lines.covered / b.lines.total || a.path.localeCompare(b.path))
    .slice(0, view.input.worstFiles);
  if (worst.length === 0) return undefined;
  const floor = view.input.thresholds.perFile;
  const rows = worst.map((f) => [code(f.path), `${f.lines.covered}/${f.lines.total}`, formatPercent(percent(f.lines)), floor === undefined ? "" : meets(f.lines, floor) ? "" : `❌ < ${floor} %`]);
  const below = floor === undefined ? 0 : measured.filter((f) => !meets(f.lines, floor)).length;
  const label = below > 0 ? `${count(below, "file")} below the per-file minimum of ${floor} %; least covered files` : "Least covered files";
  const body = table(["File", "Lines", "%", ""], rows, ["left", "right", "right"]);
  // Files below the floor fail the gate: the reviewer must see them without a click.
  return below > 0 ? `**${label}**\n\n${body}` : details(label, body);
}

function patchNotes(view: CoverageView): string[] {
  const { patch, patchSkipped } = view.input;
  const notes: string[] = [];
  if (patchSkipped) notes.push(`Patch coverage not measured: ${cell(patchSkipped)}.`);
  if (patch && patch.total === 0) notes.push("No changed line of this change is an executable line of the report.");
  if (patch && patch.filesNotInReport.length > 0) {
    const names = patch.filesNotInReport.map(code);
    notes.push(`${count(names.length, "changed file")} not in the coverage report: ${someOf(names, MAX_NAMED)}.`);
  }
  return notes;
}

function picture(view: CoverageView): string | undefined {
  const { report, patch, thresholds } = view.input;
  const bars: { label: string; value: number }[] = [];
  const project = percent(report.totals.lines);
  if (project !== null) bars.push({ label: "project", value: project });
  const patchPct = patch ? percent(patch) : null;
  if (patchPct !== null) bars.push({ label: "patch", value: patchPct });
  const basePct = view.base ? percent(view.base) : null;
  if (basePct !== null) bars.push({ label: baseName(view), value: basePct });
  const threshold = thresholds.patch !== undefined && patchPct !== null ? Math.max(thresholds.patch, thresholds.lines ?? 0) : thresholds.lines;
  if (bars.length < 2 || threshold === undefined) return undefined;
  const minimum = thresholds.lines !== undefined && thresholds.patch !== undefined && thresholds.lines !== thresholds.patch ? `minimum (lines ${thresholds.lines} %, patch ${thresholds.patch} %)` : `minimum ${threshold} %`;
  return barChart({ title: `Line coverage against the ${minimum}`, unit: "%", bars, threshold: { label: "minimum", values: bars.map((b) => (b.label === "patch" ? (thresholds.patch ?? threshold) : (thresholds.lines ?? threshold))) } });
}

export function coverageSummary(view: CoverageView): string {
  const { reportFiles, report } = view.input;
  const sources = `${count(report.files.length, "file")} measured in ${reportFiles.map(code).join(", ")} (${report.format}).`;
  return [measuresTable(view), picture(view), impactedTable(view), ...patchNotes(view), worstTable(view), sources].filter(Boolean).join("\n\n");
}
