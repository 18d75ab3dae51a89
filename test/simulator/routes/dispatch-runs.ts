import type { RouteTable } from "../route.ts";
import { repository } from "../representations.ts";

/**
 * Workflow runs as GitHub lists them for one workflow: here, one run per recorded workflow_dispatch
 * (repo.dispatches), on the ref it was dispatched on.
 */
export const dispatchRunsRoutes: RouteTable = {
  "actions/list-workflow-runs": (context) => {
    const repo = context.repo();
    const workflow = String(context.params.workflow_id);
    const { event, branch } = context.query as { event?: string; branch?: string };
    const runs = repo.dispatches.list((d) => d.workflow === workflow && (event === undefined || event === "workflow_dispatch") && (branch === undefined || d.ref === branch));
    const api = `${context.urls.api}/repos/${repo.repo.fullName}`;
    const sha = (ref: string) => repo.resolveRef(ref) ?? "0".repeat(40);
    return {
      status: 200,
      body: {
        total_count: runs.length,
        workflow_runs: context.paginate(runs).map((d, i) => ({
          id: d.id,
          node_id: `WFR_${d.id}`,
          name: workflow,
          head_branch: d.ref,
          head_sha: sha(d.ref),
          path: `.github/workflows/${workflow}`,
          run_number: i + 1,
          display_title: workflow,
          event: "workflow_dispatch",
          status: "queued",
          conclusion: null,
          workflow_id: 1,
          url: `${api}/actions/runs/${d.id}`,
          html_url: `${context.urls.html}/${repo.repo.fullName}/actions/runs/${d.id}`,
          created_at: d.createdAt,
          updated_at: d.createdAt,
          pull_requests: [],
          head_commit: null,
          head_repository: repository(context.state, context.urls, repo),
          repository: repository(context.state, context.urls, repo),
          jobs_url: `${api}/actions/runs/${d.id}/jobs`,
          logs_url: `${api}/actions/runs/${d.id}/logs`,
          check_suite_url: `${api}/check-suites/${d.id}`,
          cancel_url: `${api}/actions/runs/${d.id}/cancel`,
          rerun_url: `${api}/actions/runs/${d.id}/rerun`,
          artifacts_url: `${api}/actions/runs/${d.id}/artifacts`,
          workflow_url: `${api}/actions/workflows/1`,
        })),
      },
    };
  },
};
