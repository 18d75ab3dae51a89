import { hasVersionHeading, prependSection } from "../changelog/file.ts";
import { UserError } from "../core/errors.ts";
import type { ReleaseBranchesPolicy } from "../policy/types.ts";
import { publishRelease, type PublishOutcome, type ReleasePlan } from "../release/publish.ts";
import { AlreadyExistsError } from "../core/errors.ts";
import type { FileChange, PullInfo, ReleaseScm } from "../release/ports.ts";
import type { VersionUpdater } from "../release/updaters/index.ts";
import { backMergeBody, backMergeBranch, baseOf, branchName, deployInputs, pullBody, type BranchKind } from "./branches.ts";

/**
 * Release and hotfix branches (git-flow): start cuts the branch, bumps the version files in one API commit (signed
 * by GitHub, so a protected branch requiring verified commits accepts it) and opens the pull request into the
 * production branch with the changelog preview; finish tags the merge, publishes the release, opens the
 * back-merge pull request and optionally deletes the branch and dispatches the deploy. Every step reads first and
 * reuses what exists, so a re-run after a failure anywhere converges.
 */

export interface StartRequest {
  kind: BranchKind;
  /** The version, its tag and notes, and the commit of the base branch the branch starts at. */
  plan: ReleasePlan;
  branches: ReleaseBranchesPolicy;
  files: readonly { path: string; updater: VersionUpdater }[];
  /** The changelog file the release's section is committed to with the version files; null for none. */
  changelog: string | null;
}

export interface StartOutcome {
  branch: string;
  pull: PullInfo;
  steps: string[];
  /** This run wrote something. */
  changed: boolean;
}

async function versionChanges(scm: ReleaseScm, ref: string, request: StartRequest): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const { path, updater } of request.files) {
    const text = await scm.readFile(path, ref);
    if (text === null) continue;
    const updated = updater.update(text, request.plan.version, path);
    if (updated !== text) changes.push({ path, content: updated });
  }
  if (request.changelog) {
    const text = (await scm.readFile(request.changelog, ref)) ?? "";
    if (!hasVersionHeading(text, request.plan.version)) changes.push({ path: request.changelog, content: prependSection(text, request.plan.notes) });
  }
  return changes;
}

async function tipOf(scm: ReleaseScm, branch: string): Promise<string | null> {
  return (await scm.getRef(`heads/${branch}`))?.sha ?? null;
}

export async function startBranch(scm: ReleaseScm, request: StartRequest): Promise<StartOutcome> {
  const { plan, branches, kind } = request;
  const branch = branchName(branches[kind], plan.version);
  const steps: string[] = [];
  let changed = false;

  let tip = await tipOf(scm, branch);
  if (tip) {
    steps.push(`branch ${branch} already exists: kept`);
  } else {
    try {
      await scm.createRef(`heads/${branch}`, plan.commit);
      changed = true;
      steps.push(`created ${branch} from ${baseOf(kind, branches)} at ${plan.commit}`);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      steps.push(`branch ${branch} was created meanwhile by another run: kept`);
    }
    tip = (await tipOf(scm, branch)) ?? plan.commit;
  }

  const changes = await versionChanges(scm, tip, request);
  if (changes.length === 0) {
    steps.push(`version files already at ${plan.version}`);
  } else {
    const commit = await scm.createCommit(tip, `chore(release): ${plan.version}`, changes);
    try {
      await scm.updateRef(`heads/${branch}`, commit);
    } catch (error) {
      // Another run may have committed the same bump first: what counts is that the branch holds the version.
      const now = await tipOf(scm, branch);
      if (!now || now === tip || (await versionChanges(scm, now, request)).length > 0) throw error;
    }
    changed = true;
    steps.push(`set version ${plan.version} in ${changes.map((c) => c.path).join(", ")} (commit ${commit.slice(0, 12)})`);
  }

  const body = pullBody(plan, kind, branches.production);
  const title = `chore(release): ${kind === "release" ? "release" : "hotfix"} ${plan.version}`;
  const pull = await openOrUpdatePull(scm, { head: branch, base: branches.production, title, body }, steps);
  return { branch, pull: pull.pull, steps, changed: changed || pull.changed };
}

