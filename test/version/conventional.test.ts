import { describe, expect, it } from "vitest";
import { parseConventionalMessage, parseHeader } from "../../src/version/conventional.ts";

describe("Conventional Commits 1.0.0 header", () => {
  const cases: [string, { type: string; scope: string | null; bang: boolean; description: string } | null][] = [
    // The specification's examples.
    ["feat: allow provided config object to extend other configs", { type: "feat", scope: null, bang: false, description: "allow provided config object to extend other configs" }],
    ["feat!: send an email to the customer when a product is shipped", { type: "feat", scope: null, bang: true, description: "send an email to the customer when a product is shipped" }],
    ["feat(api)!: send an email to the customer when a product is shipped", { type: "feat", scope: "api", bang: true, description: "send an email to the customer when a product is shipped" }],
    ["chore!: drop support for Node 6", { type: "chore", scope: null, bang: true, description: "drop support for Node 6" }],
    ["docs: correct spelling of CHANGELOG", { type: "docs", scope: null, bang: false, description: "correct spelling of CHANGELOG" }],
    ["feat(lang): add Polish language", { type: "feat", scope: "lang", bang: false, description: "add Polish language" }],
    ["fix: prevent racing of requests", { type: "fix", scope: null, bang: false, description: "prevent racing of requests" }],
    ["revert: let us never again speak of the noodle incident", { type: "revert", scope: null, bang: false, description: "let us never again speak of the noodle incident" }],
    // Types are case-insensitive.
    ["FEAT: shout", { type: "feat", scope: null, bang: false, description: "shout" }],
    ["Fix(Parser): mixed case", { type: "fix", scope: "Parser", bang: false, description: "mixed case" }],
    ["feat(multi word scope): x", { type: "feat", scope: "multi word scope", bang: false, description: "x" }],
    // Not conventional: the colon and space are required, ! goes right before the colon, the scope is a noun.
    ["feat:no space", null],
    ["feat : space before colon", null],
    ["feat(): empty scope", null],
    ["feat(api) !: space before bang", null],
    ["feat!(api): bang before scope", null],
    ["feat: ", null],
    ["Add a feature", null],
    ["Merge pull request #12 from octo/branch", null],
    ['Revert "feat: x"', null],
    [": no type", null],
    ["", null],
  ];
  it.each(cases)("%j", (header, expected) => {
    expect(parseHeader(header)).toEqual(expected);
  });
});

describe("Conventional Commits 1.0.0 message", () => {
  it("reads a BREAKING CHANGE footer (spec example 1)", () => {
    const parsed = parseConventionalMessage(
      "feat: allow provided config object to extend other configs\n\nBREAKING CHANGE: `extends` key in config file is now used for extending other config files\n",
    );
    expect(parsed?.breaking).toBe(true);
    expect(parsed?.breakingNotes).toEqual(["`extends` key in config file is now used for extending other config files"]);
    expect(parsed?.body).toBe("");
  });

  it("uses the description as the breaking note when only ! marks it (spec example 2)", () => {
    const parsed = parseConventionalMessage("feat!: send an email to the customer when a product is shipped");
    expect(parsed?.breaking).toBe(true);
    expect(parsed?.breakingNotes).toEqual(["send an email to the customer when a product is shipped"]);
  });

  it("prefers the footer text when both ! and BREAKING CHANGE are given (spec example 4)", () => {
    const parsed = parseConventionalMessage("chore!: drop support for Node 6\n\nBREAKING CHANGE: use JavaScript features not available in Node 6.");
    expect(parsed?.breakingNotes).toEqual(["use JavaScript features not available in Node 6."]);
  });

  it("separates a multi-paragraph body from footers (spec example 7)", () => {
    const parsed = parseConventionalMessage(
      [
        "fix: prevent racing of requests",
        "",
        "Introduce a request id and a reference to latest request. Dismiss",
        "incoming responses other than from latest request.",
        "",
        "Remove timeouts which were used to mitigate the racing issue but are",
        "obsolete now.",
        "",
        "Reviewed-by: Z",
        "Refs: #123",
      ].join("\n"),
    );
    expect(parsed?.body).toBe(
      "Introduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.",
    );
    expect(parsed?.footers).toEqual([
      { token: "Reviewed-by", separator: ": ", value: "Z" },
      { token: "Refs", separator: ": ", value: "#123" },
    ]);
    expect(parsed?.breaking).toBe(false);
  });

  it("reads `Token #value` footers and multi-line footer values", () => {
    const parsed = parseConventionalMessage("fix: x\n\nFixes #42\nBREAKING CHANGE: first line\n  continued here\n\n  and a paragraph\nAcked-by: Q");
    expect(parsed?.footers).toEqual([
      { token: "Fixes", separator: " #", value: "42" },
      { token: "BREAKING CHANGE", separator: ": ", value: "first line\n  continued here\n\n  and a paragraph" },
      { token: "Acked-by", separator: ": ", value: "Q" },
    ]);
    expect(parsed?.breakingNotes).toEqual(["first line\n  continued here\n\n  and a paragraph"]);
  });

  const breakingCases: [string, boolean][] = [
    ["fix: x\n\nBREAKING CHANGE: gone", true],
    ["fix: x\n\nBREAKING-CHANGE: synonym", true],
    ["fix: x\n\nBREAKING CHANGE #12", true],
    // BREAKING CHANGE must be uppercase.
    ["fix: x\n\nbreaking change: lower case is no footer", false],
    ["fix: x\n\nBreaking-Change: mixed case", false],
    // Only a token at the start of a line counts, not a mention in prose.
    ["fix: x\n\nThis is not a BREAKING CHANGE: really", false],
    // A BREAKING CHANGE line right after body text still starts the footers.
    ["fix: x\n\nsome body\nBREAKING CHANGE: glued to the body", true],
    ["fix!: bang", true],
    ["fix(scope)!: bang with scope", true],
    ["fix: plain", false],
  ];
  it.each(breakingCases)("breaking %j -> %s", (message, breaking) => {
    expect(parseConventionalMessage(message)?.breaking).toBe(breaking);
  });

  it("returns null for a non-conventional message and handles CRLF", () => {
    expect(parseConventionalMessage("Update README.md")).toBeNull();
    const parsed = parseConventionalMessage("feat(x): windows\r\n\r\nbody\r\n\r\nBREAKING CHANGE: crlf\r\n");
    expect(parsed?.body).toBe("body");
    expect(parsed?.breakingNotes).toEqual(["crlf"]);
  });
});
