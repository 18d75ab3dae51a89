/**
 * The rollout's state on GitHub: one deployment of the environment per rollout (task `deploy:rollout`), every event
 * one of its statuses. Reads are the consistent REST lists, newest first as GitHub returns them.
 */
import type { DeploymentState, RolloutDeployment, RolloutStatus, RolloutStore } from "../rollout/ports.ts";
import type { Octokit } from "./client.ts";
import { toExternalError } from "./client.ts";

export const ROLLOUT_TASK = "deploy:rollout";
/**
 * Rollouts read per run, each with its statuses: the newest decide (one rollout of an environment is in progress at
 * a time, so it is among them); older ones are finished history.
 */
const MAX_ROLLOUTS = 20;
/** Statuses read per rollout: 10 pages of 100, far more than a rollout writes. */
const MAX_STATUS_PAGES = 10;

export function githubRolloutStore(octokit: Octokit, target: { owner: string; repo: string }): RolloutStore {
  const { owner, repo } = target;
  const where = `${owner}/${repo}`;

  async function statusesOf(id: number): Promise<RolloutStatus[]> {
    const all: RolloutStatus[] = [];
    try {
      for (let page = 1; page <= MAX_STATUS_PAGES; page++) {
        const { data } = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 100, page });
        all.push(...data.map((s) => ({ id: Number(s.id), state: s.state as DeploymentState, description: s.description ?? null, createdAt: s.created_at })));
        if (data.length < 100) break;
      }
    } catch (error) {
      throw toExternalError(error, `listing the statuses of deployment ${id} in ${where}`);
    }
    return all.sort((a, b) => a.id - b.id);
  }

  return {
    statuses: statusesOf,

    async listRollouts(environment) {
      let deployments;
      try {
        ({ data: deployments } = await octokit.rest.repos.listDeployments({ owner, repo, environment, task: ROLLOUT_TASK, per_page: MAX_ROLLOUTS }));
      } catch (error) {
        throw toExternalError(error, `listing the rollouts of ${environment} in ${where}`);
      }
      const newest = [...deployments].sort((a, b) => Number(b.id) - Number(a.id));
      return Promise.all(
        newest.map(
          async (d): Promise<RolloutDeployment> => ({
            id: Number(d.id),
            sha: d.sha,
            ref: d.ref,
            environment: d.environment,
            createdAt: d.created_at,
            payload: typeof d.payload === "object" && d.payload !== null ? (d.payload as Record<string, unknown>) : {},
            statuses: await statusesOf(Number(d.id)),
          }),
        ),
      );
    },

    async createRollout(rollout) {
      try {
        const { data, status } = await octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref: rollout.sha,
          task: ROLLOUT_TASK,
          environment: rollout.environment,
          description: rollout.description,
          payload: rollout.payload,
          auto_merge: false,
          // The workflow's own checks are still running on this commit: they are not a reason to refuse.
          required_contexts: [],
          transient_environment: false,
        });
        if (status !== 201 || !("id" in data)) throw new Error(`GitHub did not create the deployment: ${"message" in data ? data.message : status}`);
        return { id: Number(data.id), sha: data.sha, ref: data.ref, environment: data.environment, createdAt: data.created_at, payload: rollout.payload, statuses: [] };
      } catch (error) {
        throw toExternalError(error, `creating the rollout deployment of ${rollout.environment} in ${where}`);
      }
    },

    async addStatus(deploymentId, status) {
      try {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: status.state,
          description: status.description,
          ...(status.logUrl ? { log_url: status.logUrl } : {}),
          ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
          // Earlier deployments stay as they are: their records are the history of this environment's rollouts.
          auto_inactive: false,
        });
      } catch (error) {
        throw toExternalError(error, `recording "${status.description}" on deployment ${deploymentId} in ${where}`);
      }
    },
  };
}
