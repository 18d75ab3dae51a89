/**
 * GitHub as the source of delivery analytics (the port of src/analytics/ports.ts). GraphQL where it saves requests:
 * deployments come with their statuses (100 per request, instead of one more request per deployment), incident issues
 * with their comments (50 per request), commit history with parents (100 commits per request). Releases and workflow
 * runs are REST lists. Every walk is bounded; a walk that would go past its bound fails instead of cutting silently.
 */
import type { CommitRecord, DeliverySource, DeploymentRecord, DeploymentStatusState, IncidentIssueRecord, ReleaseRecord, WorkflowRunRecord } from "../analytics/ports.ts";
import { ExternalError } from "../core/errors.ts";
import { toExternalError, type Octokit } from "./client.ts";
import { nextCursor } from "./paging.ts";
import { COMMIT_HISTORY, DEPLOYMENTS_WITH_STATUSES, LABELLED_ISSUES_WITH_COMMENTS } from "./queries.ts";
import type { Repository } from "./target.ts";

/** 2,000 incidents, 100 pages of history per head, 20 pages of releases: beyond them the report is not the tool. */
const MAX_ISSUE_PAGES = 40;
const MAX_HISTORY_PAGES = 100;
const MAX_RELEASE_PAGES = 20;
/** Heads whose history is read one by one (deployed commits missing from the graph so far, e.g. hotfix branches). */
const MAX_HEADS = 200;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface DeploymentNode {
  databaseId: number | null;
  environment: string | null;
  commitOid: string;
  ref: { name: string } | null;
  task: string | null;
  description: string | null;
  createdAt: string;
  statuses: { nodes: ({ state: string; createdAt: string } | null)[] | null } | null;
}

interface HistoryNode {
  oid: string;
  authoredDate: string;
  committedDate: string;
  parents: { nodes: ({ oid: string } | null)[] | null };
}

interface IssueNode {
  number: number;
  url: string;
  title: string;
  body: string;
  state: string;
  createdAt: string;
  closedAt: string | null;
  labels: { nodes: ({ name: string } | null)[] | null } | null;
  comments: { nodes: ({ createdAt: string; body: string; author: { __typename: string } | null } | null)[] | null };
}

const present = <T>(items: (T | null)[] | null | undefined): T[] => (items ?? []).filter((item): item is T => item !== null);

