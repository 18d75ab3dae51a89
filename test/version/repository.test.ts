import { afterAll, describe, expect, it } from "vitest";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TestRepo, fastImport, git, type ImportCommit } from "../support/git-repo.ts";
import { cli } from "../support/cli.ts";
import { reachesFromLog } from "../../src/version/repository.ts";
import { tempDir } from "../support/temp.ts";

interface NextJson {
  current: string | null;
  next: string | null;
  tag: string | null;
  bump: string | null;
  commits: number;
  merges: number;
  ignored: number;
  conventional: number;
  prerelease: boolean;
  deciding: { header: string }[];
  cancelled: unknown[];
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const remove of cleanup) await remove();
});

async function newRepo(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  cleanup.push(() => repo.remove());
  return repo;
}

async function next(repo: TestRepo | string, ...args: string[]): Promise<NextJson> {
  const dir = typeof repo === "string" ? repo : repo.dir;
  const run = await cli(["version", "next", "--repo", dir, "--json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.json as NextJson;
}

describe("shipgate version next on real repositories", () => {
  it("counts the commits of merged feature branches once and skips the merge commits", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v1.0.0", { annotated: true });
    await repo.checkout("develop", { create: true });
    await repo.checkout("feature/a", { create: true });
    await repo.commit("feat(a): add a");
    await repo.commit("fix(a): polish a");
    await repo.checkout("develop");
    await repo.commit("docs: readme");
    await repo.merge("feature/a", "Merge pull request #7 from octo/feature/a");
    const result = await next(repo);
    expect(result).toMatchObject({ current: "1.0.0", next: "1.1.0", tag: "v1.1.0", bump: "minor", commits: 4, merges: 1, conventional: 3, ignored: 0 });
    expect(result.deciding.map((d) => d.header)).toEqual(["feat(a): add a"]);
  });

  it("reads the bullets of a GitHub squash merge as the commits they list only with release.squash-bullets on", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v1.4.0");
    await repo.commit("fix: big change (#12)\n\n* fix: small thing\n\n* feat!: new config format\n\n* wip");
    expect(await next(repo)).toMatchObject({ current: "1.4.0", next: "1.4.1", bump: "patch", commits: 1, ignored: 0, conventional: 1 });
    const config = path.join(repo.dir, "policy.yml");
    await writeFile(config, "release:\n  squash-bullets: true\n");
    const run = await cli(["version", "next", "--repo", repo.dir, "--config", config, "--json"]);
    expect(run.json).toMatchObject({ current: "1.4.0", next: "2.0.0", bump: "major", commits: 1, ignored: 0, conventional: 3 });
  });

  it("cancels a revert with the reverted commit in range, and counts a revert of an earlier release as a patch", async () => {
    const repo = await newRepo();
    const old = await repo.commit("feat: old feature");
    await repo.tag("v2.0.0");
    const risky = await repo.commit("feat: risky feature");
    await repo.commit("docs: notes");
    await repo.revert(risky);
    let result = await next(repo);
    expect(result).toMatchObject({ next: null, bump: null, commits: 3 });
    expect(result.cancelled).toHaveLength(1);
    await repo.revert(old);
    result = await next(repo);
    expect(result).toMatchObject({ next: "2.0.1", bump: "patch" });
    expect(result.deciding.map((d) => d.header)).toEqual(['Revert "feat: old feature"']);
  });

  it("keeps 0.x below 1.0.0 by default and allows 1.0.0 by policy", async () => {
    const repo = await newRepo();
    await repo.commit("feat: start");
    await repo.tag("v0.3.0");
    await repo.commit("feat(api)!: rename endpoints");
    expect(await next(repo)).toMatchObject({ current: "0.3.0", next: "0.4.0", bump: "minor" });
    const config = path.join(repo.dir, "policy.yml");
    await writeFile(config, "release:\n  pre-major-breaking: major\n");
    expect(await next(repo, "--config", config)).toMatchObject({ next: "1.0.0", bump: "major" });
  });

  it("computes rc prereleases on release branches, continuing N from the tags", async () => {
    const repo = await newRepo();
    await repo.commit("feat: one");
    await repo.tag("v1.0.0");
    await repo.commit("feat: two");
    await repo.checkout("release/1.1.0", { create: true });
    expect(await next(repo)).toMatchObject({ next: "1.1.0-rc.1", prerelease: true });
    await repo.tag("v1.1.0-rc.1");
    await repo.commit("fix: found in rc");
    await repo.tag("v1.1.0-rc.2");
    await repo.commit("fix: found in rc 2");
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.1.0-rc.3", tag: "v1.1.0-rc.3" });
    // Back on main after the release branch is merged, the stable version follows.
    await repo.checkout("main");
    await repo.merge("release/1.1.0");
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.1.0", prerelease: false });
    // A hotfix branch from main.
    await repo.tag("v1.1.0");
    await repo.checkout("hotfix/1.1.1", { create: true });
    await repo.commit("fix: urgent");
    expect(await next(repo)).toMatchObject({ current: "1.1.0", next: "1.1.1-rc.1" });
    expect(await next(repo, "--branch", "main")).toMatchObject({ next: "1.1.1", prerelease: false });
  });

  it("ignores tags not on the branch and non-semver tags; the highest reachable version wins over the newest", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base");
    await repo.tag("v1.3.0");
    await repo.commit("fix: on main");
    await repo.tag("v1.2.9"); // newer by date, lower by version
    await repo.checkout("experiment", { create: true });
    await repo.commit("feat!: experiment");
    await repo.tag("v9.0.0");
    await repo.checkout("main");
    await repo.commit("fix: another");
    await repo.tag("latest");
    await repo.tag("nightly-2024-01-05");
    await repo.tag("v2");
    const result = await next(repo);
    expect(result).toMatchObject({ current: "1.3.0", next: "1.3.1", bump: "patch", commits: 2 });
  });

  it("finds the previous release reached only through a merge's second parent, or at the head itself", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base");
    await repo.tag("v1.0.0");
    await repo.checkout("release/1.1.0", { create: true });
    await repo.commit("feat: released on the branch");
    await repo.tag("v1.1.0");
    await repo.checkout("main");
    await repo.commit("fix: on main meanwhile");
    await repo.merge("release/1.1.0");
    expect(await next(repo)).toMatchObject({ current: "1.1.0", next: "1.1.1", commits: 2, merges: 1 });
    await repo.tag("v1.1.1");
    expect(await next(repo)).toMatchObject({ current: "1.1.1", next: null, commits: 0 });
  });

  it("finds the previous release when the head lies below the highest version", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base");
    await repo.tag("v1.0.0");
    const old = await repo.commit("fix: maintained");
    await repo.commit("feat: later");
    await repo.tag("v1.1.0");
    await repo.checkout("maintenance", { create: true, from: old });
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.0.1", commits: 1 });
  });

  it("gives the same answer from a subdirectory, on a detached head and on a release branch", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base", { "src/a.txt": "1" });
    await repo.tag("v1.0.0", { annotated: true });
    const fix = await repo.commit("fix: one", { "src/a.txt": "2" });
    await repo.commit("feat: two", { "src/a.txt": "3" });
    const top = await next(repo);
    expect(top).toMatchObject({ current: "1.0.0", next: "1.1.0", commits: 2, prerelease: false });
    expect(await next(path.join(repo.dir, "src"))).toEqual(top);
    await repo.git(["checkout", "-q", "--detach", fix]);
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.0.1", commits: 1, prerelease: false });
    await repo.checkout("release/1.0.1", { create: true });
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.0.1-rc.1", prerelease: true });
  });

  it("finds the previous release below many higher versions on another branch", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base");
    await repo.tag("v1.0.0");
    await repo.checkout("next-major", { create: true });
    for (let major = 2; major <= 12; major++) {
      await repo.commit(`feat!: major ${major}`);
      await repo.tag(`v${major}.0.0`);
    }
    await repo.checkout("main");
    await repo.commit("fix: on main");
    expect(await next(repo)).toMatchObject({ current: "1.0.0", next: "1.0.1", commits: 1 });
  });

  it("versions one package of a monorepo by its path and its own tags", async () => {
    const repo = await newRepo();
    await repo.commit("feat: both", { "packages/api/a.txt": "1", "packages/web/w.txt": "1" });
    await repo.tag("api@1.0.0");
    await repo.tag("web-v2.0.0");
    await repo.commit("feat(web): new page", { "packages/web/w.txt": "2" });
    await repo.commit("fix(api): bug", { "packages/api/a.txt": "2" });
    await repo.commit("feat!: root only change", { "README.md": "x" });
    await writeFile(
      path.join(repo.dir, "shipgate.yml"),
      "release:\n  packages:\n    - name: api\n      path: packages/api\n    - name: web\n      path: packages/web\n      tag-format: '{name}-v{version}'\n",
    );
    const config = path.join(repo.dir, "shipgate.yml");
    expect(await next(repo, "--config", config, "--package", "api")).toMatchObject({ current: "1.0.0", next: "1.0.1", tag: "api@1.0.1", commits: 1 });
    expect(await next(repo, "--config", config, "--package", "web")).toMatchObject({ current: "2.0.0", next: "2.1.0", tag: "web-v2.1.0", commits: 1 });
    expect(await next(repo, "--package", "api", "--package-path", "packages/api")).toMatchObject({ next: "1.0.1" });
    expect(await next(repo)).toMatchObject({ current: null, next: "1.0.0" });
  });

  it("handles a 12 000-commit history with a tag every 500 commits", async () => {
    const dir = tempDir("big");
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const history: ImportCommit[] = [];
    for (let i = 0; i < 12_000; i++) {
      const message = i % 3 === 0 ? `feat: feature ${i}` : i % 3 === 1 ? `fix: fix ${i}` : `chore: chore ${i}`;
      history.push({ message, ...(i % 500 === 499 && i < 11_000 ? { tags: [`v1.${Math.floor(i / 500)}.0`] } : {}) });
    }
    history.push({ message: "fix: last\n\nBREAKING CHANGE: at the end" });
    await fastImport(dir, history);
    const result = await next(dir);
    expect(result).toMatchObject({ current: "1.21.0", next: "2.0.0", commits: 12_001 - 11_000, bump: "major" });
    const whole = await next(dir, "--from", (await git(dir, ["rev-list", "--max-parents=0", "HEAD"])).trim());
    expect(whole.commits).toBe(12_000);
  });
});

