import type { Invocation } from "../core/capability.ts";
import { ExternalError, UserError } from "../core/errors.ts";
import { runGit } from "../git/run-git.ts";
import type { Repository } from "../github/target.ts";
import type { ReleaseBranchesPolicy } from "../policy/types.ts";
import type { RepositoryLinks } from "../changelog/render.ts";
import type { MentionPolicy } from "../report/neutralise.ts";
import { planRelease, type BumpChoice, type PlanRequest } from "../release/plan.ts";
import { RecordingScm, type PlannedCall } from "../release/recording-scm.ts";
import type { ReleaseScm } from "../release/ports.ts";
import type { VersionUpdater } from "../release/updaters/index.ts";
import type { RunbookSettings } from "../runbooks/settings.ts";
import type { ReleaseRules } from "../version/rules.ts";
import { tagFormatOf, tagName } from "../version/tags.ts";
import { baseOf, branchName, parseBranch, type BranchKind } from "./branches.ts";
import { finishBranch, startBranch } from "./steps.ts";

/**
 * The release-branch use case: start (release branch from development), hotfix (hotfix branch from production)
 * and finish (tag, release, back-merge of a merged release or hotfix branch). Versions and notes come from the
 * checkout, everything else from the API through a ReleaseScm; a dry run wraps it in a RecordingScm that only reads.
 */

export const MODES = ["start", "finish", "hotfix"] as const;
export type Mode = (typeof MODES)[number];

export interface BranchSettings {
  mode: Mode;
  /** The checkout the version and the notes are computed from. */
  root: string;
  repository: Repository;
  rules: ReleaseRules;
  branches: ReleaseBranchesPolicy;
  files: readonly { path: string; updater: VersionUpdater }[];
  /** The changelog file start commits the release's section to; null for none. */
  changelog: string | null;
  bump: BumpChoice;
  version: string | undefined;
  prerelease: boolean;
  dryRun: boolean;
  /** finish: the branch to finish, when given. */
  branch: string | undefined;
  /** finish: the head branch of the closed pull request of the run's event, and whether it was merged. */
  event: { branch: string; merged: boolean } | undefined;
  links: RepositoryLinks | null;
  today: string;
  /** Policy `report.mentions`, for the pull request and release bodies. */
  mentions: MentionPolicy;
  token: string;
  apiUrl: string;
  /** How the door names the options that choose the branch to finish: `input "branch"`, `--version`. */
  labels: { branch: string; version: string; either: string };
  /** The runbooks when runbooks.release-checklist is set: start opens the release's pre-release checklist. */
  checklist?: RunbookSettings | null;
  now?: Date;
}

export interface BranchRun {
  repository: string;
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
  /** Set when the run must fail (a tag conflict, a branch not merged yet). */
  failed: string | null;
  /** Set when there was nothing to do, and why. */
  skipped: string | null;
  /** What the run did but a person must finish (a back-merge that conflicts). */
  warnings: string[];
  /** The writes a dry run would make, in order (empty otherwise). */
  planned: PlannedCall[];
}

type Finding = Omit<BranchRun, "repository" | "planned">;

const EMPTY: Finding = { version: null, tag: null, branch: null, pullUrl: null, pullNumber: null, releaseUrl: null, backMergeUrl: null, created: false, steps: [], notes: null, failed: null, skipped: null, warnings: [] };

function planRequestOf(settings: BranchSettings): PlanRequest {
  return { repo: settings.root, rules: settings.rules, bump: settings.bump, version: settings.version, prerelease: settings.prerelease, links: settings.links, today: settings.today, mentions: settings.mentions };
}

async function branchToFinish(scm: ReleaseScm, settings: BranchSettings): Promise<{ branch: string; kind: BranchKind; version: string } | { skipped: string }> {
  const { branches, labels } = settings;
  const named = (branch: string, where: string) => {
    const parsed = parseBranch(branch, branches);
    if (!parsed) throw new UserError(`${where}: "${branch}" is neither a release branch (${branches.release}) nor a hotfix branch (${branches.hotfix})`);
    return { branch, ...parsed };
  };
  if (settings.branch) return named(settings.branch, labels.branch);
  if (settings.version) {
    for (const kind of ["hotfix", "release"] as const) {
      const branch = branchName(branches[kind], settings.version);
      if ((await scm.findPulls(branch, branches.production, "all")).length > 0 || (await scm.getRef(`heads/${branch}`))) return { branch, kind, version: settings.version };
    }
    throw new UserError(`${labels.version}: neither ${branchName(branches.release, settings.version)} nor ${branchName(branches.hotfix, settings.version)} exists or has a pull request into ${branches.production}`);
  }
  const fromEvent = settings.event;
  if (fromEvent) {
    if (!parseBranch(fromEvent.branch, branches)) return { skipped: `pull request branch ${fromEvent.branch} is not a release or hotfix branch` };
    if (!fromEvent.merged) return { skipped: `the pull request of ${fromEvent.branch} was closed without being merged` };
    return named(fromEvent.branch, "the pull request event");
  }
  return unfinishedMergedBranch(scm, settings);
}