/** One open pull request per head and base: found and its body updated, or opened; never a second one. */
export async function openOrUpdatePull(
  scm: ReleaseScm,
  want: { head: string; base: string; title: string; body: string },
  steps: string[],
): Promise<{ pull: PullInfo; changed: boolean }> {
  const existing = (await scm.findPulls(want.head, want.base, "open"))[0];
  if (existing) {
    if (existing.body === want.body) {
      steps.push(`pull request #${existing.number} ${want.head} -> ${want.base} is up to date`);
      return { pull: existing, changed: false };
    }
    const updated = await scm.updatePullBody(existing.number, want.body);
    steps.push(`updated pull request #${existing.number} ${want.head} -> ${want.base}`);
    return { pull: updated, changed: true };
  }
  try {
    const created = await scm.createPull(want.head, want.base, want.title, want.body);
    steps.push(`opened pull request #${created.number} ${want.head} -> ${want.base}`);
    return { pull: created, changed: true };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const raced = (await scm.findPulls(want.head, want.base, "open"))[0];
    if (!raced) throw error;
    steps.push(`pull request #${raced.number} ${want.head} -> ${want.base} was opened meanwhile: kept`);
    return { pull: raced, changed: false };
  }
}

export interface FinishRequest {
  branch: string;
  kind: BranchKind;
  version: string;
  branches: ReleaseBranchesPolicy;
  /** The release plan for the commit the branch was merged as (its notes come from the checkout). */
  planFor: (commit: string) => Promise<ReleasePlan>;
  /** A hotfix: the open release branch, which git-flow merges the hotfix into instead of the development branch. */
  openRelease: string | null;
  /** The files a merge of `commit` into `branch` would conflict in ([] none); null when that cannot be told. */
  conflicts: (branch: string, commit: string) => Promise<string[] | null>;
}

export interface FinishOutcome {
  /** null when the branch is not merged yet (then nothing was written). */
  publish: PublishOutcome | null;
  plan: ReleasePlan | null;
  backMerge: PullInfo | null;
  /** What the back-merge conflicts in, when it does. */
  backMergeConflicts: string[];
  steps: string[];
  /** Why nothing was done, when nothing was. */
  blocked: string | null;
}

/** The commit the branch became on the production branch: its merged pull request's merge commit. */
async function mergedAs(scm: ReleaseScm, request: FinishRequest): Promise<{ commit: string } | { blocked: string }> {
  const { branch, branches } = request;
  const pulls = await scm.findPulls(branch, branches.production, "all");
  const merges = pulls.filter((p) => p.merged && p.mergeCommitSha);
  let flattened: PullInfo | undefined;
  for (const merged of merges) {
    // A squash or rebase merge leaves the branch's commits out of the production branch's history.
    if (merged.headSha && (await scm.commitsAhead(merged.mergeCommitSha!, merged.headSha)) > 0) flattened ??= merged;
    else return { commit: merged.mergeCommitSha! };
  }
  if (flattened) {
    return {
      blocked: [
        `${branch} was squash- or rebase-merged into ${branches.production} (#${flattened.number}): its commits are not in ${branches.production}'s history, so after the tag and the back-merge the next version would count the released commits again (a minor instead of a patch) and repeat their notes.`,
        `git-flow needs a merge commit. Nothing was written. Merge ${branch} into ${branches.production} once more with "Create a merge commit" (a new pull request: ${branches.production} already has the changes, so it adds only the history), then finish again; to prevent it, allow only merge commits for ${branches.production} (its ruleset's allowed merge methods).`,
      ].join(" "),
    };
  }
  const open = pulls.find((p) => p.state === "open");
  if (open) return { blocked: `${branch} is not merged yet: pull request #${open.number} into ${branches.production} is open (${open.url})` };
  const tip = await tipOf(scm, branch);
  if (!tip) return { blocked: `no branch ${branch} and no merged pull request of it into ${branches.production}` };
  if ((await scm.commitsAhead(branches.production, branch)) > 0) return { blocked: `${branch} has commits ${branches.production} lacks and no merged pull request: merge it first` };
  // Merged without a pull request (a fast-forward or a merge pushed by hand): the production tip holds it.
  const production = await tipOf(scm, branches.production);
  if (!production) throw new UserError(`release.branches.production: branch ${branches.production} does not exist in ${scm.repository}`);
  return { commit: production };
}

