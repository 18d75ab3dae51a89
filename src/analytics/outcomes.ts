/** How each deployment ended, from its statuses, else from the workflow run that made it. Pure. */
import type { DeploymentRecord, WorkflowRunRecord } from "./model.ts";

export type Outcome = "success" | "failure" | "cancelled" | "pending" | "unknown";

export interface DeploymentOutcome {
  outcome: Outcome;
  /** Where the outcome was read: the deployment's statuses, the workflow run of its commit, or nowhere. */
  source: "status" | "workflow-run" | "none";
  /** When it ended (the first final status, or the run's last update); null while pending or unknown. */
  finishedAt: number | null;
  /** The workflow run read, when there was one. */
  run?: { id: number; url: string };
}

const FINAL: Record<string, Outcome> = { success: "success", failure: "failure", error: "failure" };
const RUN_FAILED = new Set(["failure", "timed_out", "startup_failure", "action_required"]);
/** A run may create its deployment a little before GitHub reports the run's own creation time. */
const RUN_CLOCK_SLACK_MS = 60_000;

function fromRuns(deployment: DeploymentRecord, runs: WorkflowRunRecord[]): DeploymentOutcome {
  const created = Date.parse(deployment.createdAt);
  // The run that made the deployment: of its commit, started before it, the latest such.
  const run = runs
    .filter((r) => r.headSha === deployment.sha && Date.parse(r.createdAt) <= created + RUN_CLOCK_SLACK_MS)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)[0];
  if (!run) return { outcome: "unknown", source: "none", finishedAt: null };
  const ref = { id: run.id, url: run.url };
  if (run.status !== "completed" || run.conclusion === null) return { outcome: "pending", source: "workflow-run", finishedAt: null, run: ref };
  const outcome: Outcome = run.conclusion === "success" ? "success" : RUN_FAILED.has(run.conclusion) ? "failure" : "cancelled";
  return { outcome, source: "workflow-run", finishedAt: Date.parse(run.updatedAt), run: ref };
}

/**
 * The first final status decides (success, or failure/error): later ones (inactive once a newer deployment
 * replaced it) do not change how the deployment went. Inactive before any final status: replaced before it
 * finished, cancelled. No status at all: the workflow run of the commit, when one is found.
 */
export function outcomeOf(deployment: DeploymentRecord, runs: WorkflowRunRecord[]): DeploymentOutcome {
  if (deployment.statuses.length === 0) return fromRuns(deployment, runs);
  const statuses = [...deployment.statuses].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  for (const status of statuses) {
    const outcome = FINAL[status.state];
    if (outcome) return { outcome, source: "status", finishedAt: Date.parse(status.createdAt) };
    if (status.state === "inactive") return { outcome: "cancelled", source: "status", finishedAt: Date.parse(status.createdAt) };
  }
  return { outcome: "pending", source: "status", finishedAt: null };
}
