import { glob, stat } from "node:fs/promises";
import path from "node:path";
import type { Invocation } from "../core/capability.ts";
import { UserError } from "../core/errors.ts";
import type { ChangedLines } from "../git/unified-diff.ts";
import { evaluateCoverage, type CoverageVerdict } from "./evaluate.ts";
import type { CoverageReport } from "./model.ts";
import { mergeReports } from "./merge.ts";
import { parseCoverageFile } from "./parse.ts";
import { patchCoverage } from "./patch.ts";
import type { CoverageSettings } from "./settings.ts";
import type { CoverageLinks } from "./summary.ts";

/** Where the lines of a change come from: git locally, the pull-request API in a shallow CI checkout. */
export type ChangedLinesSource = () => Promise<ChangedLines | { unavailable: string }>;

/** The change whose lines the patch coverage measures. */
export interface ChangedLinesRequest {
  root: string;
  base: string;
  head: string;
  /** The event's pull request: its files API answers when the checkout lacks the commits. */
  pullRequest?: number;
  token: string | undefined;
}

/** The changed lines from git when both commits are in the checkout, else from the pull request's files API. */
export async function changedLinesOfRun(request: ChangedLinesRequest, invocation: Invocation): Promise<ChangedLines | { unavailable: string }> {
  // git (node:child_process) loads for changed lines only.
  const { changedLinesBetween, hasCommit } = await import("../git/diff.ts");
  const { root, base, head, pullRequest } = request;
  if (pullRequest === undefined || ((await hasCommit(root, base)) && (await hasCommit(root, head)))) return changedLinesBetween(root, base, head);
  if (!request.token) return { unavailable: "the base commit is not in the checkout (use fetch-depth: 0) and no token was given to ask the API" };
  const { octokitOfRun } = await import("../github/run-client.ts");
  const { changedLinesOfPullRequest } = await import("../github/pull-files.ts");
  const { run } = invocation;
  const octokit = octokitOfRun(request.token, invocation);
  const { changed, withoutPatch } = await changedLinesOfPullRequest(octokit, { owner: run.owner, repo: run.repo, number: pullRequest });
  if (withoutPatch.length > 0) invocation.warn(`GitHub sent no diff for ${withoutPatch.length} changed file(s) (binary or too large); their lines are not measured.`);
  return changed;
}

export interface CoverageRun extends CoverageVerdict {
  format: string;
  reportFiles: string[];
  fileCount: number;
}

const globCharacters = /[*?[\]{}]/;

/** Report files named by the settings, in a stable order; a named file or a pattern that matches nothing is an error. */
export async function resolveReportFiles(patterns: string[], root: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (!globCharacters.test(pattern)) {
      const absolute = path.resolve(root, pattern);
      try {
        if (!(await stat(absolute)).isFile()) throw new UserError(`coverage report ${pattern} is not a file`);
      } catch (error) {
        if (error instanceof UserError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ELOOP") throw new UserError(`coverage report ${pattern} is a symbolic link that leads back to itself (a loop)`);
        if (code === "EACCES" || code === "EPERM") throw new UserError(`coverage report ${pattern}: permission denied`);
        if (code !== "ENOENT" && code !== "ENOTDIR") throw new UserError(`coverage report ${pattern} cannot be read (${code ?? String(error)})`);
        throw new UserError(`coverage report ${pattern} not found (looked in ${root})`);
      }
      found.add(absolute);
      continue;
    }
    let matched = 0;
    for await (const entry of glob(pattern, { cwd: root, exclude: (name) => name === "node_modules" || name === ".git" })) {
      const absolute = path.resolve(root, entry);
      if ((await stat(absolute)).isFile()) {
        found.add(absolute);
        matched++;
      }
    }
    if (matched === 0) throw new UserError(`no coverage report matches ${pattern} (looked in ${root})`);
  }
  return [...found].sort();
}

function displayName(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}

export async function runCoverageGate(settings: CoverageSettings, changedLines?: ChangedLinesSource, links?: CoverageLinks): Promise<CoverageRun> {
  const files = await resolveReportFiles(settings.reports, settings.reportsBase);
  const wantPatch = changedLines !== undefined;
  const reports: CoverageReport[] = [];
  for (const file of files) {
    reports.push(await parseCoverageFile(file, { format: settings.format, lineDetail: wantPatch, displayName: displayName(file, settings.root) }));
  }
  const report = mergeReports(reports, { workspace: settings.root });

  let baseline: CoverageReport | undefined;
  // The base's report: its totals give the delta (and max-drop), its files the delta of each impacted file.
  if (settings.baseline) {
    const [baselineFile] = await resolveReportFiles([settings.baseline], settings.root);
    const parsed = await parseCoverageFile(baselineFile!, { format: settings.format, lineDetail: false, displayName: settings.baseline });
    baseline = mergeReports([parsed], { workspace: settings.root });
  }

  let patch;
  let patchSkipped: string | undefined;
  if (changedLines) {
    const changed = await changedLines();
    if (changed instanceof Map) patch = patchCoverage(report, changed);
    else patchSkipped = changed.unavailable;
  }

  const verdict = evaluateCoverage({
    report,
    reportFiles: files.map((f) => displayName(f, settings.root)),
    thresholds: settings.thresholds,
    ...(patch ? { patch } : {}),
    ...(patchSkipped ? { patchSkipped } : {}),
    ...(baseline ? { baseline: baseline.totals.lines, baselineFiles: new Map(baseline.files.map((f) => [f.path, f.lines])) } : {}),
    ...(links ? { links } : {}),
    worstFiles: settings.worstFiles,
  });
  return { ...verdict, format: report.format, reportFiles: files.map((f) => displayName(f, settings.root)), fileCount: report.files.length };
}
