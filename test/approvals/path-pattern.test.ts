import { describe, expect, it } from "vitest";
import { matchesPath, parsePathPattern } from "../../src/core/path-pattern.ts";

function matches(pattern: string, file: string): boolean {
  const parsed = parsePathPattern(pattern);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchesPath(parsed.pattern, file);
}

// Cases from GitHub's CODEOWNERS documentation and gitignore(5), plus edge cases.
describe("CODEOWNERS path patterns", () => {
  it.each([
    ["*", "README.md", true],
    ["*", "src/deep/file.ts", true],
    ["*.js", "app.js", true],
    ["*.js", "src/lib/app.js", true],
    ["*.js", "src/app.jsx", false],
    ["*.js", "src/app.js/inner.txt", true],
    ["/build/logs/", "build/logs/a.log", true],
    ["/build/logs/", "build/logs/deep/b.log", true],
    ["/build/logs/", "src/build/logs/a.log", false],
    ["/build/logs/", "build/logs", false],
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false],
    ["docs/*", "src/docs/a.md", false],
    ["apps/", "apps/web/index.ts", true],
    ["apps/", "packages/apps/web/index.ts", true],
    ["apps/", "apps", false],
    ["/docs/", "docs/a.md", true],
    ["/docs/", "x/docs/a.md", false],
    ["/scripts/", "scripts/ci/run.sh", true],
    ["**/logs", "logs/a.txt", true],
    ["**/logs", "build/logs/a.txt", true],
    ["**/logs", "deeply/nested/logs/a.txt", true],
    ["**/logs", "logsx/a.txt", false],
    ["/apps/github", "apps/github/x.ts", true],
    ["/apps/github", "apps/github", true],
    ["/apps/github", "other/apps/github/x.ts", false],
    ["apps/github", "other/apps/github/x.ts", false],
    ["abc/**", "abc/x", true],
    ["abc/**", "abc/x/y/z", true],
    ["abc/**", "abc", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/x/y/c", false],
    ["README.md", "README.md", true],
    ["README.md", "docs/README.md", true],
    ["README.md", "readme.md", false],
    ["src/*.ts", "src/a.ts", true],
    ["src/*.ts", "src/sub/a.ts", false],
    ["?.txt", "a.txt", true],
    ["?.txt", "ab.txt", false],
    ["?.txt", "dir/b.txt", true],
    ["a?b", "a/b", false],
    ["src/a*", "src/a/b", true],
    ["***.md", "x.md", true],
    ["\\*.md", "*.md", true],
    ["\\*.md", "a.md", false],
    ["my\\ file.txt", "docs/my file.txt", true],
    ["\\#notes", "#notes", true],
    ["[abc].txt", "[abc].txt", true],
    ["[abc].txt", "a.txt", false],
    ["*.min.*", "dist/app.min.js", true],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "axxbyy", false],
    [".github/", ".github/workflows/ci.yml", true],
    ["*.yml", ".github/workflows/ci.yml", true],
  ])("%s matches %s: %s", (pattern, file, expected) => {
    expect(matches(pattern, file)).toBe(expected);
  });

  it.each([
    ["!important.txt", "negation with ! is not supported"],
    ["trailing\\", "ends with a lone backslash"],
    ["/", "matches no path"],
  ])("refuses %s", (pattern, error) => {
    expect(parsePathPattern(pattern)).toEqual({ ok: false, error });
  });

  it("matches pathological patterns in bounded time (no exponential backtracking)", () => {
    const pattern = "a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    expect(matches(pattern, "a".repeat(5000))).toBe(false);
    const deep = "**/x/**/x/**/x/**/x/**/y";
    expect(matches(deep, Array.from({ length: 2000 }, () => "x").join("/"))).toBe(false);
  });
});
