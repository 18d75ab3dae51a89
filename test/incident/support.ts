/** Settings, runs and a tracker on the API simulator for the incident tests. */
import { Octokit as OctokitCore } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import type { Octokit } from "../../src/github/client.ts";
import { githubIncidentTracker } from "../../src/github/incidents.ts";
import type { IncidentTracker } from "../../src/incident/tracker.ts";
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
 * The production client (src/github/client.ts) spaces writes that notify people 3 s apart (plugin-throttling),
 * which would make each lifecycle take half a minute; the protocol tests use the same client without the
 * throttling plugin, so runs in one process also race as freely as separate jobs. The retry tests use the real one.
 */
const UnthrottledOctokit = OctokitCore.plugin(restEndpointMethods, paginateRest, retry);

export function trackerFor(sim: Simulator, retries = 3): IncidentTracker {
  const octokit = new UnthrottledOctokit({ auth: "test-token", baseUrl: sim.url, retry: { retries, retryAfterBaseValue: 1 } });
  return githubIncidentTracker(octokit as unknown as Octokit, { owner: OWNER, repo: REPO });
}

/** The production client with its retries and rate-limit handling (writes unspaced: see clientFor). */
export function realTrackerFor(sim: Simulator, retries = 3): IncidentTracker {
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