describe("shipgate version next on a range --from A --to B", () => {
  it("takes the release at --from as the current version, whatever is tagged at --to", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v13.0.0");
    await repo.commit("fix(deps): update a dependency (#741)");
    await repo.commit("chore: lockfile");
    await repo.tag("v13.0.1");
    await repo.commit("feat: later work");
    const result = await next(repo, "--from", "v13.0.0", "--to", "v13.0.1");
    expect(result).toMatchObject({ current: "13.0.0", next: "13.0.1", bump: "patch", commits: 2 });
  });

  it("takes the release below an untagged --from", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v1.0.0");
    const middle = await repo.commit("fix: one");
    await repo.commit("feat: two");
    expect(await next(repo, "--from", middle)).toMatchObject({ current: "1.0.0", next: "1.1.0", commits: 1 });
  });

  it("refuses a reversed range and one across unrelated histories with exit 2", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v1.0.0");
    await repo.commit("feat: two");
    await repo.tag("v1.1.0");
    const reversed = await cli(["version", "next", "--repo", repo.dir, "--from", "v1.1.0", "--to", "v1.0.0"]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain("the range v1.1.0..v1.0.0 is reversed");
    await repo.git(["checkout", "-q", "--orphan", "other"]);
    await repo.commit("feat: unrelated root");
    const unrelated = await cli(["version", "next", "--repo", repo.dir, "--from", "v1.0.0", "--to", "other"]);
    expect(unrelated.code).toBe(2);
    expect(unrelated.stderr).toContain("v1.0.0 is not an ancestor of other");
    expect(`${reversed.stderr}${unrelated.stderr}`).not.toMatch(/\n\s+at /);
  });

  it("honours a Release-As footer", async () => {
    const repo = await newRepo();
    await repo.commit("feat: initial");
    await repo.tag("v1.2.0");
    await repo.commit("chore: prepare the major\n\nRelease-As: 2.0.0");
    await repo.commit("fix: after it");
    expect(await next(repo)).toMatchObject({ current: "1.2.0", next: "2.0.0", tag: "v2.0.0" });
  });
});

