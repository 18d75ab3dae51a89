import type { CheckRunData, CommitStatusData, DeploymentData, DeploymentState, GoNoGoSource } from "../go-no-go/ports.ts";
import { ExternalError } from "../core/errors.ts";
import type { Octokit } from "./client.ts";
import { toExternalError } from "./client.ts";

/** Bounds every listing: 20 pages of 100. */
const MAX_PAGES = 20;
const PER_PAGE = 100;

/** A list longer than the bound ends the run (exit 3) rather than decide on its first part: the rest could hold the failure. */
async function listAll<T>(what: string, fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  try {
    // One page past the bound tells a list of exactly 2,000 from a longer one.
    for (let page = 1; page <= MAX_PAGES + 1; page++) {
      const items = await fetchPage(page);
      if (page > MAX_PAGES && items.length > 0) break;
      all.push(...items);
      if (items.length < PER_PAGE) return all;
    }
  } catch (error) {
    throw toExternalError(error, what);
  }
  throw new ExternalError(`${what}: more than ${MAX_PAGES * PER_PAGE} entries; shipgate decides on whole lists only and reads no further`);
}

/** The go/no-go gate's view of one repository, through the REST list APIs (consistent, unlike search). */
export function createGoNoGoSource(octokit: Octokit, target: { owner: string; repo: string }): GoNoGoSource {
  const { owner, repo } = target;
  const where = `${owner}/${repo}`;
  return {
    async openIssuesWithLabels(labels) {
      // The API takes labels comma-separated; a label with a comma in its name is matched by the evaluation alone.
      const filter = labels.filter((label) => !label.includes(","));
      const items = await listAll(`listing open issues labelled ${labels.join(" + ")} in ${where}`, async (page) => {
        const { data } = await octokit.rest.issues.listForRepo({ owner, repo, state: "open", ...(filter.length > 0 ? { labels: filter.join(",") } : {}), per_page: 100, page });
        return data;
      });
      return items.map((issue) => ({
        number: issue.number,
        title: issue.title,
        labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
        state: issue.state === "closed" ? "closed" : "open",
        isPullRequest: issue.pull_request !== undefined,
        url: issue.html_url,
      }));
    },

    async checkRuns(sha) {
      const runs = await listAll(`listing the check runs of ${sha.slice(0, 7)} in ${where}`, async (page) => {
        const { data } = await octokit.rest.checks.listForRef({ owner, repo, ref: sha, filter: "latest", per_page: 100, page });
        return data.check_runs;
      });
      return runs.map(
        (run): CheckRunData => ({
          id: Number(run.id),
          name: run.name,
          status: run.status as CheckRunData["status"],
          conclusion: run.conclusion ?? null,
          startedAt: run.started_at ?? null,
          completedAt: run.completed_at ?? null,
          ...(run.html_url ? { url: run.html_url } : {}),
        }),
      );
    },

    async statuses(sha) {
      const statuses = await listAll(`listing the commit statuses of ${sha.slice(0, 7)} in ${where}`, async (page) => {
        const { data } = await octokit.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha, per_page: 100, page });
        return data;
      });
      return statuses.map(
        (s): CommitStatusData => ({ id: s.id, context: s.context, state: s.state as CommitStatusData["state"], createdAt: s.created_at, description: s.description ?? null, url: s.target_url ?? null }),
      );
    },

    async deployments(sha, environment) {
      const wanted = environment.toLowerCase();
      const all = await listAll(`listing the deployments of ${sha.slice(0, 7)} in ${where}`, async (page) => {
        const { data } = await octokit.rest.repos.listDeployments({ owner, repo, sha, per_page: 100, page });
        return data;
      });
      const matching = all.filter((d) => d.environment.toLowerCase() === wanted);
      // Only the latest deployment decides, so only its statuses are read.
      const latest = [...matching].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || Number(b.id) - Number(a.id))[0];
      return Promise.all(
        matching.map(async (d): Promise<DeploymentData> => {
          const statuses =
            Number(d.id) === Number(latest?.id)
              ? await listAll(`listing the statuses of deployment ${d.id} in ${where}`, async (page) => {
                  const { data } = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: Number(d.id), per_page: 100, page });
                  return data;
                })
              : [];
          return { id: Number(d.id), environment: d.environment, sha: d.sha, createdAt: d.created_at, statuses: statuses.map((s) => ({ id: Number(s.id), state: s.state as DeploymentState, createdAt: s.created_at, description: s.description ?? null })) };
        }),
      );
    },
  };
}
