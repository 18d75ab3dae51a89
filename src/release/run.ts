import type { GateResult } from "../core/result.ts";
import { GitRepository } from "../git/git.ts";
import { cell } from "../report/markdown.ts";
import { code, link, nestedNotes, plain } from "../report/blocks.ts";
import { branchFor } from "../version/repository.ts";
import { planRelease, type PlanRequest } from "./plan.ts";
import { moveMajorTag, type MajorTagOutcome } from "./major-tag.ts";
import { publishRelease, type PublishOutcome, type ReleasePlan } from "./publish.ts";
import { RecordingScm, type PlannedCall } from "./recording-scm.ts";
import type { ReleaseScm } from "./ports.ts";

/**
 * The release use case shared by the `release` action and `shipgate release`: plan from the checkout, then tag
 * and publish through the ReleaseScm (in a dry run, a RecordingScm that only reads).
 */

export interface ReleaseReport {
  dryRun: boolean;
  repository: string;
  /** The branch the release is cut from (the checked-out one unless given). */
  branch: string | null;
  current: string | null;
  plan: ReleasePlan | null;
  outcome: PublishOutcome | null;
  /** The major tag (v1) after the release, when asked to move it and the release is done. */
  majorTag: MajorTagOutcome | null;
  /** The writes a dry run would make, in order (empty otherwise). */
  planned: PlannedCall[];
}

/** The branch is resolved before planning, so that the report names the branch the version was computed for. */
export async function runRelease(scm: ReleaseScm, request: PlanRequest, options: { dryRun: boolean; majorTag?: boolean }): Promise<ReleaseReport> {
  const git = await GitRepository.open(request.repo);
  const branch = request.branch ?? branchFor(request, git);
  const { plan, current } = await planRelease({ ...request, branch });
  const base = { dryRun: options.dryRun, repository: scm.repository, branch: branch ?? null, current, plan, outcome: null, majorTag: null, planned: [] };
  if (!plan) return base;
  const target = options.dryRun ? new RecordingScm(scm) : scm;
  const outcome = await publishRelease(target, plan);
  // The major tag follows a release that is done (made now or before), never one that conflicts or lost a race.
  const done = outcome.state === "created" || outcome.state === "unchanged";
  const moved = options.majorTag && done ? await moveMajorTag(target, plan, (ancestor, descendant) => git.isAncestor(ancestor, descendant)) : null;
  const majorTag = moved && options.dryRun ? { ...moved, message: `dry run, nothing written: ${moved.message}` } : moved;
  return { ...base, outcome, majorTag, planned: target instanceof RecordingScm ? target.calls : [] };
}

/** The major tag points at this release (created, moved, or already there). */
export function majorTagFollows(report: ReleaseReport): boolean {
  const state = report.majorTag?.state;
  return state === "created" || state === "moved" || state === "unchanged";
}

/** `created` output: this run made the release (or, in a dry run, would). */
export function releaseCreated(report: ReleaseReport): boolean {
  return report.outcome?.state === "created";
}

export function releaseJson(report: ReleaseReport): Record<string, unknown> {
  return {
    repository: report.repository,
    dryRun: report.dryRun,
    branch: report.branch,
    current: report.current,
    version: report.plan?.version ?? null,
    tag: report.plan?.tag ?? null,
    commit: report.plan?.commit ?? null,
    prerelease: report.plan?.prerelease ?? false,
    notes: report.plan?.notes ?? null,
    state: report.outcome?.state ?? "nothing-to-release",
    created: releaseCreated(report),
    releaseUrl: report.dryRun ? null : (report.outcome?.release?.url ?? null),
    message: report.outcome?.message ?? null,
    steps: report.outcome?.steps ?? [],
    majorTag: report.majorTag,
    plannedCalls: report.planned,
  };
}

function title(report: ReleaseReport): string {
  const plan = report.plan;
  if (!plan || !report.outcome) return "no release: nothing since the previous release calls for one";
  const prefix = report.dryRun ? "dry run: " : "";
  switch (report.outcome.state) {
    case "created":
      return `${prefix}${report.dryRun ? "would release" : "released"} ${plan.version} as ${plan.tag}`;
    case "unchanged":
      return `${prefix}${plan.tag} is already released`;
    case "lost-race":
    case "conflict":
      return `${prefix}${report.outcome.message ?? plan.tag}`;
  }
}

export function releaseResult(report: ReleaseReport): GateResult {
  const plan = report.plan;
  const state = report.outcome?.state;
  const published = report.outcome?.release && !report.dryRun ? report.outcome.release.url : undefined;
  const rows = plan
    ? [
        "| Version | Tag | Branch | Commit | Release |",
        "| --- | --- | --- | --- | --- |",
        `| ${plan.version}${plan.prerelease ? " (prerelease)" : ""} | ${code(plan.tag)} | ${report.branch ? code(report.branch) : "—"} | ${code(plan.commit.slice(0, 7))} | ${published ? link(plain(plan.tag), published) : "—"} |`,
      ]
    : [];
  const steps = [...(report.outcome?.steps ?? []), ...(report.majorTag ? [report.majorTag.message] : [])].map((s) => `- ${s}`);
  const planned = report.planned.map((c) => `| \`${c.call}\` | ${cell(c.purpose)} |`);
  const summary = [
    ...rows,
    ...(steps.length > 0 ? ["", ...steps] : []),
    ...(report.dryRun ? ["", "API calls this run would make (nothing was written):", "", "| Call | Purpose |", "| --- | --- |", ...(planned.length > 0 ? planned : ["| none | everything already exists |"])] : []),
    ...(plan ? ["", nestedNotes(plan.notes)] : []),
  ].join("\n");
  return {
    gate: "release",
    status: state === "conflict" ? "fail" : state === undefined ? "skip" : state === "lost-race" || report.majorTag?.state === "diverged" ? "warn" : "pass",
    title: title(report),
    summary,
    findings: [
      ...(state === "conflict" || state === "lost-race" ? [{ level: state === "conflict" ? ("failure" as const) : ("warning" as const), message: report.outcome?.message ?? "" }] : []),
      ...(report.majorTag?.state === "diverged" ? [{ level: "warning" as const, message: report.majorTag.message }] : []),
    ],
    metrics: { version: plan?.version ?? null, tag: plan?.tag ?? null, state: state ?? "nothing-to-release", dryRun: report.dryRun },
  };
}

export function releaseText(report: ReleaseReport): string {
  const plan = report.plan;
  const lines = [`${title(report)} (${report.repository})`];
  if (plan) {
    lines.push(`Version:  ${plan.version}${report.current ? ` (after ${report.current})` : ""}`, `Tag:      ${plan.tag} at ${plan.commit}`, `Branch:   ${report.branch ?? "(detached)"}`);
    if (report.outcome?.release && !report.dryRun) lines.push(`Release:  ${report.outcome.release.url}`);
    for (const step of report.outcome?.steps ?? []) lines.push(`  - ${step}`);
    if (report.majorTag) lines.push(`  - ${report.majorTag.message}`);
    if (report.dryRun) {
      lines.push("API calls this run would make (nothing was written):");
      for (const call of report.planned) lines.push(`  ${call.call}  # ${call.purpose}`);
      if (report.planned.length === 0) lines.push("  none: everything already exists");
    }
    lines.push("", "Release notes:", plan.notes.trimEnd());
  }
  return lines.join("\n") + "\n";
}
