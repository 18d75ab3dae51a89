import { describe, expect, it } from "vitest";
import { analyzeCommits } from "../../src/version/analyze.ts";
import type { GitCommit } from "../../src/git/git.ts";

let sequence = 0;
function commit(message: string, parents = 1): GitCommit {
  sequence++;
  const hash = sequence.toString(16).padStart(40, "0");
  return { hash, parents: Array.from({ length: parents }, (_, i) => `${i}`.padStart(40, "0")), committerDate: "2024-01-01T00:00:00Z", message };
}

describe("analyzeCommits", () => {
  it("skips merge commits and counts non-conventional ones", () => {
    const result = analyzeCommits([commit("Merge pull request #1 from a/b", 2), commit("feat: merged in", 2), commit("feat: real"), commit("Update README")]);
    expect(result.merges).toBe(2);
    expect(result.ignored).toBe(1);
    expect(result.ignoredCommits.map((c) => c.header)).toEqual(["Update README"]);
    expect(result.changes.map((c) => c.header)).toEqual(["feat: real"]);
    expect(result.commits).toBe(4);
  });

  it("counts the `* type: ...` bullets of a squash-merge body as the commits they list", () => {
    const squash = commit("Add login (#12)\n\n* feat: login form\n\n* fix: typo in label\n\nmore detail\n\n* feat!: drop sessions\n\nBREAKING CHANGE: sessions are gone\n\n* Not conventional bullet\n\nCo-authored-by: A <a@example.com>");
    const result = analyzeCommits([squash]);
    expect(result.ignored).toBe(0);
    expect(result.changes.map((c) => [c.type, c.breaking, c.fromSquashBody])).toEqual([
      ["feat", false, true],
      ["fix", false, true],
      ["feat", true, true],
    ]);
    expect(result.changes[2]!.breakingNotes).toEqual(["sessions are gone"]);
    expect(result.changes[1]!.body).toBe("more detail");
  });

  it("keeps a conventional squash title and does not repeat a bullet equal to it", () => {
    const result = analyzeCommits([commit("feat: login\n\n* feat: login\n\n* fix: label")]);
    expect(result.changes.map((c) => c.header)).toEqual(["feat: login", "fix: label"]);
  });

  it("cancels a GitHub revert and the commit it reverts inside the range", () => {
    const original = commit("feat: risky");
    const revert = commit(`Revert "feat: risky"\n\nThis reverts commit ${original.hash}.`);
    const result = analyzeCommits([revert, commit("fix: other"), original]);
    expect(result.changes.map((c) => c.header)).toEqual(["fix: other"]);
    expect(result.cancelled).toEqual([{ revert: revert.hash, reverted: original.hash }]);
  });

  it("cancels a `revert:` commit by its header when it names no hash", () => {
    const original = commit("feat(api): thing");
    const result = analyzeCommits([commit("revert: feat(api): thing"), original]);
    expect(result.changes).toEqual([]);
  });

  it("keeps a revert whose reverted commit is outside the range, as a revert", () => {
    const result = analyzeCommits([commit(`Revert "feat: older"\n\nThis reverts commit ${"f".repeat(40)}.`)]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.type).toBe("revert");
    expect(result.changes[0]!.revert).toEqual({ hash: "f".repeat(40), header: "feat: older" });
  });

  it("a revert of a revert restores the original change", () => {
    const original = commit("feat: back and forth");
    const first = commit(`Revert "feat: back and forth"\n\nThis reverts commit ${original.hash}.`);
    const second = commit(`Revert "Revert "feat: back and forth""\n\nThis reverts commit ${first.hash}.`);
    const result = analyzeCommits([second, first, original]);
    expect(result.changes.map((c) => c.header)).toEqual(["feat: back and forth"]);
  });

  it("does not fall back to the header when the named hash is outside the range", () => {
    const sameHeader = commit("feat: again");
    const result = analyzeCommits([commit(`Revert "feat: again"\n\nThis reverts commit ${"e".repeat(40)}.`), sameHeader]);
    expect(result.changes.map((c) => c.type)).toEqual(["revert", "feat"]);
  });

  it("cancels thousands of revert pairs", () => {
    const originals = Array.from({ length: 5000 }, (_, i) => commit(`feat: feature ${i}`));
    const reverts = originals.map((original) => commit(`Revert "${original.message}"\n\nThis reverts commit ${original.hash}.`));
    const result = analyzeCommits([...reverts.reverse(), commit("fix: stays"), ...originals.reverse()]);
    expect(result.cancelled).toHaveLength(5000);
    expect(result.changes.map((c) => c.header)).toEqual(["fix: stays"]);
  });

  it("matches abbreviated hashes of at least 7 characters only", () => {
    const original = commit("feat: short");
    const result = analyzeCommits([commit(`revert: feat: unrelated header\n\nThis reverts commit ${original.hash.slice(0, 7)}.`), original]);
    expect(result.changes).toEqual([]);
  });
});