describe("shipgate version next errors", () => {
  it("exits 2 outside a git repository", async () => {
    const dir = tempDir("nogit");
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const run = await cli(["version", "next", "--repo", dir, "--json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a git repository/);
    expect(run.json).toMatchObject({ exitCode: 2 });
  });

  it("exits 2 for a missing directory, an unknown ref, an empty repository and a bad policy", async () => {
    expect((await cli(["version", "next", "--repo", "/nonexistent/shipgate"])).stderr).toMatch(/does not exist/);
    const repo = await newRepo();
    const empty = await cli(["version", "next", "--repo", repo.dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no commits yet/);
    await repo.commit("feat: x");
    const unknown = await cli(["version", "next", "--repo", repo.dir, "--from", "v0.0.0-nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown ref "v0\.0\.0-nope"/);
    const option = await cli(["version", "next", "--repo", repo.dir, "--to", "--output=/tmp/x"]);
    expect(option.code).toBe(2);
    await writeFile(path.join(repo.dir, "bad.yml"), "release:\n  initial-version: banana\n");
    const bad = await cli(["version", "next", "--repo", repo.dir, "--config", path.join(repo.dir, "bad.yml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yml:2: release\.initial-version: expected a semver version X\.Y\.Z \(e\.g\. 1\.0\.0\), got "banana"/);
    await writeFile(path.join(repo.dir, "bad2.yml"), "release:\n  pre-major-breaking: sometimes\n");
    const bad2 = await cli(["version", "next", "--repo", repo.dir, "--config", path.join(repo.dir, "bad2.yml")]);
    expect(bad2.code).toBe(2);
    expect(bad2.stderr).toMatch(/bad2\.yml:2: release\.pre-major-breaking: expected one of/);
    const pkg = await cli(["version", "next", "--repo", repo.dir, "--package", "ghost"]);
    expect(pkg.stderr).toMatch(/package "ghost" is not in release\.packages/);
    for (const outside of ["../elsewhere", "/abs/path", "a/../.."]) {
      const escaped = await cli(["version", "next", "--repo", repo.dir, "--package", "x", "--package-path", outside]);
      expect(escaped.code).toBe(2);
      expect(escaped.stderr).toMatch(/must be a directory inside the repository/);
    }
  });

  it("refuses a shallow clone with a message about fetch-depth", async () => {
    const repo = await newRepo();
    await repo.commit("feat: a");
    await repo.tag("v1.0.0");
    await repo.commit("fix: b");
    const clone = tempDir("shallow");
    cleanup.push(() => rm(clone, { recursive: true, force: true }));
    await git(tmpdir(), ["clone", "-q", "--depth", "1", `file://${repo.dir}`, clone]);
    const run = await cli(["version", "next", "--repo", clone]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shallow clone.*fetch-depth: 0/);
  });

  it("prints the commits that decided the bump in text mode", async () => {
    const repo = await newRepo();
    await repo.commit("feat: a");
    await repo.tag("v1.0.0");
    await repo.commit("fix: b");
    await repo.commit("feat(ui): c");
    const run = await cli(["version", "next", "--repo", repo.dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Next version: +1\.1\.0 \(tag v1\.1\.0\), minor bump/);
    expect(run.stdout).toMatch(/Decided by \(minor\):\n {2}[0-9a-f]{7} feat\(ui\): c\n/);
    expect(run.stdout).not.toMatch(/fix: b/);
  });
});

describe("reachesFromLog", () => {
  const commit = (hash: string, parents: string[]) => ({ hash, parents, committerDate: "2024-01-01T00:00:00Z", message: "x" });
  const cases: { name: string; log: ReturnType<typeof commit>[]; ancestor: string; to: string; expected: boolean }[] = [
    { name: "the head itself", log: [], ancestor: "a", to: "a", expected: true },
    { name: "first parent of a listed commit", log: [commit("c", ["b"]), commit("b", ["a"])], ancestor: "a", to: "c", expected: true },
    { name: "second parent of a merge", log: [commit("m", ["x", "a"]), commit("x", ["w"])], ancestor: "a", to: "m", expected: true },
    { name: "not a parent of any listed commit", log: [commit("c", ["b"]), commit("b", ["w"])], ancestor: "a", to: "c", expected: false },
    { name: "an empty range below another head", log: [], ancestor: "a", to: "c", expected: false },
  ];
  for (const c of cases) it(c.name, () => expect(reachesFromLog(c.log, c.ancestor, c.to)).toBe(c.expected));
});
