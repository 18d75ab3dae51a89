import { afterAll, describe, expect, it } from "vitest";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runActionBundle } from "../support/runner.ts";
import { TestRepo, git } from "../support/git-repo.ts";
import { tempDir } from "../support/temp.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const remove of cleanup) await remove();
});

async function releasedRepo(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  cleanup.push(() => repo.remove());
  await repo.commit("feat: a");
  await repo.tag("v1.4.0");
  await repo.commit("fix(io): b (#9)");
  await repo.commit("feat(ui): c");
  await repo.commit("Update docs");
  return repo;
}

describe("version action (runner contract)", () => {
  it("sets the next version outputs and a summary listing the deciding commits", async () => {
    const repo = await releasedRepo();
    const result = await runActionBundle("dist/version.js", { workspace: repo.dir, env: { GITHUB_REF_NAME: "main" } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ current: "1.4.0", "current-tag": "v1.4.0", next: "1.5.0", bump: "minor", tag: "v1.5.0", commits: "3", ignored: "1", prerelease: "false", released: "true" });
    expect(result.summary).toContain("next version 1.5.0 (minor bump) after 1.4.0");
    expect(result.summary).toMatch(/\| `[0-9a-f]{7}` \| feat\(ui\): c \| minor \|/);
  });

  it("computes a prerelease on a release branch and honours inputs over the policy", async () => {
    const repo = await releasedRepo();
    const result = await runActionBundle("dist/version.js", { workspace: repo.dir, inputs: { branch: "release/1.5.0" } });
    expect(result.outputs).toMatchObject({ next: "1.5.0-rc.1", tag: "v1.5.0-rc.1", prerelease: "true" });
    const prefixed = await runActionBundle("dist/version.js", { workspace: repo.dir, inputs: { "tag-prefix": "release-", "initial-version": "0.1.0" } });
    expect(prefixed.outputs).toMatchObject({ current: "", next: "0.1.0", tag: "release-0.1.0" });
  });

  it("refuses a shallow checkout with a message naming fetch-depth", async () => {
    const repo = await releasedRepo();
    const clone = tempDir("shallow-action");
    cleanup.push(() => rm(clone, { recursive: true, force: true }));
    await git(tmpdir(), ["clone", "-q", "--depth", "1", `file://${repo.dir}`, clone]);
    const result = await runActionBundle("dist/version.js", { workspace: clone });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/^version: configuration error: .*shallow clone.*fetch-depth: 0/);
  });

  it("fails with exit 2 for a bad input", async () => {
    const repo = await releasedRepo();
    const result = await runActionBundle("dist/version.js", { workspace: repo.dir, inputs: { "pre-major-breaking": "sometimes" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/input "pre-major-breaking": expected one of minor, major/);
  });
});

describe("changelog action (runner contract)", () => {
  it("outputs multiline notes linked to the server and writes CHANGELOG.md once", async () => {
    const repo = await releasedRepo();
    const env = { GITHUB_SERVER_URL: "https://github.example.com" };
    const result = await runActionBundle("dist/changelog.js", { workspace: repo.dir, inputs: { write: "true" }, env });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.version).toBe("1.5.0");
    expect(result.outputs.written).toBe("true");
    const notes = result.outputs.notes!;
    expect(notes).toMatch(/^## \[1\.5\.0\]\(https:\/\/github\.example\.com\/octo-org\/octo-repo\/compare\/v1\.4\.0\.\.\.v1\.5\.0\) \(\d{4}-\d{2}-\d{2}\)\n\n### Features\n/);
    expect(notes).toContain("* **io:** b ([#9](https://github.example.com/octo-org/octo-repo/issues/9))");
    expect(await readFile(path.join(repo.dir, "CHANGELOG.md"), "utf8")).toBe(notes.endsWith("\n") ? notes : notes + "\n");
    const again = await runActionBundle("dist/changelog.js", { workspace: repo.dir, inputs: { write: "true" }, env });
    expect(again.outputs.written).toBe("false");
    expect(await readFile(path.join(repo.dir, "CHANGELOG.md"), "utf8")).toBe(notes.endsWith("\n") ? notes : notes + "\n");
  });

  it("rejects a version input that is not semver", async () => {
    const repo = await releasedRepo();
    const result = await runActionBundle("dist/changelog.js", { workspace: repo.dir, inputs: { version: "next" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/input "version": expected a semver version X\.Y\.Z \(a leading v is dropped\), got "next"/);
  });
});
