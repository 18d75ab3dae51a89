import { describe, expect, it } from "vitest";
import { addedLinesOfPatch, parseUnifiedDiff, unquoteGitPath } from "../../src/git/unified-diff.ts";

describe("parseUnifiedDiff", () => {
  it("collects added lines per new path, skipping deleted files and context", () => {
    const diff = [
      "diff --git a/src/a.ts b/src/a.ts",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -3,0 +4,2 @@ function x() {",
      "+one",
      "+two",
      "@@ -10 +12 @@",
      "-old",
      "+new",
      "diff --git a/gone.ts b/gone.ts",
      "--- a/gone.ts",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "-a",
      "-b",
      "diff --git a/new.ts b/new.ts",
      "--- /dev/null",
      "+++ b/new.ts",
      "@@ -0,0 +1,3 @@",
      "+a",
      "+b",
      "+c",
    ].join("\n");
    const changed = parseUnifiedDiff(diff);
    expect([...changed.keys()]).toEqual(["src/a.ts", "new.ts"]);
    expect(changed.get("src/a.ts")).toEqual([4, 5, 12]);
    expect(changed.get("new.ts")).toEqual([1, 2, 3]);
  });

  it("counts context lines in hunks with context (GitHub's patch field)", () => {
    expect(addedLinesOfPatch("@@ -1,4 +1,5 @@\n line1\n-line2\n+line2b\n+line2c\n line3\n line4")).toEqual([2, 3]);
  });

  it("handles CRLF diffs, paths with spaces and C-quoted non-ASCII names", () => {
    const diff = '--- a/x\r\n+++ "b/dir with space/caf\\303\\251.ts"\r\n@@ -0,0 +1 @@\r\n+x\r\n+++ b/plain name.ts\n@@ -1 +1 @@\n+y\n';
    const changed = parseUnifiedDiff(diff);
    expect(changed.get("dir with space/café.ts")).toEqual([1]);
    expect(changed.get("plain name.ts")).toEqual([1]);
  });

  it("unquotes escapes as git writes them", () => {
    expect(unquoteGitPath('"a\\tb\\"c\\\\d"')).toBe('a\tb"c\\d');
    expect(unquoteGitPath("plain")).toBe("plain");
  });
});
