/**
 * What the rollout needs of the world: the environment's deployments, where its state lives (src/github/rollout.ts
 * implements it), and a runner of the user's commands (./commands.ts). Metrics come through the rollback guard's
 * port, incidents through the incident capability's tracker.
 */

export type DeploymentState = "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";

export interface RolloutStatus {
  id: number;
  state: DeploymentState;
  description: string | null;
  createdAt: string;
}

export interface RolloutDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
  /** What the run that created it planned (strategy, colours). */
  payload: Record<string, unknown>;
  /** Oldest first. */
  statuses: RolloutStatus[];
}

export interface NewRollout {
  ref: string;
  sha: string;
  environment: string;
  description: string;
  payload: Record<string, unknown>;
}

export interface RolloutStore {
  /** The environment's newest rollout deployments (task `deploy:rollout`), newest first, each with its statuses. */
  listRollouts(environment: string): Promise<RolloutDeployment[]>;
  /** The statuses of one rollout deployment, oldest first. */
  statuses(deploymentId: number): Promise<RolloutStatus[]>;
  createRollout(rollout: NewRollout): Promise<RolloutDeployment>;
  addStatus(deploymentId: number, status: { state: DeploymentState; description: string; logUrl?: string; environmentUrl?: string }): Promise<void>;
}

export interface CommandOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr, neutralised for logs. */
  output: string;
  /** Why it could not start (ENOENT), else null. */
  error: string | null;
}

export interface CommandRunner {
  run(argv: string[], env: Record<string, string>, timeoutMs: number): Promise<CommandOutcome>;
}
