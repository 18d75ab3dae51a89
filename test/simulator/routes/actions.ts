import { notFound, validationFailed } from "../route.ts";
import type { RouteTable } from "../route.ts";

export const actionsRoutes: RouteTable = {
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
