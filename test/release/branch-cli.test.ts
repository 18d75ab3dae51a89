import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { TestRepo } from "../support/git-repo.ts";
import { startSimulator, type Simulator } from "../simulator/index.ts";
import { mirror } from "./mirror.ts";
import { tempDir } from "../support/temp.ts";

/** `shipgate release-branch` against the API simulator, outside any Actions environment. */

const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.0.0"\n}\n';
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

let sim: Simulator;
let repo: TestRepo;
let developTip: string;

beforeEach(async () => {
  sim = await startSimulator({ tokens: { writer: "write", reader: "read" } });
  repo = await TestRepo.create();
  await repo.commit("chore: initial", { "package.json": PACKAGE_JSON, VERSION: "1.0.0\n" });
  await repo.tag("v1.0.0", { annotated: true });
  await repo.checkout("develop", { create: true });
  developTip = await repo.commit("feat: export");
  await mirror(sim, "acme/app", repo);
});
afterEach(async () => {
  await sim.close();
  await repo.remove();
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; json: Record<string, unknown> | null }> {
  let stdout = "";
  let stderr = "";
  // Only what a shell outside GitHub Actions has: no GITHUB_EVENT_PATH, GITHUB_REPOSITORY or GITHUB_WORKSPACE.
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: repo.dir,
    env: { GITHUB_API_URL: sim.url, SHIPGATE_NO_WRITE_SPACING: "1", ...env },
    now: () => new Date("2026-03-10T09:00:00Z"),
  });
  return { code, stdout, stderr, json: args.includes("--json") && stdout ? (JSON.parse(stdout) as Record<string, unknown>) : null };
}

/** Everything a write could change in the simulated repository. */
function snapshot(): unknown {
  const state = sim.state.repo("acme", "app")!;
  return { refs: state.refs.keys().map((name) => [name, state.resolveRef(name)]), pulls: state.pulls.list(), releases: state.releases.list(), commits: state.commits.keys().length };
}

