/** Settings, runs and a tracker on the API simulator for the incident tests. */
import { githubIncidentTracker } from "../../src/github/incidents.ts";
import type { IncidentTracker } from "../../src/incident/ports.ts";
import type { IncidentSettings, RunInfo } from "../../src/incident/model.ts";
import { resolveIncidentSettings } from "../../src/incident/settings.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import type { IncidentsPolicy } from "../../src/policy/types.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";

export const OWNER = "acme";
export const REPO = "app";

export function settingsWith(overrides: Partial<IncidentsPolicy> = {}): IncidentSettings {
  return resolveIncidentSettings({ ...defaultPolicy().incidents, ...overrides }, "test policy");
}

let nextRun = 9000;

export function runInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  const runId = overrides.runId ?? String(nextRun++);
  return {
    repository: `${OWNER}/${REPO}`,
    workflow: "Deploy",
    environment: "production",
    branch: "main",
    event: "push",
    runAttempt: 1,
    runUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/${runId}`,
    sha: "0123456789abcdef0123456789abcdef01234567",
    actor: "octocat",
    commitMessage: "Ship it",
    ...overrides,
    runId,
  };
}

/**
 * The production client (src/github/client.ts) with its retries and rate-limit handling, minus the 1-3 s spacing of
 * writes (throttleWrites: false, see clientFor), which would make each lifecycle take half a minute. Each tracker
 * has its own client, so runs in one process race as freely as separate jobs.
 */
export function trackerFor(sim: Simulator, retries = 3): IncidentTracker {
  return githubIncidentTracker(clientFor(sim, { retries, timeoutMs: 5000 }), { owner: OWNER, repo: REPO });
}

export function issuesOf(sim: Simulator) {
  return sim.state.repo(OWNER, REPO)?.issues.list() ?? [];
}

export function commentsOf(sim: Simulator, issue: number) {
  return sim.state.repo(OWNER, REPO)?.comments.list((c) => c.issueNumber === issue) ?? [];
}

/** Both callers wait until both arrived: forces two runs to interleave between their list and their create. */
export function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    arrived++;
    if (arrived >= parties) release();
    await all;
  };
}

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}
