/**
 * `release-branch start` opens the release's pre-release checklist from the runbook of runbooks.release-checklist,
 * and go/no-go judges it: against the API simulator, from a real git checkout.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { parseChecklist } from "../../src/runbooks/checklist.ts";
import { mirror } from "../release/mirror.ts";
import { startSimulator, type Simulator } from "../simulator/index.ts";
import { TestRepo } from "../support/git-repo.ts";

const POLICY = `runbooks:
  release-checklist: pre-release
  list:
    - name: pre-release
      title: Pre-release checklist
      items:
        - text: "Manual test: sign-up"
        - text: "Manual test: payment"
`;

let sim: Simulator;
let repo: TestRepo;

beforeEach(async () => {
  sim = await startSimulator({ tokens: { writer: { access: "write", login: "github-actions[bot]" }, reader: "read" } });
  repo = await TestRepo.create();
  await repo.commit("chore: initial", { "package.json": '{\n  "name": "app",\n  "version": "1.0.0"\n}\n', ".github/shipgate.yml": POLICY });
  await repo.tag("v1.0.0", { annotated: true });
  await repo.checkout("develop", { create: true });
  await repo.commit("feat: export");
  await mirror(sim, "acme/app", repo);
});
afterEach(async () => {
  await sim.close();
  await repo.remove();
});

async function cli(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: repo.dir,
    env: { GITHUB_API_URL: sim.url, SHIPGATE_NO_WRITE_SPACING: "1", SHIPGATE_RETRY_AFTER_BASE_MS: "1", GITHUB_TOKEN: token },
    now: () => new Date("2026-03-10T09:00:00Z"),
  });
  return { code, stdout, stderr };
}

describe("release-branch start and the pre-release checklist", () => {
  it("opens the checklist of the version it cuts, once, and go/no-go is no-go until it is complete", async () => {
    const start = await cli(["release-branch", "start", "--repo", "acme/app", "--json"], "writer");
    expect(start.code, start.stderr).toBe(0);
    const issues = sim.state.repo("acme", "app")!.issues.list();
    expect(issues.map((issue) => issue.title)).toEqual(["Pre-release checklist — 1.1.0"]);
    expect(parseChecklist(issues[0]!.body).map((item) => item.text)).toEqual(["Manual test: sign-up", "Manual test: payment"]);
    expect((JSON.parse(start.stdout) as { steps: string[] }).steps.at(-1)).toContain(`pre-release checklist #${issues[0]!.number}`);

    const again = await cli(["release-branch", "start", "--repo", "acme/app", "--json"], "writer");
    expect(again.code, again.stderr).toBe(0);
    expect(sim.state.repo("acme", "app")!.issues.list()).toHaveLength(1);

    const verdict = await cli(["go-no-go", "--repo", "acme/app", "--release", "1.1.0", "--json"], "writer");
    expect(verdict.code).toBe(1);
    expect((JSON.parse(verdict.stdout) as { title: string }).title).toContain("2 of 2 items open");
  });

  it("a dry run says it would open the checklist and opens nothing", async () => {
    const run = await cli(["release-branch", "start", "--repo", "acme/app", "--dry-run", "--json"], "reader");
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { steps: string[] }).steps).toContain("would open the pre-release checklist of 1.1.0 (runbook pre-release)");
    expect(sim.state.repo("acme", "app")!.issues.list()).toHaveLength(0);
  });
});