/**
 * A finish that names nothing (a dispatch, the CLI): the release or hotfix pull request merged into production whose
 * tag does not exist yet, among the recently updated closed ones. Exactly one must qualify: none, or two (which one
 * first is the release manager's call, not a guess), fails naming what was found.
 */
async function unfinishedMergedBranch(scm: ReleaseScm, settings: BranchSettings): Promise<{ branch: string; kind: BranchKind; version: string }> {
  const { branches, labels } = settings;
  const format = tagFormatOf(settings.rules);
  const unfinished: { branch: string; kind: BranchKind; version: string; number: number }[] = [];
  const seen = new Set<string>();
  for (const pull of await scm.recentlyMergedPulls(branches.production)) {
    const parsed = parseBranch(pull.head, branches);
    if (!parsed || seen.has(pull.head)) continue;
    seen.add(pull.head);
    if (await scm.getRef(`tags/${tagName(parsed.version, format)}`)) continue;
    unfinished.push({ branch: pull.head, ...parsed, number: pull.number });
  }
  const hint = `give ${labels.either} to choose`;
  if (unfinished.length === 0) {
    throw new UserError(
      `finish without ${labels.either}: no merged release (${branches.release}) or hotfix (${branches.hotfix}) pull request into ${branches.production} lacks its tag among the recently closed pull requests; nothing to finish, or ${hint}`,
    );
  }
  if (unfinished.length > 1) {
    const listed = unfinished.map((u) => `${u.branch} (#${u.number})`).join(", ");
    throw new UserError(`finish without ${labels.either}: ${unfinished.length} merged pull requests into ${branches.production} lack their tags: ${listed}; ${hint}`);
  }
  const [only] = unfinished as [(typeof unfinished)[number]];
  return { branch: only.branch, kind: only.kind, version: only.version };
}

/** The release (or hotfix) branches that exist and whose version has no tag yet: started, not finished. */
async function openBranchesOf(scm: ReleaseScm, settings: BranchSettings, kind: BranchKind): Promise<{ name: string; version: string }[]> {
  const template = settings.branches[kind];
  const prefix = template.slice(0, template.indexOf("{version}"));
  const format = tagFormatOf(settings.rules);
  const open: { name: string; version: string }[] = [];
  for (const branch of await scm.listBranches(prefix)) {
    const parsed = parseBranch(branch.name, settings.branches);
    if (parsed?.kind !== kind) continue;
    if (!(await scm.getRef(`tags/${tagName(parsed.version, format)}`))) open.push({ name: branch.name, version: parsed.version });
  }
  return open;
}

async function runStart(scm: ReleaseScm, settings: BranchSettings, kind: BranchKind): Promise<Finding> {
  const base = baseOf(kind, settings.branches);
  const request = { ...planRequestOf(settings), branch: base, bump: kind === "hotfix" ? ("patch" as const) : settings.bump, prerelease: false };
  const tipPlan = (await planRelease(request)).plan;
  const open = await openBranchesOf(scm, settings, kind);
  const existing = open.find((b) => b.version === tipPlan?.version) ?? (tipPlan ? undefined : open[0]);
  if (open.length > 0 && !existing) {
    // git-flow keeps one release (and one hotfix) branch at a time: a second one would split what gets released.
    const listed = open.map((b) => b.name).join(", ");
    const failed = `${listed} ${open.length === 1 ? "is" : "are"} still open (started, not finished: no tag yet), and ${base} now calls for ${tipPlan?.version ?? "another version"}: git-flow allows one ${kind} branch at a time. Finish it (merge its pull request, then finish) or delete it before starting another; nothing was written`;
    return { ...EMPTY, version: tipPlan?.version ?? null, failed, steps: [failed] };
  }
  let plan = tipPlan;
  if (existing) {
    // A re-run: the preview lists what the branch holds, from where it left the base branch, not the base's new tip.
    const forkPoint = await scm.mergeBase(base, existing.name);
    plan = (await planRelease({ ...request, version: existing.version, to: forkPoint })).plan;
  }
  if (!plan) return { ...EMPTY, skipped: `nothing on ${base} since the previous release calls for one` };
  if ((await scm.commitsAhead(base, plan.commit)) > 0) {
    throw new UserError(`the checkout (${plan.commit}) is not on ${base}: check out ${base} with its full history to start a ${kind} (in a workflow: actions/checkout with ref: ${base} and fetch-depth: 0)`);
  }
  const outcome = await startBranch(scm, { kind, plan, branches: settings.branches, files: settings.files, changelog: settings.changelog });
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

async function runFinish(scm: ReleaseScm, settings: BranchSettings): Promise<Finding> {
  const target = await branchToFinish(scm, settings);
  if ("skipped" in target) return { ...EMPTY, skipped: target.skipped };
  // The merged branch is the final release of the version it names: `prerelease` marks its GitHub release only.
  const request = { ...planRequestOf(settings), version: target.version, branch: settings.branches.production, prerelease: false, markPrerelease: settings.prerelease };
  const openRelease = target.kind === "hotfix" ? ((await openBranchesOf(scm, settings, "release"))[0]?.name ?? null) : null;
  const outcome = await finishBranch(scm, {
    ...target,
    branches: settings.branches,
    openRelease,
    conflicts: (branch, commit) => mergeConflicts(settings.root, branch, commit),
    planFor: async (commit) => {
      const { plan } = await planRelease({ ...request, to: commit });
      if (!plan) throw new UserError(`no release plan for ${target.version}`);
      return plan;
    },
  });
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
    warnings: outcome.backMergeConflicts.length > 0 ? [`the back-merge conflicts in ${outcome.backMergeConflicts.join(", ")}: resolve it on the back-merge branch of pull request ${outcome.backMerge?.url ?? ""}, as its description says`] : [],
  };
}

