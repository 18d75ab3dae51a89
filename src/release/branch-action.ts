import type { ActionContext, ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import type { ReleaseBranchesPolicy } from "../policy/types.ts";
import { cell } from "../report/markdown.ts";
import { planRequestOf, readReleaseSettings, scmOfRun, type ReleaseSettings } from "./action.ts";
import { baseOf, branchName, finishBranch, parseBranch, startBranch, type BranchKind } from "./branch.ts";
import { planRelease } from "./plan.ts";
import { RecordingScm, type PlannedCall } from "./recording-scm.ts";
import type { ReleaseScm } from "./scm.ts";
import { updatersFor } from "./updaters/index.ts";
import { tagFormatOf, tagName } from "../version/tags.ts";

/**
 * The `release-branch` action, modes start (release branch from development), hotfix (hotfix branch from
 * production) and finish (tag, release, back-merge of a merged release or hotfix branch).
 */

const MODES = ["start", "finish", "hotfix"] as const;
type Mode = (typeof MODES)[number];

interface BranchSettings extends ReleaseSettings {
  mode: Mode;
  branches: ReleaseBranchesPolicy;
  /** finish: the branch to finish, when given. */
  branch: string | undefined;
}

interface BranchRun {
  version: string | null;
  tag: string | null;
  branch: string | null;
  pullUrl: string | null;
  pullNumber: number | null;
  releaseUrl: string | null;
  backMergeUrl: string | null;
  created: boolean;
  steps: string[];
  notes: string | null;
  /** Set when the run must fail (a tag conflict). */
  failed: string | null;
  /** Set when there was nothing to do, and why. */
  skipped: string | null;
}

const EMPTY: BranchRun = { version: null, tag: null, branch: null, pullUrl: null, pullNumber: null, releaseUrl: null, backMergeUrl: null, created: false, steps: [], notes: null, failed: null, skipped: null };

async function readBranchSettings(context: ActionContext): Promise<BranchSettings> {
  const { inputs } = context;
  const mode = inputs.oneOf("mode", MODES);
  if (!mode) throw new UserError(`input "mode" is required: one of ${MODES.join(", ")}`);
  const settings = await readReleaseSettings(context);
  const branches = { ...settings.request.rules.branches };
  branches["delete-branch"] = inputs.boolean("delete-branch") ?? branches["delete-branch"];
  branches["deploy-workflow"] = inputs.string("deploy-workflow") ?? branches["deploy-workflow"];
  updatersFor(branches["version-files"], "release.branches.version-files");
  return { ...settings, mode, branches, branch: inputs.string("branch") };
}

/** The branch of the run's pull_request event, when it is a closed one; its merge state decides. */
function eventBranch(context: ActionContext): { branch: string; merged: boolean } | undefined {
  const pull = context.run.event.pull_request as { merged?: boolean; head?: { ref?: string } } | undefined;
  if (!pull?.head?.ref) return undefined;
  return { branch: pull.head.ref, merged: pull.merged === true };
}

async function branchToFinish(scm: ReleaseScm, settings: BranchSettings, context: ActionContext): Promise<{ branch: string; kind: BranchKind; version: string } | { skipped: string }> {
  const { branches } = settings;
  const named = (branch: string, where: string) => {
    const parsed = parseBranch(branch, branches);
    if (!parsed) throw new UserError(`${where}: "${branch}" is neither a release branch (${branches.release}) nor a hotfix branch (${branches.hotfix})`);
    return { branch, ...parsed };
  };
  if (settings.branch) return named(settings.branch, 'input "branch"');
  if (settings.version) {
    for (const kind of ["hotfix", "release"] as const) {
      const branch = branchName(branches[kind], settings.version);
      if ((await scm.findPulls(branch, branches.production, "all")).length > 0 || (await scm.getRef(`heads/${branch}`))) return { branch, kind, version: settings.version };
    }
    throw new UserError(`input "version": neither ${branchName(branches.release, settings.version)} nor ${branchName(branches.hotfix, settings.version)} exists or has a pull request into ${branches.production}`);
  }
  const fromEvent = eventBranch(context);
  if (fromEvent) {
    if (!parseBranch(fromEvent.branch, branches)) return { skipped: `pull request branch ${fromEvent.branch} is not a release or hotfix branch` };
    if (!fromEvent.merged) return { skipped: `the pull request of ${fromEvent.branch} was closed without being merged` };
    return named(fromEvent.branch, "the pull request event");
  }
  return unfinishedMergedBranch(scm, settings);
}

/**
 * A finish by dispatch that names nothing: the release or hotfix pull request merged into production whose tag
 * does not exist yet, among the recently updated closed ones. Exactly one must qualify: none, or two (which one
 * first is the release manager's call, not a guess), fails naming what was found.
 */
async function unfinishedMergedBranch(scm: ReleaseScm, settings: BranchSettings): Promise<{ branch: string; kind: BranchKind; version: string }> {
  const { branches } = settings;
  const format = tagFormatOf(settings.request.rules);
  const unfinished: { branch: string; kind: BranchKind; version: string; number: number }[] = [];
  const seen = new Set<string>();
  for (const pull of await scm.recentlyMergedPulls(branches.production)) {
    const parsed = parseBranch(pull.head, branches);
    if (!parsed || seen.has(pull.head)) continue;
    seen.add(pull.head);
    if (await scm.getRef(`tags/${tagName(parsed.version, format)}`)) continue;
    unfinished.push({ branch: pull.head, ...parsed, number: pull.number });
  }
  const hint = 'give input "branch" or "version" to choose';
  if (unfinished.length === 0) {
    throw new UserError(
      `mode finish without "branch" or "version": no merged release (${branches.release}) or hotfix (${branches.hotfix}) pull request into ${branches.production} lacks its tag among the recently closed pull requests; nothing to finish, or ${hint}`,
    );
  }
  if (unfinished.length > 1) {
    const listed = unfinished.map((u) => `${u.branch} (#${u.number})`).join(", ");
    throw new UserError(`mode finish without "branch" or "version": ${unfinished.length} merged pull requests into ${branches.production} lack their tags: ${listed}; ${hint}`);
  }
  const [only] = unfinished as [(typeof unfinished)[number]];
  return { branch: only.branch, kind: only.kind, version: only.version };
}

async function runStart(scm: ReleaseScm, settings: BranchSettings, context: ActionContext, kind: BranchKind): Promise<BranchRun> {
  const base = baseOf(kind, settings.branches);
  const request = { ...planRequestOf(settings, context), branch: base, bump: kind === "hotfix" ? ("patch" as const) : settings.bump, prerelease: false };
  const { plan } = await planRelease(request);
  if (!plan) return { ...EMPTY, skipped: `nothing on ${base} since the previous release calls for one` };
  if ((await scm.commitsAhead(base, plan.commit)) > 0) {
    throw new UserError(`the checkout (${plan.commit}) is not on ${base}: check out ${base} to start a ${kind} (actions/checkout with ref: ${base} and fetch-depth: 0)`);
  }
  const outcome = await startBranch(scm, { kind, plan, branches: settings.branches, files: updatersFor(settings.branches["version-files"], "release.branches.version-files") });
  return {
    ...EMPTY,
    version: plan.version,
    tag: plan.tag,
    branch: outcome.branch,
    pullUrl: outcome.pull.url,
    pullNumber: outcome.pull.number,
    created: outcome.changed,
    steps: outcome.steps,
    notes: plan.notes,
  };
}

async function runFinish(scm: ReleaseScm, settings: BranchSettings, context: ActionContext): Promise<BranchRun> {
  const target = await branchToFinish(scm, settings, context);
  if ("skipped" in target) return { ...EMPTY, skipped: target.skipped };
  // The merged branch is the final release of the version it names: `prerelease` marks its GitHub release only.
  const request = { ...planRequestOf(settings, context), version: target.version, branch: settings.branches.production, prerelease: false, markPrerelease: settings.prerelease };
  const outcome = await finishBranch(
    scm,
    {
      ...target,
      branches: settings.branches,
      planFor: async (commit) => {
        const { plan } = await planRelease({ ...request, to: commit });
        if (!plan) throw new UserError(`no release plan for ${target.version}`);
        return plan;
      },
    },
  );
  const state = outcome.publish?.state;
  return {
    ...EMPTY,
    version: target.version,
    tag: outcome.plan?.tag ?? null,
    branch: target.branch,
    releaseUrl: outcome.publish?.release?.url ?? null,
    backMergeUrl: outcome.backMerge?.url ?? null,
    created: state === "created",
    steps: outcome.steps,
    notes: outcome.plan?.notes ?? null,
    failed: state === "conflict" ? (outcome.publish?.message ?? "tag conflict") : outcome.blocked,
  };
}

function branchResult(settings: BranchSettings, run: BranchRun, planned: PlannedCall[]): GateResult {
  const dry = settings.dryRun ? "dry run: " : "";
  const what = settings.mode === "finish" ? `finish ${run.branch ?? ""}`.trim() : `${settings.mode} ${run.branch ?? ""}`.trim();
  const title = run.skipped ? `${dry}nothing to do: ${run.skipped}` : run.failed ? `${dry}${what}: ${run.failed}` : `${dry}${what}${run.version ? ` (${run.version})` : ""}${run.created ? "" : ": already done"}`;
  const summary = [
    ...(run.version ? ["| Version | Tag | Branch | Pull request | Release |", "| --- | --- | --- | --- | --- |", `| ${run.version} | \`${cell(run.tag ?? "")}\` | \`${cell(run.branch ?? "")}\` | ${run.pullUrl ?? run.backMergeUrl ?? "—"} | ${run.releaseUrl ?? "—"} |`, ""] : []),
    ...run.steps.map((s) => `- ${s}`),
    ...(settings.dryRun ? ["", "API calls this run would make (nothing was written):", "", "| Call | Purpose |", "| --- | --- |", ...(planned.length > 0 ? planned.map((c) => `| \`${c.call}\` | ${cell(c.purpose)} |`) : ["| none | everything already exists |"])] : []),
    ...(run.notes ? ["", "Release notes:", "", run.notes] : []),
  ].join("\n");
  return {
    gate: "release-branch",
    status: run.failed ? "fail" : run.skipped ? "skip" : "pass",
    title,
    summary,
    findings: run.failed ? [{ level: "failure", message: run.failed }] : [],
    metrics: { mode: settings.mode, version: run.version, branch: run.branch, dryRun: settings.dryRun },
  };
}

export const releaseBranchAction: ActionDefinition<BranchSettings> = {
  name: "release-branch",
  readSettings: readBranchSettings,
  async run(settings, context) {
    const real = await scmOfRun(context, settings.token);
    const recording = settings.dryRun ? new RecordingScm(real) : null;
    const scm = recording ?? real;
    const run = settings.mode === "finish" ? await runFinish(scm, settings, context) : await runStart(scm, settings, context, settings.mode === "start" ? "release" : "hotfix");
    const visible = (url: string | null) => (settings.dryRun || url === null ? "" : url);
    return {
      results: [branchResult(settings, run, recording?.calls ?? [])],
      outputs: {
        version: run.version ?? "",
        tag: run.tag ?? "",
        branch: run.branch ?? "",
        "pull-request": run.pullNumber && !settings.dryRun ? run.pullNumber : "",
        "pull-request-url": visible(run.pullUrl),
        "release-url": visible(run.releaseUrl),
        "back-merge-url": visible(run.backMergeUrl),
        created: run.created && !settings.dryRun,
      },
      ...(run.failed ? { failed: run.failed } : {}),
    };
  },
};
