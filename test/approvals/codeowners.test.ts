import { describe, expect, it } from "vitest";
import { ownerName, parseCodeowners, ruleFor, selectCodeowners } from "../../src/approvals/codeowners.ts";

// The example file of GitHub's documentation, in substance.
const example = [
  "# This is a comment.",
  "*       @global-owner1 @global-owner2",
  "*.js    @js-owner #This is an inline comment.",
  "*.go docs@example.com",
  "*.txt @octo-org/octocats",
  "/build/logs/ @doctocat",
  "docs/*  docs@example.com",
  "apps/ @octocat",
  "/docs/ @doctocat",
  "/scripts/ @doctocat @octocat",
  "**/logs @octocat",
  "/apps/ @octocat",
  "/apps/github",
  "/apps/ @octocat",
  "/apps/github @doctocat",
  "",
].join("\n");

function owners(text: string, file: string): string[] | undefined {
  const rule = ruleFor(parseCodeowners(text, "CODEOWNERS"), file);
  return rule?.owners.map(ownerName);
}

describe("CODEOWNERS", () => {
  it.each([
    ["README.md", ["@global-owner1", "@global-owner2"]],
    ["src/index.js", ["@js-owner"]],
    ["main.go", ["docs@example.com"]],
    ["notes.txt", ["@octo-org/octocats"]],
    ["build/logs/today.log", ["@octocat"]],
    ["docs/getting-started.md", ["@doctocat"]],
    ["apps/web/main.ts", ["@octocat"]],
    ["apps/github/main.ts", ["@doctocat"]],
    ["scripts/deploy.sh", ["@doctocat", "@octocat"]],
    ["src/logs/x.ts", ["@octocat"]],
  ])("the last matching pattern decides: %s", (file, expected) => {
    expect(owners(example, file)).toEqual(expected);
  });

  it("a pattern without owners leaves files unowned", () => {
    expect(owners("* @a\n/vendor/\n", "vendor/lib.js")).toEqual([]);
    expect(owners("/src/ @a\n", "README.md")).toBeUndefined();
  });

  it("reads owners case-insensitively and keeps team slugs as org/team", () => {
    const parsed = parseCodeowners("*.ts @Alice @My-Org/Web_Team.Core Dev@Example.com\n", "CODEOWNERS");
    expect(parsed.rules[0]!.owners).toEqual([
      { kind: "user", login: "alice" },
      { kind: "team", slug: "my-org/web_team.core" },
      { kind: "email", email: "dev@example.com" },
    ]);
  });

  it("skips invalid lines, reports them, and keeps the rest", () => {
    const parsed = parseCodeowners(["* @a", "!keep.txt @b", "*.md not-an-owner", "src/ @c", "docs/\\", "\r"].join("\n"), "CODEOWNERS");
    expect(parsed.rules.map((r) => r.line)).toEqual([1, 4]);
    expect(parsed.problems).toEqual([
      { line: 2, message: 'pattern "!keep.txt": negation with ! is not supported; the line is skipped' },
      { line: 3, message: '"not-an-owner" is not a user (@name), a team (@org/team) or an email address; the line is skipped' },
      { line: 5, message: 'pattern "docs/\\": ends with a lone backslash; the line is skipped' },
    ]);
  });

  it("does not honour \\# at the start of a pattern, as GitHub documents: the line owns nothing", () => {
    const parsed = parseCodeowners(["* @everyone", "\\#notes.md @a", "docs/\\#x @b"].join("\n"), "CODEOWNERS");
    expect(ruleFor(parsed, "#notes.md")?.owners).toEqual([{ kind: "user", login: "everyone" }]);
    expect(parsed.problems).toEqual([{ line: 2, message: 'pattern "\\#notes.md": escaping # with \\ does not work in CODEOWNERS, so GitHub assigns no owner from this line; the line is skipped' }]);
    // Inside a pattern, \# is an ordinary escaped character: only a leading one would start a comment.
    expect(ruleFor(parsed, "docs/#x")?.owners).toEqual([{ kind: "user", login: "b" }]);
  });

  it("handles CRLF line endings, tabs and escaped spaces", () => {
    const parsed = parseCodeowners("my\\ dir/\t@a\r\n*.md @b\r\n", "CODEOWNERS");
    expect(ruleFor(parsed, "my dir/x.txt")?.owners).toEqual([{ kind: "user", login: "a" }]);
    expect(ruleFor(parsed, "x.md")?.line).toBe(2);
  });

  it("uses the first file found in .github/, the root, then docs/", () => {
    const files: Record<string, string> = { "docs/CODEOWNERS": "docs", CODEOWNERS: "root" };
    expect(selectCodeowners((p) => files[p])).toEqual({ path: "CODEOWNERS", text: "root" });
    files[".github/CODEOWNERS"] = "github";
    expect(selectCodeowners((p) => files[p])).toEqual({ path: ".github/CODEOWNERS", text: "github" });
    expect(selectCodeowners(() => undefined)).toBeUndefined();
  });
});
