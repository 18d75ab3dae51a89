/** The release-branch flow's front door: action `release-branch`, `shipgate release-branch start|finish|hotfix`. */
import * as semver from "../version/semver.ts";
import { linksFromServer } from "../changelog/links.ts";
import type { Capability, Invocation } from "../core/capability.ts";
import { resolveRunbookSettings } from "../runbooks/settings.ts";
import { configOption, repositoryOption, rootOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { choice, flag, invalid, optionLabel, text, type Door, type ValueType } from "../core/options.ts";
import type { GateResult } from "../core/result.ts";
import { noRepositoryMessage, repositoryOf } from "../github/target.ts";
import type { Policy } from "../policy/types.ts";
import { cell } from "../report/markdown.ts";
import { code, link, nestedNotes, plain } from "../report/blocks.ts";
import { gateText } from "../report/text.ts";
import { updatersFor } from "../release/updaters/index.ts";
import { BUMP_CHOICES } from "../release/plan.ts";
import { releaseRules } from "../version/rules.ts";
import { MODES, runReleaseBranch, type BranchRun, type BranchSettings } from "./run.ts";


/** X.Y.Z, a leading v accepted. */
const semverVersion: ValueType<string> = {
  placeholder: "X.Y.Z",
  expected: "a semver version X.Y.Z",
  kind: "text",
  parse(raw) {
    const version = raw.replace(/^v/, "");
    return (/^\d/.test(version) && semver.valid(version)) || invalid();
  },
  schema: { type: "string" },
};

/** The policy schema's limit of release.tag-prefix, so that the flag, the input and the file accept the same. */
const tagPrefix: ValueType<string> = { ...text("PREFIX", "a tag prefix of at most 50 characters"), parse: (raw) => (raw.length <= 50 ? raw : invalid()) };

const options = {
  mode: { type: choice(MODES, "MODE"), required: true, description: "start (release branch from development), hotfix (hotfix branch from production) or finish (tag, release and back-merge of a merged branch)." },
  token: {
    ...tokenOption,
    description: "Token for the GitHub API: contents write, pull-requests write (actions write for deploy-workflow); a dry run still reads the API and needs contents read and pull-requests read.",
  },
  "time-budget": timeBudgetOption,
  root: { ...rootOption, flag: "dir", description: "The checkout the version and notes are computed from (default: the workspace, or the current directory on the CLI)." },
  repo: repositoryOption,
  config: { ...configOption, description: "Policy file (default .github/shipgate.yml; optional). `release.branches` names the branches and version files." },
  bump: { type: choice(BUMP_CHOICES, "LEVEL"), actionDefault: "auto", description: "start, auto (from the conventional commits, the default), patch, minor or major. hotfix always bumps patch." },
  version: { type: semverVersion, description: "start and hotfix, use exactly this version (X.Y.Z); finish, the version whose branch to finish." },
  branch: {
    type: text("NAME", "a branch name"),
    description:
      "finish, the release or hotfix branch to finish (default the branch of the merged pull request of the event; else the one merged release or hotfix pull request into production whose tag does not exist yet).",
  },
  "delete-branch": { type: flag, policy: "release.branches.delete-branch", description: "finish, delete the branch once released (default release.branches.delete-branch, else false)." },
  "deploy-workflow": {
    type: text("FILE", "a workflow file name"),
    policy: "release.branches.deploy-workflow",
    description: "finish, workflow file started with workflow_dispatch on the new tag (default release.branches.deploy-workflow, else none).",
  },
  prerelease: {
    type: flag,
    actionDefault: "false",
    description:
      "finish, mark the GitHub release as a prerelease; the version stays the one the branch names (finish releases the merged branch; release candidates come from the release action on the release branch). Ignored by start and hotfix.",
  },
  "dry-run": {
    type: flag,
    actionDefault: "false",
    description: "Write nothing; print the version, tag, notes, branches and the API calls the run would make (it still reads the API: a read-only token suffices).",
  },
  "tag-prefix": { type: tagPrefix, policy: "release.tag-prefix", description: "Text before the version in tags (default from the policy file, else v)." },
};

type Key = keyof typeof options;
const labelOf = (door: Door, key: Key): string => optionLabel(door, key, options[key]);

/** `input "branch" or "version"`, `--branch or --version`. */
function eitherOf(door: Door, keys: Key[]): string {
  const labels = keys.map((key) => labelOf(door, key));
  return door === "action" ? `input ${labels.map((label) => label.slice("input ".length)).join(" or ")}` : labels.join(" or ");
}

/** The head branch of the run's closed pull request, when the event is one; its merge state decides. */
function eventBranch(invocation: Invocation): BranchSettings["event"] {
  const pull = invocation.run.event.pull_request as { merged?: boolean; head?: { ref?: string } } | undefined;
  if (!pull?.head?.ref) return undefined;
  return { branch: pull.head.ref, merged: pull.merged === true };
}

/** The pull request a run opened or found (the back-merge's when finishing), as `#12` linked to it. */
function pullLink(run: BranchRun): string {
  const url = run.pullUrl ?? run.backMergeUrl;
  const number = url ? /\/pull\/(\d+)$/.exec(url)?.[1] : undefined;
  return url ? link(number ? `#${number}` : "pull request", url) : "—";
}

function branchResult(settings: BranchSettings, run: BranchRun): GateResult {
  const dry = settings.dryRun ? "dry run: " : "";
  const what = `${settings.mode} ${run.branch ?? ""}`.trim();
  const title = run.skipped ? `${dry}nothing to do: ${run.skipped}` : run.failed ? `${dry}${what}: ${run.failed}` : `${dry}${what}${run.version ? ` (${run.version})` : ""}${run.created ? "" : ": already done"}`;
  const summary = [
    ...(run.version ? ["| Version | Tag | Branch | Pull request | Release |", "| --- | --- | --- | --- | --- |", `| ${run.version} | ${code(run.tag ?? "")} | ${code(run.branch ?? "")} | ${pullLink(run)} | ${run.releaseUrl ? link(plain(run.tag ?? "release"), run.releaseUrl) : "—"} |`, ""] : []),
    ...run.steps.map((s) => `- ${s}`),
    ...(settings.dryRun ? ["", "API calls this run would make (nothing was written):", "", "| Call | Purpose |", "| --- | --- |", ...(run.planned.length > 0 ? run.planned.map((c) => `| \`${c.call}\` | ${cell(c.purpose)} |`) : ["| none | everything already exists |"])] : []),
    ...(run.notes ? ["", nestedNotes(run.notes)] : []),
  ].join("\n");
  return {
    gate: "release-branch",
    status: run.failed ? "fail" : run.skipped ? "skip" : run.warnings.length > 0 ? "warn" : "pass",
    title,
    summary,
    findings: [...(run.failed ? [{ level: "failure" as const, message: run.failed }] : []), ...run.warnings.map((message) => ({ level: "warning" as const, message }))],
    metrics: { mode: settings.mode, version: run.version, branch: run.branch, dryRun: settings.dryRun },
  };
}

function textDetails(settings: BranchSettings, run: BranchRun, shown: (url: string | null) => string | null): string[] {
  const lines = [`repository: ${run.repository}`];
  if (run.version) lines.push(`version: ${run.version} (tag ${run.tag ?? "none"})`);
  if (run.branch) lines.push(`branch: ${run.branch}`);
  for (const [name, url] of [["pull request", run.pullUrl], ["release", run.releaseUrl], ["back-merge", run.backMergeUrl]] as const) if (shown(url)) lines.push(`${name}: ${url}`);
  lines.push(...run.steps.map((step) => `- ${step}`));
  if (settings.dryRun) {
    lines.push("API calls this run would make (nothing was written):");
    lines.push(...(run.planned.length > 0 ? run.planned.map((c) => `  ${c.call}  # ${c.purpose}`) : ["  none: everything already exists"]));
  }
  if (run.notes) lines.push("release notes:", ...run.notes.trimEnd().split("\n").map((line) => `  ${line}`));
  return lines;
}

export const releaseBranchDoor: Capability<typeof options, BranchSettings, BranchRun, Policy> = {
  name: "release-branch",
  options,
  action: {
    name: "release-branch",
    title: "shipgate release-branch",
    description:
      "Git-flow release and hotfix branches. mode start cuts release/X.Y.Z from the development branch (version computed from the conventional commits, or bumped as asked), sets the version in the version files (package.json, package-lock.json, VERSION) with one commit made through the API (signed by GitHub, accepted by protected branches that require verified commits) and opens the pull request into the production branch with the changelog preview (updated on a re-run, never duplicated). mode hotfix does the same for hotfix/X.Y.(Z+1) from the production branch. mode finish (on the merged pull request, or by dispatch) tags the merge commit, publishes the GitHub release (draft first, published last), opens or updates the back-merge pull request into the development branch, deletes the branch when configured and dispatches the deploy workflow on the new tag. Every step is idempotent. Needs the full history (actions/checkout with fetch-depth 0) of the development branch (start) or the production branch (hotfix, finish). A dry run needs only contents read and pull-requests read. Permissions: contents write for the branch, the version commit, the tag and the release; pull-requests write for the release and back-merge pull requests; actions write for the deploy dispatch (only with deploy-workflow).",
    branding: { icon: "git-branch", color: "green" },
    outputs: {
      version: "The version of the release or hotfix.",
      tag: "The tag of the version, e.g. v1.3.0.",
      branch: "The release or hotfix branch.",
      "pull-request": "start and hotfix, the number of the pull request into the production branch.",
      "pull-request-url": "start and hotfix, the web address of that pull request.",
      "release-url": "finish, the web address of the GitHub release.",
      "back-merge-url": "finish, the web address of the back-merge pull request (empty when none was needed).",
      created: "true when this run wrote something; false on a re-run that found everything done, and in a dry run.",
    },
  },
  command: {
    details: [
      "start cuts release/X.Y.Z from the development branch, sets the version files with one API commit and opens the",
      "pull request into the production branch; hotfix does the same for hotfix/X.Y.(Z+1) from production; finish tags the",
      "merged branch, publishes the release and opens the back-merge pull request. Every step reads first and reuses what",
      "exists, so a re-run converges. The version and notes come from the checkout (--dir, full history, on the branch",
      "the run starts from); the repository from --repo, else GITHUB_REPOSITORY, else the origin remote.",
      "The token comes from GITHUB_TOKEN: contents and pull-requests write; --dry-run writes nothing but still reads",
      "the API to plan (contents and pull-requests read) and prints every API call the run would make.",
      "The API is GITHUB_API_URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3).",
      "",
      "Example: shipgate release-branch start --dry-run --json",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const { door } = invocation;
    if (!values.mode) throw new UserError(`${labelOf(door, "mode")} is required: one of ${MODES.join(", ")}`);
    if (!values.token) throw new UserError(`${labelOf(door, "token")} is not set: release-branch needs a token with contents and pull-requests write (read for a dry run)`);
    const policy = scope.policy.release;
    const release = { ...policy, "tag-prefix": values["tag-prefix"] ?? policy["tag-prefix"] };
    const branches = {
      ...policy.branches,
      "delete-branch": values["delete-branch"] ?? policy.branches["delete-branch"],
      "deploy-workflow": values["deploy-workflow"] ?? policy.branches["deploy-workflow"],
    };
    const files = updatersFor(branches["version-files"], "release.branches.version-files");
    const changelog = branches.changelog ? policy.changelog.file : null;
    const repository = await repositoryOf(values.repo, invocation, scope.root);
    if (!repository) throw new UserError(noRepositoryMessage(invocation, "release-branch flow", "--repo"));
    const event = eventBranch(invocation);
    return {
      mode: values.mode,
      root: scope.root,
      repository,
      rules: releaseRules(release, { where: "release" }),
      branches,
      files,
      changelog,
      bump: values.bump ?? "auto",
      version: values.version,
      prerelease: values.prerelease ?? false,
      dryRun: values["dry-run"] ?? false,
      branch: values.branch,
      event,
      links: linksFromServer(invocation.run.serverUrl, `${repository.owner}/${repository.repo}`, "GITHUB_SERVER_URL"),
      today: invocation.now.toISOString().slice(0, 10),
      mentions: scope.policy.report.mentions,
      token: values.token,
      apiUrl: invocation.run.apiUrl,
      labels: { branch: labelOf(door, "branch"), version: labelOf(door, "version"), either: eitherOf(door, ["branch", "version"]) },
      checklist:
        values.mode === "start" && scope.policy.runbooks["release-checklist"] !== undefined
          ? resolveRunbookSettings(scope.policy.runbooks, scope.policySource ?? "built-in defaults (no .github/shipgate.yml)", scope.policy.windows.timezone)
          : null,
      now: invocation.now,
    };
  },
  run: (settings, invocation) => runReleaseBranch(settings, invocation),
  present(run, settings) {
    // A dry run's placeholders are no addresses: they stay out of the outputs and the JSON.
    const shown = (url: string | null) => (settings.dryRun ? null : url);
    const result = branchResult(settings, run);
    const pullNumber = settings.dryRun ? null : run.pullNumber;
    const created = run.created && !settings.dryRun;
    return {
      results: [result],
      outputs: {
        version: run.version ?? "",
        tag: run.tag ?? "",
        branch: run.branch ?? "",
        "pull-request": pullNumber ?? "",
        "pull-request-url": shown(run.pullUrl) ?? "",
        "release-url": shown(run.releaseUrl) ?? "",
        "back-merge-url": shown(run.backMergeUrl) ?? "",
        created,
      },
      json: {
        status: result.status,
        title: result.title,
        mode: settings.mode,
        repository: run.repository,
        dryRun: settings.dryRun,
        version: run.version,
        tag: run.tag,
        branch: run.branch,
        pullRequest: pullNumber,
        pullRequestUrl: shown(run.pullUrl),
        releaseUrl: shown(run.releaseUrl),
        backMergeUrl: shown(run.backMergeUrl),
        created,
        skipped: run.skipped,
        failed: run.failed,
        warnings: run.warnings,
        steps: run.steps,
        notes: run.notes,
        plannedCalls: run.planned,
      },
      text: gateText(result, { details: textDetails(settings, run, shown) }),
      ...(run.failed ? { failed: run.failed } : {}),
    };
  },
};
