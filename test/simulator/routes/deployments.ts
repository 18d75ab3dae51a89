import { notFound } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { simpleUser } from "../representations.ts";
import type { Deployment } from "../state.ts";

function deployment(context: RouteContext, d: Deployment): Record<string, unknown> {
  const apiRepo = `${context.urls.api}/repos/${context.repo().repo.fullName}`;
  return {
    id: d.id,
    node_id: `DE_${d.id}`,
    url: `${apiRepo}/deployments/${d.id}`,
    statuses_url: `${apiRepo}/deployments/${d.id}/statuses`,
    repository_url: apiRepo,
    sha: d.sha,
    ref: d.ref,
    task: "deploy",
    payload: {},
    environment: d.environment,
    original_environment: d.environment,
    description: null,
    creator: simpleUser(context.urls, context.state.user(d.creator)),
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
  };
}

export const deploymentsRoutes: RouteTable = {
  "repos/list-deployments": (context) => {
    const repo = context.repo();
    const { sha, ref, environment } = context.query as { sha?: string; ref?: string; environment?: string };
    // Newest first, as GitHub lists them; the environment filter is exact.
    const found = repo
      .deployments.list((d) => (sha === undefined || d.sha === sha) && (ref === undefined || d.ref === ref) && (environment === undefined || d.environment === environment))
      .reverse();
    return { status: 200, body: context.paginate(found).map((d) => deployment(context, d)) };
  },

  "repos/list-deployment-statuses": (context) => {
    const repo = context.repo();
    const found = repo.deployments.get(context.params.deployment_id as number);
    if (!found) throw notFound();
    const apiRepo = `${context.urls.api}/repos/${repo.repo.fullName}`;
    const statuses = [...found.statuses].reverse();
    return {
      status: 200,
      body: context.paginate(statuses).map((s) => ({
        id: s.id,
        node_id: `DES_${s.id}`,
        url: `${apiRepo}/deployments/${found.id}/statuses/${s.id}`,
        deployment_url: `${apiRepo}/deployments/${found.id}`,
        repository_url: apiRepo,
        state: s.state,
        description: s.description,
        environment: found.environment,
        target_url: `${context.urls.html}/${repo.repo.fullName}/deployments/${found.id}`,
        creator: simpleUser(context.urls, context.state.user(s.creator)),
        created_at: s.createdAt,
        updated_at: s.createdAt,
      })),
    };
  },
};