/**
 * The files a merge of `commit` into `branch` conflicts in, from the checkout (git merge-tree, no work tree touched);
 * null when the checkout lacks either side (a shallow clone, a branch not fetched).
 */
export async function mergeConflicts(root: string, branch: string, commit: string): Promise<string[] | null> {
  if ((await runGit(root, ["cat-file", "-e", `${commit}^{commit}`])).exitCode !== 0) return null;
  for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
    if ((await runGit(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).exitCode !== 0) continue;
    const merged = await runGit(root, ["merge-tree", "--write-tree", "--name-only", "--no-messages", ref, commit]);
    if (merged.exitCode === 0) return [];
    if (merged.exitCode === 1) return merged.stdout.split("\n").slice(1).filter(Boolean);
    return null;
  }
  return null;
}

/**
 * The GitHub access of the run. Octokit loads here, once the settings are read, so that a run stopped by bad input
 * does not load it.
 */
async function scmOf(settings: BranchSettings, invocation: Pick<Invocation, "run" | "env" | "log">): Promise<ReleaseScm> {
  const [{ octokitOfRun }, { GitHubReleaseScm }] = await Promise.all([import("../github/run-client.ts"), import("../github/release-scm.ts")]);
  const octokit = octokitOfRun(settings.token, invocation, settings.apiUrl);
  return new GitHubReleaseScm(octokit, settings.repository.owner, settings.repository.repo);
}

/** After a release branch is cut: its pre-release checklist, from the runbook of runbooks.release-checklist. */
async function withChecklist(settings: BranchSettings, found: Finding, invocation: Pick<Invocation, "run" | "env" | "log">): Promise<Finding> {
  const checklist = settings.checklist;
  const version = found.version;
  if (!checklist?.releaseChecklist || settings.mode !== "start" || found.failed !== null || found.skipped !== null || version === null) return found;
  if (settings.dryRun) return { ...found, steps: [...found.steps, `would open the pre-release checklist of ${version} (runbook ${checklist.releaseChecklist})`] };
  try {
    const { openReleaseChecklistOnGitHub } = await import("../runbooks/run.ts");
    const runUrl = invocation.run.runId ? `${invocation.run.serverUrl}/${settings.repository.owner}/${settings.repository.repo}/actions/runs/${invocation.run.runId}` : null;
    const outcome = await openReleaseChecklistOnGitHub(
      { token: settings.token, apiUrl: settings.apiUrl, repository: settings.repository, settings: checklist, version, now: settings.now ?? new Date(), runUrl },
      invocation,
    );
    return outcome?.issue ? { ...found, steps: [...found.steps, `pre-release checklist #${outcome.issue.number}: ${outcome.issue.url}`] } : found;
  } catch (error) {
    if (!(error instanceof ExternalError)) throw error;
    const warning = `the pre-release checklist of ${version} was not opened: ${error.message} (the token needs issues: write); open it with \`shipgate runbook --release ${version}\``;
    return { ...found, warnings: [...found.warnings, warning] };
  }
}

export async function runReleaseBranch(settings: BranchSettings, invocation: Pick<Invocation, "run" | "env" | "log">): Promise<BranchRun> {
  const real = await scmOf(settings, invocation);
  const recording = settings.dryRun ? new RecordingScm(real) : null;
  const scm = recording ?? real;
  const found = settings.mode === "finish" ? await runFinish(scm, settings) : await runStart(scm, settings, settings.mode === "start" ? "release" : "hotfix");
  const withList = await withChecklist(settings, found, invocation);
  return { ...withList, repository: scm.repository, planned: recording?.calls ?? [] };
}
