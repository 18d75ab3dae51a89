/**
 * The cost of the incident protocol as the number of incident issues grows: each failure lists the open incidents
 * (and the recently closed ones) page by page, so its time grows with them. Measured against the API simulator on
 * 127.0.0.1 (real HTTP; the simulator validates every request and response, so absolute times are pessimistic).
 */
import { performance } from "node:perf_hooks";
import { Octokit as OctokitCore } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import type { Octokit } from "../src/github/client.ts";
import { githubIncidentTracker } from "../src/github/incidents.ts";
import { incidentMarker } from "../src/incident/marker.ts";
import { reportFailure } from "../src/incident/open.ts";
import { resolveIncidentSettings } from "../src/incident/settings.ts";
import { defaultPolicy } from "../src/policy/load.ts";
import { startSimulator } from "../test/simulator/index.ts";

// Without the throttling plugin: it spaces writes a second apart, which would measure the plugin, not the protocol.
const BenchOctokit = OctokitCore.plugin(restEndpointMethods, paginateRest);
const settings = resolveIncidentSettings(defaultPolicy().incidents, "defaults");

async function once(existing: number): Promise<{ ms: number; requests: number }> {
  const sim = await startSimulator();
  try {
    sim.state.addRepo("acme/app");
    for (let i = 0; i < existing; i++) {
      const at = "2026-03-03T10:00:00.000Z";
      const body = incidentMarker({ key: `Other/${i}`, severity: "P3", detectedAt: at, openedAt: at, responseDue: at, resolutionDue: null, run: String(i + 1) });
      sim.state.addIssue("acme/app", { title: `incident ${i}`, body, labels: ["incident"], state: i % 2 === 0 ? "open" : "closed" });
    }
    const tracker = githubIncidentTracker(new BenchOctokit({ auth: "t", baseUrl: sim.url }) as unknown as Octokit, { owner: "acme", repo: "app" });
    const run = { repository: "acme/app", workflow: "Deploy", environment: "production", branch: "main", event: "push", runId: "99999", runAttempt: 1, runUrl: "https://github.com/acme/app/actions/runs/99999", sha: "0".repeat(40), actor: "octocat", commitMessage: "" };
    const start = performance.now();
    await reportFailure(tracker, settings, run, new Date("2026-03-03T10:30:00Z"));
    return { ms: performance.now() - start, requests: sim.requests.length };
  } finally {
    await sim.close();
  }
}

export async function run(): Promise<void> {
  await once(0); // warm-up: the simulator parses the OpenAPI description once per process
  console.log("\nOpening an incident with N incident issues already in the repository (half open, half closed)");
  console.log("| N | requests | ms |\n| ---: | ---: | ---: |");
  for (const existing of [0, 100, 1000]) {
    const { ms, requests } = await once(existing);
    console.log(`| ${existing} | ${requests} | ${ms.toFixed(0)} |`);
  }
}
