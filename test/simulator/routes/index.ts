import type { RouteTable } from "../route.ts";
import { accessRoutes } from "./access.ts";
import { actionsRoutes } from "./actions.ts";
import { checksRoutes } from "./checks.ts";
import { commitsRoutes } from "./commits.ts";
import { deploymentsRoutes } from "./deployments.ts";
import { gitRoutes } from "./git.ts";
import { issuesRoutes } from "./issues.ts";
import { pullsRoutes } from "./pulls.ts";
import { releasesRoutes } from "./releases.ts";
import { reposRoutes } from "./repos.ts";
import { dispatchRunsRoutes } from "./dispatch-runs.ts";
import { rulesRoutes } from "./rules.ts";
import { workflowRunsRoutes } from "./workflow-runs.ts";

/** Every route of the simulator, keyed by operationId. A new domain adds its file and one entry here. */
const domains: RouteTable[] = [checksRoutes, pullsRoutes, reposRoutes, issuesRoutes, gitRoutes, releasesRoutes, commitsRoutes, deploymentsRoutes, actionsRoutes, rulesRoutes, dispatchRunsRoutes, workflowRunsRoutes, accessRoutes];

export function defaultRoutes(): RouteTable {
  const table: RouteTable = {};
  for (const domain of domains) {
    for (const [operationId, handler] of Object.entries(domain)) {
      if (table[operationId]) throw new Error(`two route files define ${operationId}`);
      table[operationId] = handler;
    }
  }
  return table;
}
