import type { GraphqlRequest, GraphqlResolver } from "../route.ts";
import type { Commit, RepoState } from "../state.ts";
import { page } from "./graphql-paging.ts";

/**
 * Resolvers for the delivery analytics documents of src/github/queries.ts (deployments with statuses, commit
 * history, labelled issues with comments), recognised by operation name, paging with cursors as GitHub does.
 */

function repoOf(request: GraphqlRequest): RepoState | undefined {
  return request.state.repo(String(request.variables.owner), String(request.variables.name));
}

const is = (request: GraphqlRequest, name: string): boolean => request.operationName === name || request.query.includes(`query ${name}(`);
const newestFirst = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }): number => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id;

const deployments: GraphqlResolver = (request) => {
  if (!is(request, "ShipgateDeployments")) return undefined;
  const repo = repoOf(request);
  if (!repo) return { repository: null };
  const all = repo.deployments.list().sort(newestFirst);
  return {
    repository: {
      deployments: page(all, 100, request.variables.after, (d) => {
        const statuses = repo.deploymentStatuses.list((s) => s.deploymentId === d.id);
        return {
          databaseId: d.id,
          environment: d.environment,
          commitOid: d.sha,
          ref: repo.refs.has(`heads/${d.ref}`) || repo.refs.has(`tags/${d.ref}`) ? { name: d.ref } : null,
          task: d.task,
          description: d.description,
          createdAt: d.createdAt,
          statuses: { pageInfo: { hasNextPage: statuses.length > 20 }, nodes: statuses.slice(0, 20).map((s) => ({ state: s.state.toUpperCase(), createdAt: s.createdAt })) },
        };
      }),
    },
  };
};

const history: GraphqlResolver = (request) => {
  if (!is(request, "ShipgateCommitHistory")) return undefined;
  const repo = repoOf(request);
  if (!repo) return { repository: null };
  const head = repo.commits.get(String(request.variables.oid));
  if (!head) return { repository: { object: null } };
  const since = typeof request.variables.since === "string" ? Date.parse(request.variables.since) : -Infinity;
  const seen = new Map<string, Commit>();
  const stack = [head.sha];
  while (stack.length > 0) {
    const commit = repo.commits.get(stack.pop()!);
    if (!commit || seen.has(commit.sha)) continue;
    seen.set(commit.sha, commit);
    stack.push(...commit.parents);
  }
  const ordered = [...seen.values()].filter((c) => Date.parse(c.author.date) >= since).sort((a, b) => Date.parse(b.author.date) - Date.parse(a.author.date) || b.sequence - a.sequence);
  return {
    repository: {
      object: {
        history: page(ordered, 100, request.variables.after, (c) => ({ oid: c.sha, authoredDate: c.author.date, committedDate: c.author.date, parents: { nodes: c.parents.slice(0, 5).map((oid) => ({ oid })) } })),
      },
    },
  };
};

const labelledIssues: GraphqlResolver = (request) => {
  if (!is(request, "ShipgateLabelledIssues")) return undefined;
  const repo = repoOf(request);
  if (!repo) return { repository: null };
  const labels = ((request.variables.labels as string[] | undefined) ?? []).map((l) => l.toLowerCase());
  const since = typeof request.variables.since === "string" ? Date.parse(request.variables.since) : -Infinity;
  const issues = repo.issues
    .list((i) => (labels.length === 0 || i.labels.some((l) => labels.includes(l.toLowerCase()))) && Date.parse(i.updatedAt) >= since)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number);
  return {
    repository: {
      issues: page(issues, 50, request.variables.after, (i) => ({
        number: i.number,
        url: `https://github.com/${repo.repo.fullName}/issues/${i.number}`,
        title: i.title,
        body: i.body ?? "",
        state: i.state.toUpperCase(),
        createdAt: i.createdAt,
        closedAt: i.closedAt,
        labels: { nodes: i.labels.slice(0, 30).map((name) => ({ name })) },
        comments: { nodes: repo.comments.list((c) => c.issueNumber === i.number).slice(0, 30).map((c) => ({ createdAt: c.createdAt, body: c.body, author: { __typename: request.state.user(c.user).type === "Bot" ? "Bot" : "User" } })) },
      })),
    },
  };
};

export const analyticsGraphqlResolvers: GraphqlResolver[] = [deployments, history, labelledIssues];