export async function finishBranch(scm: ReleaseScm, request: FinishRequest): Promise<FinishOutcome> {
  const { branch, branches } = request;
  const steps: string[] = [];
  const merged = await mergedAs(scm, request);
  if ("blocked" in merged) return { publish: null, plan: null, backMerge: null, backMergeConflicts: [], steps: [merged.blocked], blocked: merged.blocked };
  const plan = await request.planFor(merged.commit);
  steps.push(`${branch} was merged into ${branches.production} as ${merged.commit}`);

  const workflow = branches["deploy-workflow"];
  const publish = await publishRelease(scm, plan, {
    beforePublish: workflow
      ? async (publishSteps) => {
          // A re-run after the dispatch went through (publishing failed, or the answer was lost) must not deploy twice.
          if ((await scm.dispatchedRuns(workflow, plan.tag)) > 0) {
            publishSteps.push(`workflow ${workflow} was already dispatched on ${plan.tag}: not dispatched again`);
            return;
          }
          await scm.dispatchWorkflow(workflow, plan.tag, deployInputs(branches["deploy-inputs"], plan));
          publishSteps.push(`dispatched workflow ${workflow} on ${plan.tag}`);
        }
      : undefined,
  });
  steps.push(...publish.steps);
  if (publish.state === "conflict" || publish.state === "lost-race") return { publish, plan, backMerge: null, backMergeConflicts: [], steps, blocked: null };

  let backMerge: PullInfo | null = null;
  let backMergeConflicts: string[] = [];
  if (branches["back-merge"]) {
    const into = request.kind === "hotfix" && request.openRelease ? request.openRelease : branches.development;
    if ((await scm.commitsAhead(into, merged.commit)) === 0) {
      steps.push(`${into} already has ${plan.tag}: no back-merge needed`);
    } else {
      const head = backMergeBranch(plan.tag, into);
      // A branch of its own: resolving a conflict there (GitHub's "Resolve conflicts" merges the base into the head) never touches the production branch.
      if (await tipOf(scm, head)) steps.push(`back-merge branch ${head} already exists: kept`);
      else {
        try {
          await scm.createRef(`heads/${head}`, merged.commit);
          steps.push(`created ${head} at ${merged.commit} (${plan.tag})`);
        } catch (error) {
          if (!(error instanceof AlreadyExistsError)) throw error;
          steps.push(`back-merge branch ${head} was created meanwhile by another run: kept`);
        }
      }
      const conflicts = await request.conflicts(into, merged.commit);
      backMergeConflicts = conflicts ?? [];
      const body = backMergeBody(plan, request.kind, { production: branches.production, into, head, conflicts });
      const title = `chore(release): merge ${plan.tag} back into ${into}`;
      backMerge = (await openOrUpdatePull(scm, { head, base: into, title, body }, steps)).pull;
      if (backMergeConflicts.length > 0) {
        steps.push(`the back-merge of ${plan.tag} into ${into} conflicts in ${backMergeConflicts.join(", ")}: resolve it on ${head} (pull request #${backMerge.number}), not on ${branches.production}`);
      } else if (conflicts === null) {
        steps.push(`whether the back-merge into ${into} conflicts could not be checked in the checkout (${into} is not fetched): see pull request #${backMerge.number}`);
      }
    }
  }

  if (branches["delete-branch"]) {
    if (await tipOf(scm, branch)) {
      await scm.deleteRef(`heads/${branch}`);
      steps.push(`deleted branch ${branch}`);
    } else {
      steps.push(`branch ${branch} is already deleted`);
    }
  }
  return { publish, plan, backMerge, backMergeConflicts, steps, blocked: null };
}
