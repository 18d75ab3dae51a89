/**
 * Release and incident runs racing as separate OS processes (the CLI bundle and the action bundles, as two
 * workflow runs would), and faults injected between them: the end state is one tag, one release, one incident
 * issue, whatever the interleaving. Every injected fault is asserted to have fired, so a test cannot pass
 * because its fault never happened. Run `npm run build` first when running it locally.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { defaultRoutes } from "../simulator/routes/index.ts";
import { HttpError, type Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { mirror } from "../release/mirror.ts";
import { TestRepo } from "../support/git-repo.ts";
import { nodeBin, repoRoot, runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

let sim: Simulator;

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...` as its own process. */
function cliProcess(argv: string[], cwd: string, env: Record<string, string>): Promise<Cli> {
  return new Promise((resolve) => {
    execFile(nodeBin, [path.join(repoRoot, "dist/cli.js"), ...argv], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The route of `operationId` does its work, then its answer is lost `times` times (502, as a proxy would). */
function loseAnswers(operationId: string, times = 1): { lost: number } {
  const original = defaultRoutes()[operationId]!;
  const counter = { lost: 0 };
  sim.route(operationId, async (context) => {
    const result = await original(context);
    if (counter.lost < times) {
      counter.lost++;
      throw new HttpError(502, "Bad Gateway");
    }
    return result;
  });
  return counter;
}

describe("shipgate release: two processes racing, and a lost answer", () => {
  let repo: TestRepo;
  beforeEach(async () => {
    sim = await startTestSimulator({ tokens: { writer: "write" } });
    repo = await TestRepo.create();
    await repo.commit("feat: first");
    await repo.tag("v1.0.0", { annotated: true });
    await repo.commit("feat: second");
    await mirror(sim, "acme/app", repo);
    return () => repo.remove();
  });
  const release = () => cliProcess(["release", "--repo", "acme/app", "--dir", repo.dir, "--json"], repo.dir, simulatorEnv(sim, "writer"));
  const releases = () => sim.state.repo("acme", "app")!.releases.list();

  it("both read 'no tag' before either makes it: one tag, one release, and the loser says it lost", async () => {
    // Held until both processes are past their reads: the tag's creation decides.
    const hold = sim.inject({ operationId: "git/create-ref", delayMs: 400, times: 2 });
    const [a, b] = await Promise.all([release(), release()]);
    expect(hold.applied, "both processes reached the tag's creation").toBe(2);
    for (const run of [a, b]) expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    const states = [a, b].map((run) => (JSON.parse(run.stdout) as { state: string }).state).sort();
    expect(states).toEqual(["created", "lost-race"]);
    expect(releases()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
    expect(sim.requests.filter((r) => r.operationId === "repos/create-release")).toHaveLength(1);
  });

  it("a release created whose answer was lost: the run ends with exit 3, the re-run finds it, one release", async () => {
    const lost = loseAnswers("repos/create-release");
    const first = await cliProcess(["release", "--repo", "acme/app", "--dir", repo.dir, "--json"], repo.dir, { ...simulatorEnv(sim, "writer"), SHIPGATE_HTTP_RETRIES: "0" });
    expect(lost.lost, "the answer was lost").toBe(1);
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/HTTP 502/);
    const again = await release();
    expect(again.code).toBe(0);
    expect(releases()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
  });
});

describe("incident action: two bundles of the same failure racing", () => {
  let workspace: string;
  beforeEach(async () => {
    sim = await startTestSimulator({ repos: ["octo-org/octo-repo"] });
    sim.state.addWorkflowJob("octo-org/octo-repo", { runId: 4242, name: "deploy", conclusion: "failure", steps: [{ name: "Run deploy", conclusion: "failure" }] });
    workspace = tempDir("incident-race");
    await mkdir(path.join(workspace, ".github"));
    await writeFile(path.join(workspace, ".github/shipgate.yml"), "incidents:\n  on-call: [alice]\n");
  });
  const open = (runId: string) =>
    runActionBundle("dist/incident.js", { workspace, apiUrl: sim.url, inputs: { token: "ghs_test", mode: "failure", environment: "production" }, env: { GITHUB_WORKFLOW: "Deploy", GITHUB_RUN_ID: runId } });
  const openIssues = () => sim.state.repo("octo-org", "octo-repo")!.issues.list().filter((issue) => issue.state === "open" && !issue.labels.includes("incident-follow-up"));

  it("both list 'no incident' before either opens one: one open incident at the end", async () => {
    const hold = sim.inject({ operationId: "issues/list-for-repo", delayMs: 300, times: 2 });
    const [a, b] = await Promise.all([open("4242"), open("4243")]);
    expect(hold.applied, "both bundles listed before either opened").toBe(2);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(openIssues()).toHaveLength(1);
  });

  it("an issue created whose answer was lost: the run looks again and finds it, never a second one", async () => {
    const lost = loseAnswers("issues/create");
    const first = await open("4242");
    expect(lost.lost, "the answer was lost").toBe(1);
    expect(first.exitCode).toBe(0);
    expect(sim.requests.filter((r) => r.operationId === "issues/create")).toHaveLength(1);
    const again = await open("4243");
    expect(again.exitCode).toBe(0);
    expect(openIssues()).toHaveLength(1);
  });
});
