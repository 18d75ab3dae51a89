import type { Permission } from "./evaluate.ts";
import type { Review } from "./reviews.ts";
import type { BranchRules } from "./rules.ts";

// The adapter implementing the port reads its data types from here only (it may import nothing else of the capability).
export type { Permission } from "./evaluate.ts";
export type { Review, ReviewState } from "./reviews.ts";
export type { BranchRules, RuleLayer, RequiredReviewers } from "./rules.ts";

/** A pull request as the approvals gate needs it, read in as few requests as the API allows. */
export interface PullRequestData {
  number: number;
  author: string;
  headSha: string;
  baseRef: string;
  headRef: string;
  /** "owner/name" of the repository the head branch lives in; null when it was deleted. */
  headRepository: string | null;
  /** Who pushed the latest commit as the timeline tells it (a force push's actor, else the latest commit's committer). */
  lastPusher: string | null;
  /** Where lastPusher comes from, in words. */
  lastPusherFrom: string;
  /** The head branch lives in another repository. */
  fromFork: boolean;
  /** Every submitted review, in any order. */
  reviews: Review[];
  changedFiles: string[];
  /** The CODEOWNERS file of the base branch, or null when there is none. */
  codeowners: { path: string; text: string } | null;
  /** Each reviewer's access to the repository. */
  permissions: Record<string, Permission>;
  /**
   * GitHub's rules of the base branch, when asked for with the pull request: read while its later pages are, since
   * the first one names the branch.
   */
  branchRules?: BranchRules;
}

export interface TeamsAndOwners {
  members: Record<string, string[] | undefined>;
  ownerAccess: Record<string, boolean>;
}

/** Where the approvals gate reads GitHub; implemented with octokit in src/github/approvals.ts. */
export interface ApprovalsSource {
  /** The merged pull request that brought the commit to its branch, or undefined when there is none. */
  mergedPullRequestOf(sha: string): Promise<number | undefined>;
  /** The pull request; with `withBranchRules`, also every active ruleset's pull-request rule for its base branch and that branch's classic protection where the token can see it. */
  pullRequest(number: number, withBranchRules?: boolean): Promise<PullRequestData>;
  /**
   * Members of each "org/team" of `teams` (undefined when the token may not read them), and for each code owner of
   * `owners` ("@login", "@org/team") whether it exists with write access to the repository (absent when the token
   * may not tell). Asked together so that a source can answer every team in one request.
   */
  teamsAndOwners(teams: string[], owners: string[]): Promise<TeamsAndOwners>;
  /** The account that pushed the head commit to the head branch, from the repository's activity; undefined when it is not listed. */
  pusherOf(pull: PullRequestData): Promise<string | undefined>;
  /** A fingerprint of the pull request's diff at a commit (against its merge base with the base branch); undefined when unreadable. */
  diffAt(baseRef: string, commit: string): Promise<string | undefined>;
  /** The pull requests a merge-queue group holds, by the group's head commit (the queue's own temporary branch). */
  mergeGroupPulls(baseRef: string, headSha: string, headRef: string): Promise<number[]>;
  /** The open pull request whose head is `headBranch` of the repository `headRepository` at `headSha` (fork pull requests). */
  openPullOfHead(headRepository: string, headBranch: string, headSha: string): Promise<number | undefined>;
}

/** What the token needs, said once for every place that explains a missing or weak token. */
export const APPROVALS_TOKEN_NEEDS =
  "a token with pull-requests: read and contents: read on the repository (GITHUB_TOKEN in a workflow); reading team members for CODEOWNERS teams or team rules also needs organization members: read (a GitHub App or fine-grained token)";
