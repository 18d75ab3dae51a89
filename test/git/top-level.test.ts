import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { GitRepository } from "../../src/git/git.ts";
import { TestRepo } from "../support/git-repo.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const remove of cleanup) await remove();
});

async function newRepo(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  cleanup.push(() => repo.remove());
  return repo;
}

describe("GitRepository.readTopLevel", () => {
  it("reads the tags (annotated ones peeled), the checked-out branch and its commit with one call", async () => {
    const repo = await newRepo();
    const first = await repo.commit("feat: one", { "src/a.txt": "1" });
    await repo.tag("v1.0.0", { annotated: true });
    await repo.checkout("release/1.1.0", { create: true });
    const second = await repo.commit("fix: two");
    await repo.tag("v1.1.0-rc.1");
    const top = await GitRepository.readTopLevel(repo.dir);
    expect(top).toEqual({
      tags: expect.arrayContaining([{ name: "v1.0.0", commit: first }, { name: "v1.1.0-rc.1", commit: second }]),
      branch: "release/1.1.0",
      branchCommit: second,
      shallow: false,
    });
    expect(top?.tags).toHaveLength(2);

    await repo.git(["checkout", "-q", "--detach", first]);
    expect(await GitRepository.readTopLevel(repo.dir)).toMatchObject({ branch: undefined, branchCommit: undefined });
  });

  it("answers null where the probe of open() must decide: a subdirectory, or a directory that is no repository", async () => {
    const repo = await newRepo();
    await repo.commit("feat: one", { "src/a.txt": "1" });
    expect(await GitRepository.readTopLevel(path.join(repo.dir, "src"))).toBeNull();
    expect(await GitRepository.readTopLevel(path.join(repo.dir, "missing"))).toBeNull();
  });
});

describe("GitRepository.readCommits", () => {
  it("hands every commit to onCommit but keeps only those down to keepUntil, or all when it is not listed", async () => {
    const repo = await newRepo();
    const oldest = await repo.commit("feat: one");
    const middle = await repo.commit("fix: two");
    const newest = await repo.commit("fix: three");
    const seen: string[] = [];
    const kept = await GitRepository.readCommits(repo.dir, { to: "HEAD", onCommit: (c) => seen.push(c.hash), keepUntil: middle });
    expect(kept.map((c) => c.hash)).toEqual([newest, middle]);
    expect(seen).toEqual([newest, middle, oldest]);
    const all = await GitRepository.readCommits(repo.dir, { to: "HEAD", onCommit: () => undefined, keepUntil: "0".repeat(40) });
    expect(all.map((c) => c.hash)).toEqual([newest, middle, oldest]);
  });
});
