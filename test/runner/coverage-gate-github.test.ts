import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, lcovRecord } from "../support/git-repo.ts";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import { startSimulator } from "../simulator/index.ts";
import type { Simulator } from "../simulator/index.ts";

const bundle = "dist/coverage-gate.js";
const REPO = "octo-org/octo-repo";

/**
 * The coverage gate on a pull request, as the runner runs it, against the GitHub API simulator: a shallow
 * checkout (the base commit is missing), so the changed lines come from the pull request files API, and the
 * verdict goes to a check run with annotations.
 */
describe("coverage-gate action on a pull request, against the GitHub API simulator", () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ tokens: { "write-token": "write", "fork-token": "read" } });
  });
  afterEach(async () => {
    await sim.close();
  });

  /** src/app.ts has 12 lines, 11 and 12 new in the pull request and not covered. */
  function shallowCheckout() {
    const repo = createTempRepo();
    repo.write("src/app.ts", Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join("\n") + "\n");
    const head = repo.commit("feat: more lines");
    const hits = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, i >= 10 ? 0 : 1]));
    repo.write("coverage/lcov.info", lcovRecord(path.join(repo.dir, "src/app.ts"), hits));
    const baseSha = "1".repeat(40);
    sim.state.addPullRequest(REPO, {
      number: 7,
      head: { sha: head, ref: "feature" },
      base: { sha: baseSha, ref: "main" },
      files: [{ filename: "src/app.ts", status: "modified", patch: "@@ -10,0 +11,2 @@\n+line11\n+line12" }],
    });
    return { repo, head, baseSha };
  }

  it("reads the changed lines from the API and writes a failing check run with annotations on them", async () => {
    const { repo, head, baseSha } = shallowCheckout();
    const result = await runActionBundle(bundle, {
      workspace: repo.dir,
      eventName: "pull_request",
      event: pullRequestEvent({ number: 7, baseSha, headSha: head }),
      apiUrl: sim.url,
      inputs: { files: "coverage/lcov.info", "min-lines": "50", "min-patch": "80", token: "write-token" },
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.patch).toBe("0");
    expect(sim.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(["pulls/list-files 200", "checks/create 201"]);
    const run = sim.state.repo("octo-org", "octo-repo")?.checkRuns.list()[0];
    expect(run).toMatchObject({ name: "shipgate / coverage", headSha: head, status: "completed", conclusion: "failure" });
    expect(run?.annotations).toContainEqual(expect.objectContaining({ path: "src/app.ts", start_line: 11, end_line: 12, annotation_level: "warning" }));
    expect(run?.output.summary).toMatch(/coverage/);
  });

  it("on a fork's read-only token writes no check run, says so, and keeps the verdict", async () => {
    const { repo, head, baseSha } = shallowCheckout();
    const result = await runActionBundle(bundle, {
      workspace: repo.dir,
      eventName: "pull_request",
      event: pullRequestEvent({ number: 7, baseSha, headSha: head, fork: true }),
      apiUrl: sim.url,
      inputs: { files: "coverage/lcov.info", "min-lines": "50", "min-patch": "80", token: "fork-token" },
    });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe("coverage-gate: coverage: changed lines 0.00 % < 80 %");
    expect(result.summary).toMatch(/No check run was written: .*read-only token/);
    expect(sim.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(["pulls/list-files 200", "checks/create 403"]);
    expect(sim.state.repo("octo-org", "octo-repo")?.checkRuns.size).toBe(0);
  });
});
