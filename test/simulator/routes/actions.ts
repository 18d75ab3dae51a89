import { notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable, Urls } from "../route.ts";
import type { RepoState, WorkflowJob } from "../state.ts";

/** The fields of GitHub's `job` representation that the simulator knows; shape.ts fills the rest. */
function job(urls: Urls, repo: RepoState, j: WorkflowJob): Record<string, unknown> {
  const apiRepo = `${urls.api}/repos/${repo.repo.fullName}`;
  return {
    id: j.id,
    node_id: `CR_${j.id}`,
    run_id: j.runId,
    run_attempt: j.runAttempt,
    run_url: `${apiRepo}/actions/runs/${j.runId}`,
    head_sha: j.headSha,
    head_branch: j.headBranch,
    workflow_name: j.workflowName,
    name: j.name,
    url: `${apiRepo}/actions/jobs/${j.id}`,
    html_url: `${urls.html}/${repo.repo.fullName}/actions/runs/${j.runId}/job/${j.id}`,
    status: j.status,
    conclusion: j.conclusion,
    started_at: j.startedAt,
    completed_at: j.completedAt,
    created_at: j.startedAt,
    check_run_url: `${apiRepo}/check-runs/${j.id}`,
    labels: ["ubuntu-latest"],
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
    steps: j.steps.map((s) => ({ number: s.number, name: s.name, status: s.status, conclusion: s.conclusion, started_at: j.startedAt, completed_at: j.completedAt })),
  };
}

function jobsPage(context: RouteContext, jobs: WorkflowJob[]): { status: number; body: unknown } {
  const repo = context.repo();
  return { status: 200, body: { total_count: jobs.length, jobs: context.paginate(jobs).map((j) => job(context.urls, repo, j)) } };
}

export const actionsRoutes: RouteTable = {
  "actions/list-jobs-for-workflow-run-attempt": (context) => {
    const runId = context.params.run_id as number;
    const attempt = context.params.attempt_number as number;
    return jobsPage(context, context.repo().workflowJobs.list((j) => j.runId === runId && j.runAttempt === attempt));
  },

  "actions/list-jobs-for-workflow-run": (context) => {
    const runId = context.params.run_id as number;
    const jobs = context.repo().workflowJobs.list((j) => j.runId === runId);
    if ((context.query.filter as string | undefined) === "all") return jobsPage(context, jobs);
    // filter=latest (the default): the jobs of the most recent attempt.
    const latest = Math.max(0, ...jobs.map((j) => j.runAttempt));
    return jobsPage(context, jobs.filter((j) => j.runAttempt === latest));
  },

  /** Records the dispatch; the simulator runs no workflow. The workflow file must exist on the ref, as on GitHub. */
  "actions/create-workflow-dispatch": (context) => {
    const repo = context.repo();
    const body = context.body as { ref: string; inputs?: Record<string, unknown> };
    const workflow = String(context.params.workflow_id);
    const sha = repo.resolveRef(body.ref);
    if (!sha) throw validationFailed("Workflow", "ref", "invalid", `No ref found for: ${body.ref}`);
    if (/^\d+$/.test(workflow) ? false : repo.fileAt(sha, `.github/workflows/${workflow}`) === undefined) throw notFound();
    repo.dispatches.set(repo.dispatches.size + 1, { id: repo.dispatches.size + 1, workflow, ref: body.ref, inputs: body.inputs ?? {}, createdAt: context.state.now() });
    return { status: 204 };
  },
};
