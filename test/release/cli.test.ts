import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { TestRepo } from "../support/git-repo.ts";
import type { Simulator } from "../simulator/index.ts";
import { mirror } from "./mirror.ts";
import { tempDir } from "../support/temp.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";

let sim: Simulator;
let repo: TestRepo;
let head: string;

beforeEach(async () => {
  sim = await startTestSimulator({ tokens: { writer: "write", reader: "read" } });
  repo = await TestRepo.create();
  await repo.commit("feat: first feature");
  await repo.tag("v1.0.0", { annotated: true });
  await repo.commit("fix: repair the parser");
  head = await repo.commit("feat(api): add the export endpoint");
  await mirror(sim, "acme/app", repo);
});
afterEach(async () => {
  await repo.remove();
});

async function release(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; json: Record<string, unknown> | null }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["release", "--repo", "acme/app", "--dir", repo.dir, ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: repo.dir,
    env: { ...simulatorEnv(sim), ...env },
    now: () => new Date("2026-03-10T09:00:00Z"),
  });
  return { code, stdout, stderr, json: args.includes("--json") && stdout ? (JSON.parse(stdout) as Record<string, unknown>) : null };
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

describe("shipgate release", () => {
  for (const mentions of ["neutralise", "keep"] as const) {
    it(`the release body with policy report.mentions: ${mentions}; CHANGELOG.md's notes keep them either way`, async () => {
      await repo.commit("fix: thanks @acme/release-team");
      await mirror(sim, "acme/app", repo);
      const config = path.join(tempDir("mentions-policy"), "shipgate.yml");
      await writeFile(config, `report:\n  mentions: ${mentions}\n`);
      const run = await release(["--config", config, "--json"], { GITHUB_TOKEN: "writer" });
      expect(run.code).toBe(0);
      expect(run.json?.notes).toContain("thanks @acme/release-team");
      const [published] = sim.state.repo("acme", "app")!.releases.list();
      const zwsp = mentions === "keep" ? "" : "\u200B";
      expect(published?.body).toContain(`thanks @${zwsp}acme/release-team`);
    });
  }

  it("refuses a report.mentions value it does not know, naming the key", async () => {
    const config = path.join(tempDir("mentions-policy"), "shipgate.yml");
    await writeFile(config, "report:\n  mentions: loud\n");
    const run = await release(["--config", config, "--json"], { GITHUB_TOKEN: "writer" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/report\.mentions/);
  });

  it("tags the next version and publishes the release with its notes", async () => {
    const run = await release(["--json"], { GITHUB_TOKEN: "writer" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ version: "1.1.0", tag: "v1.1.0", commit: head, state: "created", created: true, branch: "main" });
    const state = sim.state.repo("acme", "app")!;
    expect(state.resolveRef("tags/v1.1.0")).toBe(head);
    const [published] = state.releases.list();
    expect(published).toMatchObject({ tagName: "v1.1.0", draft: false, targetCommitish: head });
    expect(published?.body).toContain("### Features");
    expect(published?.body).toContain("add the export endpoint");
    expect(published?.body).toContain("https://github.com/acme/app/compare/v1.0.0...v1.1.0");

    const again = await release(["--json"], { GITHUB_TOKEN: "writer" });
    expect(again.json).toMatchObject({ state: "unchanged", created: false, releaseUrl: published ? expect.stringContaining("v1.1.0") : null });
  });

  it("a re-run from a fresh checkout that fetched the tag finishes the same release", async () => {
    // The first run tagged and left a draft (it failed before publishing); the re-run's checkout has the tag.
    sim.inject({ operationId: "repos/update-release", status: 403, times: 1 });
    const failed = await release(["--json"], { GITHUB_TOKEN: "writer" });
    expect(failed.code).toBe(2);
    expect(sim.state.repo("acme", "app")!.releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: true }]);
    await repo.tag("v1.1.0", { annotated: true });

    const rerun = await release(["--json"], { GITHUB_TOKEN: "writer" });
    expect(rerun.code).toBe(0);
    expect(rerun.json).toMatchObject({ version: "1.1.0", tag: "v1.1.0", state: "created" });
    const releases = sim.state.repo("acme", "app")!.releases.list();
    expect(releases).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
    expect(releases[0]?.body).toContain("add the export endpoint");
  });

  it("dry run with a read-only token writes nothing and lists the calls it would make", async () => {
    const run = await release(["--dry-run", "--json"], { GITHUB_TOKEN: "reader" });
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ dryRun: true, version: "1.1.0", tag: "v1.1.0", branch: "main", created: false, releaseUrl: null });
    expect((run.json?.plannedCalls as { call: string }[]).map((c) => c.call)).toEqual([
      "POST /repos/acme/app/git/tags",
      "POST /repos/acme/app/git/refs",
      "POST /repos/acme/app/releases",
      "PATCH /repos/acme/app/releases/{id}",
    ]);
    expect(String(run.json?.notes)).toContain("### Bug Fixes");
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(sim.state.repo("acme", "app")!.releases.size).toBe(0);

    const text = await release(["--dry-run"], { GITHUB_TOKEN: "reader" });
    expect(text.stdout).toContain("would release 1.1.0 as v1.1.0");
    expect(text.stdout).toContain("POST /repos/acme/app/git/refs");
  });

  it("--bump and --version override the computed version", async () => {
    const major = await release(["--dry-run", "--bump", "major", "--json"], { GITHUB_TOKEN: "reader" });
    expect(major.json).toMatchObject({ version: "2.0.0", tag: "v2.0.0" });
    const given = await release(["--dry-run", "--version", "v1.5.0", "--json"], { GITHUB_TOKEN: "reader" });
    expect(given.json).toMatchObject({ version: "1.5.0", tag: "v1.5.0" });
  });

  it("--prerelease releases X.Y.Z-rc.N on any branch, N after the existing rc tags, and a re-run keeps it", async () => {
    await repo.tag("v1.1.0-rc.1", { at: "HEAD~1" });
    const bumped = await release(["--dry-run", "--prerelease", "--bump", "major", "--json"], { GITHUB_TOKEN: "reader" });
    expect(bumped.json).toMatchObject({ version: "2.0.0-rc.1", tag: "v2.0.0-rc.1" });
    const given = await release(["--dry-run", "--prerelease", "--version", "1.1.0-rc.7", "--json"], { GITHUB_TOKEN: "reader" });
    expect(given.json).toMatchObject({ version: "1.1.0-rc.7" });

    const run = await release(["--prerelease", "--json"], { GITHUB_TOKEN: "writer" });
    expect(run.stderr).toBe("");
    expect(run.json).toMatchObject({ version: "1.1.0-rc.2", tag: "v1.1.0-rc.2", branch: "main", state: "created" });
    expect(sim.state.repo("acme", "app")!.releases.list()).toMatchObject([{ tagName: "v1.1.0-rc.2", draft: false, prerelease: true }]);
    await repo.tag("v1.1.0-rc.2");
    const rerun = await release(["--prerelease", "--json"], { GITHUB_TOKEN: "writer" });
    expect(rerun.json).toMatchObject({ version: "1.1.0-rc.2", state: "unchanged", created: false });
    const next = await release(["--dry-run", "--prerelease", "--version", "1.1.0", "--json"], { GITHUB_TOKEN: "reader" });
    expect(next.json).toMatchObject({ version: "1.1.0-rc.3" });
  });

  it("exits 2 naming the missing token or permission", async () => {
    const missing = await release(["--json"], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("GITHUB_TOKEN is not set");
    expect(missing.stderr).toContain("contents: write");
    const readOnly = await release(["--json"], { GITHUB_TOKEN: "reader" });
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toContain('needs the "contents: write" permission');
    expect(readOnly.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("exits 1 and changes nothing when the tag exists at another commit", async () => {
    const first = (await repo.git(["rev-list", "--max-parents=0", "HEAD"])).trim();
    sim.state.setRef("acme/app", "tags/v1.1.0", first);
    const run = await release(["--json"], { GITHUB_TOKEN: "writer" });
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ state: "conflict", created: false });
    expect(String(run.json?.message)).toContain(`already exists at ${first}`);
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
  });

  it("rejects a bad --bump and a bad --version before any request", async () => {
    expect((await release(["--bump", "huge"], { GITHUB_TOKEN: "writer" })).code).toBe(2);
    const bad = await release(["--version", "one"], { GITHUB_TOKEN: "writer" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--version: expected a semver version X.Y.Z (a leading v is dropped), got "one"');
    expect(sim.requests).toEqual([]);
  });
});
