import type { ApprovalsSource, BranchRules, Permission, Review, ReviewState } from "../approvals/ports.ts";
import { ExternalError } from "../core/errors.ts";
import type { Octokit } from "./client.ts";
import { toExternalError } from "./client.ts";
import { nextCursor } from "./paging.ts";
import { diffFingerprint, pusherFromActivity, readBranchRules } from "./branch-rules.ts";
import { MERGE_QUEUE_ENTRIES, PULL_REQUEST_APPROVALS } from "./queries.ts";
import { readTeamsAndOwners } from "./teams.ts";

/** Bounds every paging loop: 50 pages of 100 is far beyond GitHub's own limits (3000 files). */
const MAX_PAGES = 50;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface ActorNode {
  __typename: string;
  login: string;
}

interface BlobEntry {
  object: { text?: string | null; byteSize?: number; isTruncated?: boolean } | null;
}

interface PullRequestNode {
  number: number;
  headRefOid: string;
  headRefName: string;
  baseRefName: string;
  headRepository: { nameWithOwner: string } | null;
  isCrossRepository: boolean;
  author?: ActorNode | null;
  baseRef?: { target: { github?: BlobEntry | null; root?: BlobEntry | null; docs?: BlobEntry | null } | null } | null;
  timelineItems?: {
    nodes: ({ __typename: string; actor?: { login: string } | null; commit?: { author: { user: { login: string } | null } | null; committer: { user: { login: string } | null } | null } } | null)[];
  };
  reviews?: { pageInfo: PageInfo; nodes: ({ fullDatabaseId: string | null; author: ActorNode | null; authorCanPushToRepository: boolean; state: ReviewState; commit: { oid: string } | null; submittedAt: string | null } | null)[] };
  files?: { pageInfo: PageInfo; nodes: ({ path: string } | null)[] };
}

interface GraphqlErrorLike {
  name?: string;
  errors?: { type?: string; message?: string }[];
  data?: unknown;
}

function graphqlErrorTypes(error: unknown): string[] | undefined {
  const e = error as GraphqlErrorLike;
  return e.name === "GraphqlResponseError" && Array.isArray(e.errors) ? e.errors.map((x) => x.type ?? "") : undefined;
}

/**
 * The pusher as the timeline tells it, when the repository's activity does not: a force push names its actor; a
 * plain push only shows the latest commit, whose committer is usually who pushed it (the author when GitHub's
 * web-flow committed it on the web).
 */
function lastPusherOf(node: PullRequestNode): { login: string | null; from: string } {
  const item = node.timelineItems?.nodes.at(-1);
  if (!item) return { login: null, from: "no push in the timeline" };
  if (item.__typename === "HeadRefForcePushedEvent") return { login: item.actor?.login ?? null, from: "the actor of the latest force push" };
  const committer = item.commit?.committer?.user?.login;
  if (committer && committer !== "web-flow") return { login: committer, from: "the committer of the latest commit" };
  return { login: item.commit?.author?.user?.login ?? null, from: "the author of the latest commit, committed on the web" };
}

/** The queue's temporary branch names the last pull request of the group: gh-readonly-queue/<base>/pr-<number>-<sha>. */
function pullOfQueueBranch(headRef: string): number | undefined {
  const match = /(?:^|\/)pr-(\d+)-[0-9a-f]{40}$/.exec(headRef);
  return match ? Number(match[1]) : undefined;
}

const CODEOWNERS_PATHS = { github: ".github/CODEOWNERS", root: "CODEOWNERS", docs: "docs/CODEOWNERS" } as const;

function codeownersOf(node: PullRequestNode, where: string): { path: string; text: string } | null {
  const target = node.baseRef?.target;
  if (!target) return null;
  for (const [key, path] of Object.entries(CODEOWNERS_PATHS)) {
    const blob = target[key as keyof typeof CODEOWNERS_PATHS]?.object;
    if (!blob || typeof blob.text !== "string") continue;
    if (blob.isTruncated) throw new ExternalError(`reading ${path} of ${where} failed: GitHub returned it truncated (${blob.byteSize ?? "?"} bytes)`);
    return { path, text: blob.text };
  }
  return null;
}

