import { HttpError, notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { simpleUser } from "../representations.ts";
import type { CommitStatus, Deployment, DeploymentStatus, RepoState } from "../state.ts";

/** The latest status of each context on a commit, newest first, as GitHub combines them. */
function latestByContext(repo: RepoState, sha: string): CommitStatus[] {
  const latest = new Map<string, CommitStatus>();
  for (const status of repo.statuses.list((s) => s.sha === sha)) latest.set(status.context, status);
  return [...latest.values()].reverse();
}

/** failure if any context failed or errored; pending if any is pending or there are none; success otherwise. */
function combinedState(statuses: CommitStatus[]): string {
  if (statuses.some((s) => s.state === "failure" || s.state === "error")) return "failure";
  if (statuses.length === 0 || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

function commitStatus(context: RouteContext, status: CommitStatus): Record<string, unknown> {
  return {
    id: status.id,
    node_id: `SC_${status.id}`,
    url: `${context.urls.api}/repos/${context.repo().repo.fullName}/statuses/${status.sha}`,
    state: status.state,
    context: status.context,
    description: status.description,
    target_url: status.targetUrl,
    avatar_url: null,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: simpleUser(context.urls, context.state.user(status.creator)),
  };
}

function deployment(context: RouteContext, d: Deployment): Record<string, unknown> {
  const repo = context.repo();
  const base = `${context.urls.api}/repos/${repo.repo.fullName}`;
  return {
    id: d.id,
    node_id: `DE_${d.id}`,
    url: `${base}/deployments/${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(context.urls, context.state.user(d.creator)),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${base}/deployments/${d.id}/statuses`,
    repository_url: base,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
  };
}

function deploymentStatus(context: RouteContext, s: DeploymentStatus): Record<string, unknown> {
  const base = `${context.urls.api}/repos/${context.repo().repo.fullName}`;
  return {
    id: s.id,
    node_id: `DES_${s.id}`,
    url: `${base}/deployments/${s.deploymentId}/statuses/${s.id}`,
    state: s.state,
    description: s.description,
    environment: s.environment,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    target_url: s.logUrl,
    creator: simpleUser(context.urls, context.state.user(s.creator)),
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${base}/deployments/${s.deploymentId}`,
    repository_url: base,
  };
}

function findDeployment(context: RouteContext): Deployment {
  const found = context.repo().deployments.get(context.params.deployment_id as number);
  if (!found) throw notFound();
  return found;
}

function resolveOr422(context: RouteContext, ref: string): string {
  const sha = context.repo().resolveRef(ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

export const deploymentsRoutes: RouteTable = {
  "repos/create-commit-status": (context) => {
    const repo = context.repo();
    const sha = context.params.sha as string;
    if (!repo.commits.has(sha)) throw validationFailed("Status", "sha", "invalid", `No commit found for SHA: ${sha}`);
    const body = context.body as { state: CommitStatus["state"]; context?: string; description?: string | null; target_url?: string | null };
    const created = context.state.addStatus(repo.repo.fullName, sha, {
      state: body.state,
      ...(body.context !== undefined ? { context: body.context } : {}),
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      ...(typeof body.target_url === "string" ? { targetUrl: body.target_url } : {}),
      creator: context.actor.login,
    });
    return { status: 201, body: commitStatus(context, created) };
  },

  "repos/list-commit-statuses-for-ref": (context) => {
    const sha = resolveOr422(context, context.params.ref as string);
    const statuses = context.repo().statuses.list((s) => s.sha === sha).reverse();
    return { status: 200, body: context.paginate(statuses).map((s) => commitStatus(context, s)) };
  },

  "repos/get-combined-status-for-ref": (context) => {
    const repo = context.repo();
    const sha = resolveOr422(context, context.params.ref as string);
    const latest = latestByContext(repo, sha);
    const base = `${context.urls.api}/repos/${repo.repo.fullName}`;
    return {
      status: 200,
      body: {
        state: combinedState(latest),
        sha,
        total_count: latest.length,
        statuses: context.paginate(latest).map((s) => {
          const full = commitStatus(context, s);
          delete full.creator;
          return { ...full, required: false };
        }),
        repository: { id: repo.repo.id, node_id: `R_${repo.repo.id}`, name: repo.repo.name, full_name: repo.repo.fullName, private: repo.repo.private, owner: simpleUser(context.urls, context.state.user(repo.repo.owner)), url: base, html_url: `${context.urls.html}/${repo.repo.fullName}` },
        commit_url: `${base}/commits/${sha}`,
        url: `${base}/commits/${sha}/status`,
      },
    };
  },

  "repos/create-deployment": (context) => {
    const repo = context.repo();
    const body = context.body as { ref: string; task?: string; environment?: string; description?: string | null; required_contexts?: string[]; payload?: Record<string, unknown> | string; production_environment?: boolean; transient_environment?: boolean };
    const sha = repo.resolveRef(body.ref);
    if (!sha) throw validationFailed("Deployment", "ref", "invalid", `No ref found for: ${body.ref}`);
    // GitHub verifies the commit statuses first: every required context (all of them by default) must be success.
    const latest = latestByContext(repo, sha);
    const required = body.required_contexts ?? latest.map((s) => s.context);
    const unmet = required.filter((name) => latest.find((s) => s.context === name)?.state !== "success");
    if (unmet.length > 0) {
      throw new HttpError(409, "Conflict: Commit status checks failed for " + body.ref + ".", { errors: unmet.map((name) => ({ contexts: [{ context: name, state: latest.find((s) => s.context === name)?.state ?? "missing" }], resource: "Deployment", field: "required_contexts", code: "invalid" })) });
    }
    const created = context.state.addDeployment(repo.repo.fullName, {
      ref: body.ref,
      sha,
      ...(body.environment !== undefined ? { environment: body.environment } : {}),
      ...(body.task !== undefined ? { task: body.task } : {}),
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      ...(body.production_environment !== undefined ? { production: body.production_environment } : {}),
      ...(typeof body.payload === "object" ? { payload: body.payload } : {}),
      creator: context.actor.login,
    });
    if (body.transient_environment !== undefined) created.transientEnvironment = body.transient_environment;
    return { status: 201, body: deployment(context, created) };
  },

  "repos/list-deployments": (context) => {
    const { sha, ref, task, environment } = context.query as { sha?: string; ref?: string; task?: string; environment?: string };
    const found = context
      .repo()
      .deployments.list((d) => (sha === undefined || d.sha === sha) && (ref === undefined || d.ref === ref) && (task === undefined || d.task === task) && (environment === undefined || d.environment === environment))
      .reverse();
    return { status: 200, body: context.paginate(found).map((d) => deployment(context, d)) };
  },

  "repos/get-deployment": (context) => ({ status: 200, body: deployment(context, findDeployment(context)) }),

  "repos/create-deployment-status": (context) => {
    const repo = context.repo();
    const target = findDeployment(context);
    const body = context.body as { state: DeploymentStatus["state"]; description?: string; environment_url?: string; log_url?: string; target_url?: string; auto_inactive?: boolean };
    const created = context.state.addDeploymentStatus(repo.repo.fullName, target.id, {
      state: body.state,
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.environment_url !== undefined ? { environmentUrl: body.environment_url } : {}),
      ...((body.log_url ?? body.target_url) !== undefined ? { logUrl: body.log_url ?? body.target_url } : {}),
      creator: context.actor.login,
    });
    // A success marks the earlier non-transient deployments of the environment inactive, unless asked not to.
    if (body.state === "success" && body.auto_inactive !== false) {
      for (const earlier of repo.deployments.list((d) => d.environment === target.environment && d.id !== target.id && !d.transientEnvironment)) {
        const last = repo.deploymentStatuses.list((s) => s.deploymentId === earlier.id).at(-1);
        if (last?.state === "success") context.state.addDeploymentStatus(repo.repo.fullName, earlier.id, { state: "inactive", creator: context.actor.login });
      }
    }
    return { status: 201, body: deploymentStatus(context, created) };
  },

  "repos/list-deployment-statuses": (context) => {
    const target = findDeployment(context);
    const statuses = context.repo().deploymentStatuses.list((s) => s.deploymentId === target.id).reverse();
    return { status: 200, body: context.paginate(statuses).map((s) => deploymentStatus(context, s)) };
  },
};
