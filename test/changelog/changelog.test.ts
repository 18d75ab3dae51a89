import { afterAll, describe, expect, it } from "vitest";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { TestRepo } from "../support/git-repo.ts";
import { cli } from "../support/cli.ts";
import { linksFromRemote, linksFromServer } from "../../src/changelog/links.ts";
import { hasVersionHeading, prependSection } from "../../src/changelog/file.ts";

const repos: TestRepo[] = [];
afterAll(async () => {
  for (const repo of repos) await repo.remove();
});

async function newRepo(remote?: string): Promise<TestRepo> {
  const repo = await TestRepo.create(remote ? { remote } : {});
  repos.push(repo);
  return repo;
}

interface ChangelogJson {
  version: string | null;
  tag: string | null;
  notes: string;
  releases: { version: string; previousTag: string | null; date: string }[];
  written: string[] | null;
}

describe("shipgate changelog", () => {
  it("renders the notes of the release being made under the computed version, dated today", async () => {
    const repo = await newRepo("https://github.com/octo-org/octo-repo.git");
    await repo.commit("feat: a");
    await repo.tag("v1.2.0");
    const fix = await repo.commit("fix(io): close files (#5)");
    await repo.commit("chore: tidy");
    const run = await cli(["changelog", "--repo", repo.dir, "--json"], { now: "2026-03-10T23:59:00Z" });
    expect(run.code).toBe(0);
    const json = run.json as ChangelogJson;
    expect(json.version).toBe("1.2.1");
    expect(json.tag).toBe("v1.2.1");
    expect(json.notes).toBe(
      [
        "## [1.2.1](https://github.com/octo-org/octo-repo/compare/v1.2.0...v1.2.1) (2026-03-10)",
        "",
        "### Bug Fixes",
        "",
        `* **io:** close files ([#5](https://github.com/octo-org/octo-repo/issues/5)) ([${fix.slice(0, 7)}](https://github.com/octo-org/octo-repo/commit/${fix}))`,
        "",
      ].join("\n"),
    );
    const versioned = (await cli(["changelog", "--repo", repo.dir, "--version", "2.0.0", "--json"])).json as ChangelogJson;
    expect(versioned.notes).toMatch(/^## \[2\.0\.0\]\(https:\/\/github\.com\/octo-org\/octo-repo\/compare\/v1\.2\.0\.\.\.v2\.0\.0\)/);
  });

  it("renders the notes of a release already tagged at the head the same as before tagging", async () => {
    const repo = await newRepo("https://github.com/o/r.git");
    await repo.commit("feat: a");
    await repo.tag("v1.0.0");
    await repo.commit("feat: b");
    await repo.commit("fix: c");
    const before = (await cli(["changelog", "--repo", repo.dir, "--json"])).json as ChangelogJson;
    await repo.tag("v1.1.0", { annotated: true });
    await repo.tag("v1.1.0-rc.1");
    const after = (await cli(["changelog", "--repo", repo.dir, "--json"])).json as ChangelogJson;
    expect(after.version).toBe("1.1.0");
    // Once tagged, the section is dated with the tag's date (its commit's, as conventional-changelog dates it).
    const tagDay = (await repo.git(["log", "-1", "--format=%cI", "v1.1.0"])).trim().slice(0, 10);
    expect(after.notes).toBe(before.notes.replace(/\(\d{4}-\d{2}-\d{2}\)/, `(${tagDay})`));
    const range = (await cli(["changelog", "--repo", repo.dir, "--from", "v1.0.0", "--to", "v1.1.0", "--json"])).json as ChangelogJson;
    expect(range.notes).toBe(after.notes);
  });

  it("on a range, dates the section with the tag at --to and heads it with the version `version next` gives", async () => {
    const repo = await newRepo("https://github.com/o/r.git");
    await repo.commit("feat: a");
    await repo.tag("v1.0.0");
    await repo.commit("fix: b");
    await repo.tag("v1.0.1");
    await repo.commit("feat: c");
    const tagDay = (await repo.git(["log", "-1", "--format=%cI", "v1.0.1"])).trim().slice(0, 10);
    const range = (await cli(["changelog", "--repo", repo.dir, "--from", "v1.0.0", "--to", "v1.0.1", "--json"])).json as ChangelogJson;
    const version = (await cli(["version", "next", "--repo", repo.dir, "--from", "v1.0.0", "--to", "v1.0.1", "--json"])).json as { next: string };
    expect(range.version).toBe(version.next);
    expect(range.notes.split("\n")[0]).toBe(`## [1.0.1](https://github.com/o/r/compare/v1.0.0...v1.0.1) (${tagDay})`);
    const reversed = await cli(["changelog", "--repo", repo.dir, "--from", "v1.0.1", "--to", "v1.0.0"]);
    expect(reversed.code).toBe(2);
  });

  it("links to a GitHub Enterprise server given by --server-url and --repository, and without links when there is no remote", async () => {
    const repo = await newRepo();
    await repo.commit("feat: a");
    const hash = await repo.head();
    const plain = await cli(["changelog", "--repo", repo.dir]);
    expect(plain.stdout).toContain(`* a ${hash.slice(0, 7)}\n`);
    expect(plain.stdout).toMatch(/^## 1\.0\.0 \(\d{4}-\d{2}-\d{2}\)/);
    const ghes = await cli(["changelog", "--repo", repo.dir, "--server-url", "https://git.corp.example/", "--repository", "team/app"]);
    expect(ghes.stdout).toContain(`([${hash.slice(0, 7)}](https://git.corp.example/team/app/commit/${hash}))`);
  });

  it("keeps a release tagged on a merge commit (git-flow finishes a release by merging into main)", async () => {
    const repo = await newRepo("https://github.com/o/r.git");
    await repo.commit("feat: one");
    await repo.tag("v1.0.0");
    await repo.checkout("release/1.1.0", { create: true });
    await repo.commit("feat: two");
    await repo.checkout("main");
    await repo.merge("release/1.1.0", "Merge branch 'release/1.1.0'");
    await repo.tag("v1.1.0");
    await repo.commit("fix: three");
    await repo.tag("v1.1.1");
    const json = (await cli(["changelog", "--repo", repo.dir, "--all", "--json"])).json as ChangelogJson;
    expect(json.releases.map((r) => [r.version, r.previousTag])).toEqual([
      ["1.1.1", "v1.1.0"],
      ["1.1.0", "v1.0.0"],
      ["1.0.0", expect.stringMatching(/^[0-9a-f]{40}$/)],
    ]);
    expect(json.notes).toMatch(/## \[1\.1\.0\][^\n]*\n\n### Features\n\n\* two /);
  });

  it("lists the commits of a squash-merge body only with release.squash-bullets on", async () => {
    const repo = await newRepo();
    await repo.commit("feat: base");
    await repo.tag("v1.0.0");
    await repo.commit("Sprint work (#40)\n\n* feat(ui): dark mode\n\n* fix: crash on start\n\nCloses #41");
    expect((await cli(["changelog", "--repo", repo.dir])).stdout).toMatch(/^No release/);
    const config = path.join(repo.dir, "policy.yml");
    await writeFile(config, "release:\n  squash-bullets: true\n");
    const notes = (await cli(["changelog", "--repo", repo.dir, "--config", config])).stdout;
    expect(notes).toMatch(/### Features\n\n\* \*\*ui:\*\* dark mode [0-9a-f]{7}\n/);
    expect(notes).toMatch(/### Bug Fixes\n\n\* crash on start [0-9a-f]{7}, closes #41\n/);
  });

  it("prepends to CHANGELOG.md once, atomically, below the title", async () => {
    const repo = await newRepo("https://github.com/o/r.git");
    await repo.commit("feat: a");
    await repo.tag("v1.0.0");
    await repo.commit("fix: b");
    const file = path.join(repo.dir, "CHANGELOG.md");
    await writeFile(file, "# Changelog\n\nAll notable changes.\n\n## [1.0.0](https://github.com/o/r/compare/x...v1.0.0) (2024-01-01)\n\n* old\n");
    const first = await cli(["changelog", "--repo", repo.dir, "--write", "--file", file, "--json"]);
    expect((first.json as ChangelogJson).written).toEqual(["1.0.1"]);
    const afterFirst = await readFile(file, "utf8");
    expect(afterFirst).toMatch(/^# Changelog\n\nAll notable changes\.\n\n## \[1\.0\.1\]\([^)]*\) \(\d{4}-\d{2}-\d{2}\)\n\n### Bug Fixes\n\n\* b [^\n]*\n\n## \[1\.0\.0\]/);
    const second = await cli(["changelog", "--repo", repo.dir, "--write", "--file", file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already has these versions; nothing written/);
    expect(await readFile(file, "utf8")).toBe(afterFirst);
    expect((await readdir(repo.dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // --all writes only the releases the file lacks.
    const all = await cli(["changelog", "--repo", repo.dir, "--all", "--write", "--file", file, "--json"]);
    expect((all.json as ChangelogJson).written).toEqual([]);
  });

  it("exits 2 for a bad --version, a --server-url without --repository and an unwritable file", async () => {
    const repo = await newRepo();
    await repo.commit("feat: a");
    expect((await cli(["changelog", "--repo", repo.dir, "--version", "v1"])).stderr).toMatch(/--version: expected a semver version X\.Y\.Z \(a leading v is dropped\), got "v1"/);
    expect((await cli(["changelog", "--repo", repo.dir, "--server-url", "https://x.example"])).code).toBe(2);
    expect((await cli(["changelog", "--repo", repo.dir, "--repository", "no-slash"])).stderr).toMatch(/--repository: expected owner\/name, got "no-slash"/);
    const unwritable = await cli(["changelog", "--repo", repo.dir, "--write", "--file", path.join(repo.dir, "missing-dir", "CHANGELOG.md")]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write the changelog/);
  });
});

describe("changelog links and files", () => {
  it.each([
    ["https://github.com/octo/repo.git", { host: "https://github.com", owner: "octo", repository: "repo" }],
    ["https://user:token@github.com/octo/repo", { host: "https://github.com", owner: "octo", repository: "repo" }],
    ["git@github.com:octo/repo.git", { host: "https://github.com", owner: "octo", repository: "repo" }],
    ["ssh://git@ghe.example.com:2222/octo/repo.git", { host: "https://ghe.example.com", owner: "octo", repository: "repo" }],
    ["https://gitlab.example.com/group/sub/repo.git", { host: "https://gitlab.example.com", owner: "group/sub", repository: "repo" }],
    ["/local/path/repo", null],
    ["file:///tmp/repo", null],
    ["not a url", null],
  ])("remote %s", (remote, expected) => {
    expect(linksFromRemote(remote)).toEqual(expected);
  });

  it("builds links from a server URL", () => {
    expect(linksFromServer("https://ghe.example.com/", "o/r", "x")).toEqual({ host: "https://ghe.example.com", owner: "o", repository: "r" });
    expect(() => linksFromServer("ftp://x", "o/r", "inputs")).toThrow(/inputs: "ftp:\/\/x" is not an http/);
  });

  it.each([
    ["## [1.2.0](https://x/compare/a...b) (2024-01-01)", "1.2.0", true],
    ["## 1.2.0 (2024-01-01)", "1.2.0", true],
    ["### [1.2.0](x)", "1.2.0", true],
    ["# v1.2.0", "1.2.0", true],
    ["## [1.2.0-rc.1](x)", "1.2.0", false],
    ["## [11.2.0](x)", "1.2.0", false],
    ["* fix 1.2.0 bug", "1.2.0", false],
  ])("heading %j names %s: %s", (line, version, expected) => {
    expect(hasVersionHeading(`intro\n${line}\n`, version)).toBe(expected);
  });

  it("prepends to an empty file, a file without a title and a title-only file", () => {
    expect(prependSection("", "## 1.0.0 (d)\n")).toBe("## 1.0.0 (d)\n");
    expect(prependSection("## 0.9.0 (d)\n", "## 1.0.0 (d)\n")).toBe("## 1.0.0 (d)\n\n## 0.9.0 (d)\n");
    expect(prependSection("# Changelog\n", "## 1.0.0 (d)\n")).toBe("# Changelog\n\n## 1.0.0 (d)\n");
  });
});
