import type { Permission } from "./evaluate.ts";
import type { Review } from "./reviews.ts";

// The adapter implementing the port reads its data types from here only (it may import nothing else of the capability).
export type { Permission } from "./evaluate.ts";
export type { Review, ReviewState } from "./reviews.ts";

/** A pull request as the approvals gate needs it, read in as few requests as the API allows. */
export interface PullRequestData {
  number: number;
  author: string;
  headSha: string;
  /** Who pushed the latest commit, when known. */
  lastPusher: string | null;
  /** The head branch lives in another repository. */
  fromFork: boolean;
  /** Every submitted review, in any order. */
  reviews: Review[];
  changedFiles: string[];
  /** The CODEOWNERS file of the base branch, or null when there is none. */
  codeowners: { path: string; text: string } | null;
  /** Each reviewer's access to the repository. */
  permissions: Record<string, Permission>;
}

/** Where the approvals gate reads GitHub; implemented with octokit in src/github/approvals.ts. */
export interface ApprovalsSource {
  /** The merged pull request that brought the commit to its branch, or undefined when there is none. */
  mergedPullRequestOf(sha: string): Promise<number | undefined>;
  pullRequest(number: number): Promise<PullRequestData>;
  /** Members of "org/team", or undefined when the token may not read them. */
  teamMembers(slug: string): Promise<string[] | undefined>;
}

/** What the token needs, said once for every place that explains a missing or weak token. */
export const APPROVALS_TOKEN_NEEDS =
  "a token with pull-requests: read and contents: read on the repository (GITHUB_TOKEN in a workflow); reading team members for CODEOWNERS teams or team rules also needs organization members: read (a GitHub App or fine-grained token)";
