import type { RouteContext, RouteTable } from "../route.ts";
import type { WorkflowRun } from "../state.ts";

/** The fields of GitHub's `workflow-run` representation that the simulator knows; shape.ts fills the rest. */
function workflowRun(context: RouteContext, run: WorkflowRun): Record<string, unknown> {
  const repo = context.repo();
  const api = `${context.urls.api}/repos/${repo.repo.fullName}/actions/runs/${run.id}`;
  return {
    id: run.id,
    node_id: `WFR_${run.id}`,
    name: run.name,
    display_title: run.name,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: `.github/workflows/${run.name.toLowerCase()}.yml`,
    run_number: run.id,
    run_attempt: run.runAttempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: 1,
    url: api,
    html_url: `${context.urls.html}/${repo.repo.fullName}/actions/runs/${run.id}`,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${context.urls.api}/repos/${repo.repo.fullName}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${context.urls.api}/repos/${repo.repo.fullName}/actions/workflows/1`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.createdAt,
  };
}

export const workflowRunsRoutes: RouteTable = {
  "actions/list-workflow-runs-for-repo": (context) => {
    const { head_sha: headSha, status } = context.query as { head_sha?: string; status?: string };
    const runs = context
      .repo()
      .workflowRuns.list((r) => (headSha === undefined || r.headSha === headSha) && (status === undefined || r.status === status || r.conclusion === status))
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
    return { status: 200, body: { total_count: runs.length, workflow_runs: context.paginate(runs).map((r) => workflowRun(context, r)) } };
  },
};
