import { describe, expect, it } from "vitest";
import { analyzeCommits, cancelReverts, DEFAULT_ANALYZE_OPTIONS } from "../../src/version/analyze.ts";
import type { GitCommit } from "../../src/git/git.ts";

let sequence = 0;
function commit(message: string, parents = 1): GitCommit {
  sequence++;
  const hash = sequence.toString(16).padStart(40, "0");
  return { hash, parents: Array.from({ length: parents }, (_, i) => `${i}`.padStart(40, "0")), committerDate: "2024-01-01T00:00:00Z", message };
}

const SQUASH = "Add login (#12)\n\n* feat: login form\n\n* fix: typo in label\n\nmore detail\n\n* feat!: drop sessions\n\n* Not conventional bullet\n\nCo-authored-by: A <a@example.com>";
const withBullets = { ...DEFAULT_ANALYZE_OPTIONS, squashBullets: true };

describe("analyzeCommits", () => {
  it("skips merge commits and counts non-conventional ones", () => {
    const result = analyzeCommits([commit("Merge pull request #1 from a/b", 2), commit("feat: merged in", 2), commit("feat: real"), commit("Update README")]);
    expect(result.merges).toBe(2);
    expect(result.ignored).toBe(1);
    expect(result.ignoredCommits.map((c) => c.header)).toEqual(["Update README"]);
    expect(result.changes.map((c) => c.type)).toEqual(["feat", null]);
    expect(result.commits).toBe(4);
  });

  it("keeps a non-conventional commit's breaking-change note (both reference tools count it)", () => {
    const [change] = analyzeCommits([commit("Drop Node 16\n\nBREAKING CHANGE: Node 18 is required")]).changes;
    expect(change!.notes).toEqual([{ title: "BREAKING CHANGE", text: "Node 18 is required" }]);
  });

  it("reads squash-merge bullets as body text by default", () => {
    const result = analyzeCommits([commit(SQUASH)]);
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.notes).toEqual([]);
    expect(result.ignored).toBe(1);
  });

  it("with squash bullets on, counts each conventional bullet as a change", () => {
    const result = analyzeCommits([commit(SQUASH)], withBullets);
    expect(result.ignored).toBe(0);
    expect(result.changes.map((c) => [c.header, c.notes.length > 0, c.fromSquashBody])).toEqual([
      ["Add login (#12)", false, false],
      ["feat: login form", false, true],
      ["fix: typo in label", false, true],
      ["feat!: drop sessions", true, true],
    ]);
  });

  it("with squash bullets on, a bullet repeating the title, with or without its (#N), is not counted twice", () => {
    const result = analyzeCommits([commit("feat: login (#7)\n\n* feat: login\n\n* feat: login (#7)\n\n* fix: label")], withBullets);
    expect(result.changes.map((c) => c.header)).toEqual(["feat: login (#7)", "fix: label"]);
  });
});

describe("cancelReverts", () => {
  const changesOf = (...commits: GitCommit[]) => analyzeCommits(commits).changes;

  it("drops a GitHub revert and the commit it reverts", () => {
    const original = commit("feat: risky");
    const revert = commit(`Revert "feat: risky"\n\nThis reverts commit ${original.hash}.`);
    const { kept, cancelled } = cancelReverts(changesOf(revert, commit("fix: other"), original));
    expect(kept.map((c) => c.header)).toEqual(["fix: other"]);
    expect(cancelled).toEqual([{ revert: revert.hash, reverted: original.hash }]);
  });

  it("keeps a revert whose commit is outside the range, or whose quoted header differs", () => {
    const original = commit("feat: risky");
    const squashRevert = commit(`Revert "feat: risky" (#12)\n\nThis reverts commit ${original.hash}.`);
    const outside = commit(`Revert "feat: older"\n\nThis reverts commit ${"f".repeat(40)}.`);
    const { kept } = cancelReverts(changesOf(outside, squashRevert, original));
    expect(kept.map((c) => c.revert?.header ?? null)).toEqual(["feat: older", 'feat: risky" (#12)', null]);
  });

  it("a revert of a revert restores the original change", () => {
    const original = commit("feat: back and forth");
    const first = commit(`Revert "feat: back and forth"\n\nThis reverts commit ${original.hash}.`);
    const second = commit(`Revert "Revert "feat: back and forth""\n\nThis reverts commit ${first.hash}.`);
    expect(cancelReverts(changesOf(second, first, original)).kept.map((c) => c.header)).toEqual(["feat: back and forth"]);
  });

  it("cancels thousands of revert pairs", () => {
    const originals = Array.from({ length: 5000 }, (_, i) => commit(`feat: feature ${i}`));
    const reverts = originals.map((original) => commit(`Revert "${original.message}"\n\nThis reverts commit ${original.hash}.`));
    const { kept, cancelled } = cancelReverts(changesOf(...reverts.reverse(), commit("fix: stays"), ...originals.reverse()));
    expect(cancelled).toHaveLength(5000);
    expect(kept.map((c) => c.header)).toEqual(["fix: stays"]);
  });
});
