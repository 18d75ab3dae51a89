/**
 * The run an incident is about, from the runner's variables (GITHUB_*, passed in as data) and explicit values
 * (action inputs, CLI options), which win.
 */
import { UserError } from "../core/errors.ts";
import type { RunInfo } from "./model.ts";

export interface RunOverrides {
  repository?: string;
  workflow?: string;
  environment?: string;
  branch?: string;
  event?: string;
  runId?: string;
  runAttempt?: string;
  sha?: string;
  actor?: string;
  commitMessage?: string;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export function parseRepository(text: string | undefined, where: string): { owner: string; repo: string } {
  if (!text || !REPOSITORY.test(text)) throw new UserError(`${where}: expected a repository as owner/name, got "${text ?? ""}"`);
  const [owner = "", repo = ""] = text.split("/");
  return { owner, repo };
}

/** The run an incident records; `names` say in messages where each value comes from. */
export function runInfoFrom(env: Record<string, string | undefined>, overrides: RunOverrides, names: { runId: string; runAttempt: string; repository: string }): RunInfo {
  const repository = overrides.repository ?? env.GITHUB_REPOSITORY ?? "";
  parseRepository(repository, names.repository);
  const runId = overrides.runId ?? env.GITHUB_RUN_ID ?? "";
  if (!/^[0-9]{1,20}$/.test(runId)) throw new UserError(`${names.runId}: expected the numeric id of the workflow run, got "${runId}"`);
  const attemptText = overrides.runAttempt ?? env.GITHUB_RUN_ATTEMPT ?? "1";
  const runAttempt = Number(attemptText);
  if (!Number.isInteger(runAttempt) || runAttempt < 1 || runAttempt > 10_000) throw new UserError(`${names.runAttempt}: expected a whole number >= 1 and <= 10000, got "${attemptText}"`);
  const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  return {
    repository,
    workflow: overrides.workflow ?? env.GITHUB_WORKFLOW ?? "",
    environment: overrides.environment ?? "",
    branch: overrides.branch ?? (env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || ""),
    event: overrides.event ?? env.GITHUB_EVENT_NAME ?? "",
    runId,
    runAttempt,
    runUrl: `${server}/${repository}/actions/runs/${runId}`,
    sha: overrides.sha ?? env.GITHUB_SHA ?? "",
    actor: overrides.actor ?? (env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || ""),
    commitMessage: overrides.commitMessage ?? "",
  };
}
