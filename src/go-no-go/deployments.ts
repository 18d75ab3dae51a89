export type DeploymentState = "success" | "failure" | "error" | "inactive" | "in_progress" | "queued" | "pending";

/** A deployment with its statuses (Deployments API). */
export interface DeploymentData {
  id: number;
  environment: string;
  sha: string;
  createdAt: string;
  statuses: { id: number; state: DeploymentState; createdAt: string; description?: string | null }[];
}

export interface StagingOutcome {
  state: "passed" | "failed" | "pending" | "missing";
  detail: string;
  deploymentId?: number;
}

function time(value: string): number {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

function byTimeThenId<T extends { id: number; createdAt: string }>(a: T, b: T): number {
  const ta = time(a.createdAt);
  const tb = time(b.createdAt);
  return ta < tb ? -1 : ta > tb ? 1 : a.id - b.id;
}

/**
 * The latest deployment of this commit to the environment (names compare case-insensitively, as GitHub's
 * do) must have succeeded. A deployment that succeeded and was later marked inactive because a newer one
 * replaced it still counts: the commit was deployed and tested there.
 */
export function evaluateStaging(deployments: DeploymentData[], sha: string, environment: string): StagingOutcome {
  const env = environment.toLowerCase();
  const ofCommit = deployments.filter((d) => d.sha === sha && d.environment.toLowerCase() === env).sort(byTimeThenId);
  const deployment = ofCommit.at(-1);
  const short = sha.slice(0, 7);
  if (!deployment) return { state: "missing", detail: `no deployment of ${short} to ${environment}` };
  const statuses = [...deployment.statuses].sort(byTimeThenId);
  const last = statuses.at(-1);
  const base = { deploymentId: deployment.id };
  if (!last) return { ...base, state: "pending", detail: `deployment ${deployment.id} of ${short} to ${environment} has no status yet` };
  const description = last.description ? ` (${last.description})` : "";
  switch (last.state) {
    case "success":
      return { ...base, state: "passed", detail: `deployment ${deployment.id} of ${short} to ${environment} succeeded` };
    case "inactive":
      return statuses.some((s) => s.state === "success")
        ? { ...base, state: "passed", detail: `deployment ${deployment.id} of ${short} to ${environment} succeeded (since replaced by a newer deployment)` }
        : { ...base, state: "failed", detail: `deployment ${deployment.id} of ${short} to ${environment} became inactive without succeeding` };
    case "failure":
    case "error":
      return { ...base, state: "failed", detail: `deployment ${deployment.id} of ${short} to ${environment}: ${last.state}${description}` };
    default:
      return { ...base, state: "pending", detail: `deployment ${deployment.id} of ${short} to ${environment} is ${last.state.replace("_", " ")}${description}` };
  }
}