describe("shipgate release-branch", () => {
  it("--help lists the three subcommands", async () => {
    const help = await cli(["release-branch", "--help"]);
    expect(help.code).toBe(0);
    for (const mode of ["start", "finish", "hotfix"]) expect(help.stdout).toContain(`release-branch ${mode}`);
  });

  it("start --help shows every option of the action but the mode, and says a dry run needs read access", async () => {
    const help = await cli(["release-branch", "start", "--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--repo OWNER/NAME", "--dir DIR", "--config FILE", "--bump LEVEL", "--version X.Y.Z", "--branch NAME", "--delete-branch", "--deploy-workflow FILE", "--prerelease", "--dry-run", "--tag-prefix PREFIX"]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).not.toContain("--mode");
    expect(help.stdout).toContain("GITHUB_TOKEN");
    expect(help.stdout).toMatch(/--dry-run writes nothing but still reads\s+the API/);
  });

  it("start --dry-run --json lists the API calls it would make and writes nothing", async () => {
    const before = snapshot();
    const run = await cli(["release-branch", "start", "--repo", "acme/app", "--dry-run", "--json"], { GITHUB_TOKEN: "reader" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      status: "pass",
      mode: "start",
      repository: "acme/app",
      dryRun: true,
      version: "1.1.0",
      tag: "v1.1.0",
      branch: "release/1.1.0",
      created: false,
      pullRequest: null,
      pullRequestUrl: null,
    });
    expect(run.json?.plannedCalls).toEqual([
      { call: "POST /repos/acme/app/git/refs", purpose: `create refs/heads/release/1.1.0 at ${developTip}` },
      { call: "POST /repos/acme/app/git/blobs", purpose: "store package.json, VERSION, CHANGELOG.md" },
      { call: "POST /repos/acme/app/git/trees", purpose: "create the tree" },
      { call: "POST /repos/acme/app/git/commits", purpose: `commit "chore(release): 1.1.0" on ${developTip}` },
      { call: "PATCH /repos/acme/app/git/refs/heads/release/1.1.0", purpose: `move heads/release/1.1.0 to ${developTip}` },
      { call: "POST /repos/acme/app/pulls", purpose: "open the pull request release/1.1.0 -> main: chore(release): release 1.1.0" },
    ]);
    expect(String(run.json?.notes)).toContain("### Features");
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(snapshot()).toEqual(before);

    const text = await cli(["release-branch", "start", "--repo", "acme/app", "--dry-run"], { GITHUB_TOKEN: "reader" });
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toContain("dry run: start release/1.1.0 (1.1.0)");
    expect(text.stdout).toContain("POST /repos/acme/app/pulls");
  });

  it("the repository defaults to GITHUB_REPOSITORY, else the origin remote", async () => {
    const fromEnv = await cli(["release-branch", "start", "--dry-run", "--json"], { GITHUB_TOKEN: "reader", GITHUB_REPOSITORY: "acme/app" });
    expect(fromEnv.json).toMatchObject({ repository: "acme/app", version: "1.1.0" });
    await repo.git(["remote", "add", "origin", "https://github.com/acme/app.git"]);
    const fromRemote = await cli(["release-branch", "hotfix", "--dry-run", "--json"], { GITHUB_TOKEN: "reader" });
    expect(fromRemote.code).toBe(2);
    expect(fromRemote.stderr).toContain("is not on main: check out main");
    await repo.checkout("main");
    const hotfix = await cli(["release-branch", "hotfix", "--dry-run", "--json"], { GITHUB_TOKEN: "reader" });
    expect(hotfix.json).toMatchObject({ repository: "acme/app", mode: "hotfix", version: "1.0.1", branch: "hotfix/1.0.1" });
  });

  it("start writes the branch, the version commit and the pull request", async () => {
    const run = await cli(["release-branch", "start", "--repo", "acme/app", "--json"], { GITHUB_TOKEN: "writer" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ version: "1.1.0", branch: "release/1.1.0", created: true, pullRequest: expect.any(Number) });
    const state = sim.state.repo("acme", "app")!;
    expect(state.fileAt(state.refs.get("heads/release/1.1.0")!, "VERSION")).toBe("1.1.0\n");
  });

  for (const mentions of ["neutralise", "keep"] as const) {
    it(`start: the pull request's changelog preview with policy report.mentions: ${mentions}`, async () => {
      await repo.commit("fix: thanks @acme/release-team");
      await sim.close();
      sim = await startSimulator({ tokens: { writer: "write", reader: "read" } });
      await mirror(sim, "acme/app", repo);
      const config = path.join(tempDir("mentions-policy"), "shipgate.yml");
      await writeFile(config, `report:\n  mentions: ${mentions}\n`);
      const run = await cli(["release-branch", "start", "--repo", "acme/app", "--config", config, "--json"], { GITHUB_TOKEN: "writer" });
      expect(run.code).toBe(0);
      const [pull] = sim.state.repo("acme", "app")!.pulls.list();
      const zwsp = mentions === "keep" ? "" : "\u200B";
      expect(pull?.body).toContain(`thanks @${zwsp}acme/release-team`);
    });
  }

  it("finish names the options that choose the branch as CLI flags", async () => {
    const run = await cli(["release-branch", "finish", "--repo", "acme/app", "--dry-run", "--json"], { GITHUB_TOKEN: "reader" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("give --branch or --version to choose");
    const bad = await cli(["release-branch", "finish", "--repo", "acme/app", "--branch", "feature/x"], { GITHUB_TOKEN: "reader" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--branch: "feature/x" is neither a release branch');
  });

  it("exits 2 before any request without a token or with a bad option", async () => {
    const missing = await cli(["release-branch", "start", "--repo", "acme/app", "--dry-run"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("GITHUB_TOKEN is not set");
    const version = await cli(["release-branch", "start", "--repo", "acme/app", "--version", "one"], { GITHUB_TOKEN: "reader" });
    expect(version.stderr).toContain('--version: expected a semver version X.Y.Z, got "one"');
    const bump = await cli(["release-branch", "start", "--repo", "acme/app", "--bump", "huge"], { GITHUB_TOKEN: "reader" });
    expect(bump.stderr).toContain('--bump: expected one of auto, patch, minor, major, got "huge"');
    const name = await cli(["release-branch", "start", "--repo", "acme"], { GITHUB_TOKEN: "reader" });
    expect(name.stderr).toContain('--repo: expected owner/name, got "acme"');
    const dir = await cli(["release-branch", "start", "--repo", "acme/app", "--dir", "missing"], { GITHUB_TOKEN: "reader" });
    expect(dir.stderr).toContain("--dir: ");
    expect([version.code, bump.code, name.code, dir.code]).toEqual([2, 2, 2, 2]);
    expect(sim.requests).toEqual([]);
  });
});