/** The approvals gate's view of one repository, through GraphQL where it saves requests. */
export function createApprovalsSource(octokit: Octokit, target: { owner: string; repo: string }): ApprovalsSource {
  const where = `${target.owner}/${target.repo}`;
  return {
    async mergedPullRequestOf(sha) {
      try {
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: target.owner, repo: target.repo, commit_sha: sha, per_page: 100 });
        const merged = data.filter((pull) => pull.merged_at);
        // The pull request whose merge made this commit first; otherwise the latest merged one containing it.
        const exact = merged.find((pull) => pull.merge_commit_sha === sha);
        const latest = [...merged].sort((a, b) => Date.parse(b.merged_at ?? "") - Date.parse(a.merged_at ?? ""))[0];
        return (exact ?? latest)?.number;
      } catch (error) {
        throw toExternalError(error, `finding the pull request of commit ${sha.slice(0, 7)} in ${where}`);
      }
    },

    async pullRequest(number, withBranchRules = false) {
      const what = `reading pull request #${number} of ${where}`;
      let branchRules: Promise<BranchRules> | undefined;
      const reviews: Review[] = [];
      const permissions: Record<string, Permission> = {};
      const changedFiles: string[] = [];
      let head: PullRequestNode | undefined;
      let reviewsAfter: string | null = null;
      let filesAfter: string | null = null;
      let withReviews = true;
      let withFiles = true;
      for (let page = 0; page < MAX_PAGES && (withReviews || withFiles); page++) {
        let node: PullRequestNode | null | undefined;
        try {
          const response: { repository: { pullRequest: PullRequestNode | null } | null } = await octokit.graphql(PULL_REQUEST_APPROVALS, {
            owner: target.owner,
            name: target.repo,
            number,
            first: page === 0,
            withReviews,
            withFiles,
            reviewsAfter,
            filesAfter,
          });
          node = response.repository?.pullRequest;
        } catch (error) {
          if (graphqlErrorTypes(error)?.includes("NOT_FOUND")) node = null;
          else throw toExternalError(error, what);
        }
        if (!node) throw new ExternalError(`${what} failed: not found, or the token cannot see it`);
        head ??= node;
        if (withBranchRules && !branchRules) {
          branchRules = readBranchRules(octokit, target, node.baseRefName);
          // Awaited below; until then a failure must not count as unhandled if a later page fails first.
          branchRules.catch(() => undefined);
        }
        if (withReviews && node.reviews) {
          for (const r of node.reviews.nodes) {
            if (!r) continue;
            const login = r.author?.login ?? null;
            reviews.push({ id: Number(r.fullDatabaseId ?? 0), author: login, authorIsBot: r.author?.__typename === "Bot", state: r.state, commitId: r.commit?.oid ?? "", submittedAt: r.submittedAt ?? "" });
            if (login) permissions[login] = r.authorCanPushToRepository ? "write" : "read";
          }
          reviewsAfter = nextCursor(node.reviews.pageInfo, reviewsAfter, `${what}: the reviews`);
          withReviews = reviewsAfter !== null;
        } else withReviews = false;
        if (withFiles && node.files) {
          for (const f of node.files.nodes) if (f) changedFiles.push(f.path);
          filesAfter = nextCursor(node.files.pageInfo, filesAfter, `${what}: the changed files`);
          withFiles = filesAfter !== null;
        } else withFiles = false;
      }
      if (!head) throw new ExternalError(`${what} failed: no answer`);
      const pusher = lastPusherOf(head);
      return {
        number,
        author: head.author?.login ?? "",
        headSha: head.headRefOid,
        baseRef: head.baseRefName,
        headRef: head.headRefName,
        headRepository: head.headRepository?.nameWithOwner ?? null,
        lastPusher: pusher.login,
        lastPusherFrom: pusher.from,
        fromFork: head.isCrossRepository,
        reviews,
        changedFiles,
        codeowners: codeownersOf(head, where),
        permissions,
        ...(branchRules ? { branchRules: await branchRules } : {}),
      };
    },

    teamsAndOwners: (teams, owners) => readTeamsAndOwners(octokit, target, teams, owners),

    pusherOf: (pull) => (pull.headRepository ? pusherFromActivity(octokit, pull.headRepository, pull.headRef, pull.headSha) : Promise.resolve(undefined)),

    diffAt: (baseRef, commit) => diffFingerprint(octokit, target, baseRef, commit),

    async mergeGroupPulls(baseRef, headSha, headRef) {
      type Entry = { position: number; headCommit: { oid: string } | null; pullRequest: { number: number } | null };
      let entries: Entry[] = [];
      try {
        const response: { repository: { mergeQueue: { entries: { nodes: (Entry | null)[] } } | null } | null } = await octokit.graphql(MERGE_QUEUE_ENTRIES, { owner: target.owner, name: target.repo, branch: baseRef });
        entries = (response.repository?.mergeQueue?.entries.nodes ?? []).filter((e): e is Entry => e !== null);
      } catch (error) {
        if (!graphqlErrorTypes(error)) throw toExternalError(error, `reading the merge queue of ${baseRef} in ${where}`);
      }
      const own = entries.find((e) => e.headCommit?.oid === headSha);
      if (own) return entries.filter((e) => e.position <= own.position && e.pullRequest).sort((a, b) => a.position - b.position).map((e) => e.pullRequest!.number);
      const fromBranch = pullOfQueueBranch(headRef);
      return fromBranch === undefined ? [] : [fromBranch];
    },

    async openPullOfHead(headRepository, headBranch, headSha) {
      const [headOwner = ""] = headRepository.split("/");
      try {
        const { data } = await octokit.rest.pulls.list({ owner: target.owner, repo: target.repo, head: `${headOwner}:${headBranch}`, state: "open", per_page: 100 });
        return data.find((pull) => pull.head.sha === headSha)?.number;
      } catch (error) {
        throw toExternalError(error, `finding the open pull request of ${headRepository}:${headBranch} in ${where}`);
      }
    },
  };
}
