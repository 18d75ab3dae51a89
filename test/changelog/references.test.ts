import { describe, expect, it } from "vitest";
import { CommitParser } from "conventional-commits-parser";
import createPreset from "conventional-changelog-conventionalcommits";
import { referencesOf } from "../../src/changelog/references.ts";

/** conventional-changelog's own parser with the conventionalcommits preset's options: the reference. */
function theirReferences(message: string): unknown[] {
  const preset = createPreset();
  const commit = new CommitParser(preset.parser).parse(message);
  return commit.references.map((r) => ({ owner: r.owner || null, repository: r.repository || null, prefix: r.prefix, issue: r.issue }));
}

describe("issue references are found as conventional-changelog finds them", () => {
  it.each([
    "fix: handle empty input (#12)",
    "feat: add prefix option (#3)",
    "fix: x\n\nCloses #13\nRefs octo/other#14",
    "fix: x\n\nFixes #20, fixes #21; resolves other#22",
    "fix: x\n\nsee https://example.com/issue#1 for numbers #5",
    "fix: x\n\nBREAKING CHANGE: dropped #7\nnext line #8",
    "feat: a#b #12 #12.5 #1#2 (#99) [#100] #x-y, ##3",
    "feat: x\n\n#1 #1 again #1\nCloses #1",
    "chore: multi\n\nCloses #4 and closes #5 closes owner/repo#6",
    "fix: ./path#7 and -dash#8",
    "fix: nothing here\n\nplain body\n\nReviewed-by: Z",
  ])("%j", (message) => {
    expect(referencesOf(message).map(({ key: _key, ...reference }) => reference)).toEqual(theirReferences(message));
  });

  it("scans long hostile lines in linear time", () => {
    const hostile = `fix: ${"x".repeat(200_000)}#${"a".repeat(100_000)}.\n\n${"ab/c ".repeat(50_000)}#1 ${"#".repeat(100_000)}`;
    const references = referencesOf(hostile);
    expect(references.map((r) => r.issue)).toEqual(["1"]);
  });
});