export function githubDeliverySource(octokit: Octokit, target: Repository): DeliverySource {
  const { owner, repo } = target;
  const where = `${owner}/${repo}`;
  let requests = 0;
  octokit.hook.before("request", () => {
    requests++;
  });

  async function ask<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toExternalError(error, `${what} in ${where}`);
    }
  }

  return {
    requestCount: () => requests,

    async deployments(since, max) {
      const found: DeploymentRecord[] = [];
      let after: string | null = null;
      // Newest first: the walk ends at the first deployment older than `since`.
      for (;;) {
        const page: { repository: { deployments: { pageInfo: PageInfo; nodes: (DeploymentNode | null)[] } } | null } = await ask("listing deployments", () => octokit.graphql(DEPLOYMENTS_WITH_STATUSES, { owner, name: repo, after }));
        const connection = page.repository?.deployments;
        if (!connection) throw new ExternalError(`listing deployments in ${where} failed: the repository was not found, or the token cannot see it`);
        let older = false;
        for (const node of present(connection.nodes)) {
          if (Date.parse(node.createdAt) < since.getTime()) {
            older = true;
            break;
          }
          if (node.databaseId === null) continue;
          found.push({
            id: node.databaseId,
            environment: node.environment ?? "",
            sha: node.commitOid,
            ref: node.ref?.name ?? null,
            task: node.task ?? "deploy",
            description: node.description,
            createdAt: node.createdAt,
            statuses: present(node.statuses?.nodes).map((s) => ({ state: s.state.toLowerCase() as DeploymentStatusState, createdAt: s.createdAt })),
          });
        }
        if (found.length > max) throw new ExternalError(`${where} has more than ${max} deployments since ${since.toISOString()}: raise analytics.max-deployments, or shorten analytics.weeks or analytics.lookback`);
        if (older) return found;
        after = nextCursor(connection.pageInfo, after, `listing deployments in ${where}`);
        if (after === null) return found;
      }
    },

    async commits(heads, since, known) {
      const graph = new Map<string, CommitRecord>(known.map((c) => [c.oid, c]));
      const pending = [...new Set(heads)];
      if (pending.length > MAX_HEADS * 10) throw new ExternalError(`${pending.length} deployed commits: more than shipgate reads the history of`);
      let walked = 0;
      while (pending.length > 0) {
        const head = pending.shift()!;
        // A head already in the graph came with its history (down to `since`) from an earlier walk.
        if (graph.has(head)) continue;
        if (++walked > MAX_HEADS) throw new ExternalError(`reading the history of more than ${MAX_HEADS} separate deployed commits in ${where}: shorten analytics.lookback`);
        let after: string | null = null;
        for (let pageNumber = 1; ; pageNumber++) {
          const page: { repository: { object: { history?: { pageInfo: PageInfo; nodes: (HistoryNode | null)[] } } | null } | null } = await ask(`reading the history of ${head.slice(0, 7)}`, () =>
            octokit.graphql(COMMIT_HISTORY, { owner, name: repo, oid: head, since: since.toISOString(), after }),
          );
          const history = page.repository?.object?.history;
          if (!history) break;
          let known = 0;
          const nodes = present(history.nodes);
          for (const node of nodes) {
            if (graph.has(node.oid)) known++;
            else graph.set(node.oid, { oid: node.oid, authoredAt: node.authoredDate, committedAt: node.committedDate, parents: present(node.parents.nodes).map((p) => p.oid) });
          }
          // A page wholly known means the rest of this history is known too.
          if (!history.pageInfo.hasNextPage || (nodes.length > 0 && known === nodes.length)) break;
          if (pageNumber >= MAX_HISTORY_PAGES) throw new ExternalError(`the history of ${head.slice(0, 7)} in ${where} has more than ${MAX_HISTORY_PAGES * 100} commits since ${since.toISOString()}: shorten analytics.lookback`);
          after = nextCursor(history.pageInfo, after, `reading the history of ${head.slice(0, 7)} in ${where}`);
        }
      }
      return [...graph.values()];
    },

    async incidents(label, since) {
      const found: IncidentIssueRecord[] = [];
      let after: string | null = null;
      for (let pageNumber = 1; ; pageNumber++) {
        const page: { repository: { issues: { pageInfo: PageInfo; nodes: (IssueNode | null)[] } } | null } = await ask(`listing the issues labelled "${label}"`, () =>
          octokit.graphql(LABELLED_ISSUES_WITH_COMMENTS, { owner, name: repo, labels: [label], since: since.toISOString(), after }),
        );
        const connection = page.repository?.issues;
        if (!connection) throw new ExternalError(`listing issues in ${where} failed: the repository was not found, or the token cannot see it`);
        for (const node of present(connection.nodes)) {
          found.push({
            number: node.number,
            url: node.url,
            title: node.title,
            body: node.body,
            state: node.state === "CLOSED" ? "closed" : "open",
            createdAt: node.createdAt,
            closedAt: node.closedAt,
            labels: present(node.labels?.nodes).map((l) => l.name),
            comments: present(node.comments.nodes).map((c) => ({ createdAt: c.createdAt, body: c.body, byBot: c.author?.__typename === "Bot" })),
          });
        }
        if (!connection.pageInfo.hasNextPage) return found;
        if (pageNumber >= MAX_ISSUE_PAGES) throw new ExternalError(`more than ${MAX_ISSUE_PAGES * 50} issues labelled "${label}" in ${where} since ${since.toISOString()}`);
        after = nextCursor(connection.pageInfo, after, `listing the issues labelled "${label}" in ${where}`);
      }
    },

    async releases(since) {
      const found: ReleaseRecord[] = [];
      for (let page = 1; page <= MAX_RELEASE_PAGES; page++) {
        const { data } = await ask("listing releases", () => octokit.rest.repos.listReleases({ owner, repo, per_page: 100, page }));
        for (const release of data) {
          const at = release.published_at ?? release.created_at;
          if (Date.parse(at) >= since.getTime()) found.push({ tagName: release.tag_name, targetCommitish: release.target_commitish, publishedAt: release.published_at, draft: release.draft, prerelease: release.prerelease });
        }
        // Newest first (by creation): a page ending before `since` ends the walk.
        const last = data.at(-1);
        if (data.length < 100 || (last && Date.parse(last.created_at) < since.getTime())) return found;
      }
      return found;
    },

    async workflowRuns(sha) {
      const { data } = await ask(`listing the workflow runs of ${sha.slice(0, 7)}`, () => octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, head_sha: sha, per_page: 100 }));
      return data.workflow_runs.map(
        (run): WorkflowRunRecord => ({ id: run.id, name: run.name ?? "", headSha: run.head_sha, status: run.status ?? "", conclusion: run.conclusion ?? null, createdAt: run.created_at, updatedAt: run.updated_at, url: run.html_url }),
      );
    },
  };
}
