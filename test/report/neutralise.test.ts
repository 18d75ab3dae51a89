import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { codeSpan, literalMarkdown, neutraliseMarkdown, rewriteMarkdown, terminalLine, terminalText, type MarkdownOptions } from "../../src/report/neutralise.ts";
import { cell } from "../../src/report/markdown.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import { gateText } from "../../src/report/text.ts";
import type { GateResult } from "../../src/core/result.ts";

const ZWSP = "\u200B";

describe("neutraliseMarkdown: people's markdown stays as written, what could act is made inert", () => {
  it.each([
    // Ordinary text comes out byte for byte.
    { text: "add **bold** support for `x < y` and [docs](https://example.com/a_b)", out: "add **bold** support for `x < y` and [docs](https://example.com/a_b)" },
    { text: "fix a < b when c > d", out: "fix a < b when c > d" },
    { text: "credit [@alice](https://github.com/alice) and mail a@b.com", out: "credit [@alice](https://github.com/alice) and mail a@b.com" },
    { text: "closes #12, see ../docs/x.md and [a](#anchor)", out: "closes #12, see ../docs/x.md and [a](#anchor)" },
    // HTML tags and comments.
    { text: "<img src=x onerror=alert(1)>", out: "&lt;img src=x onerror=alert(1)>" },
    { text: "a <script>alert(1)</script> b", out: "a &lt;script>alert(1)&lt;/script> b" },
    { text: "hidden <!-- secret --> text", out: "hidden &lt;!-- secret --> text" },
    { text: "</details><details open>", out: "&lt;/details>&lt;details open>" },
    // Links only to http(s); images shown as links.
    { text: "[docs](javascript:alert(1))", out: "[docs]&#40;javascript:alert(1))" },
    { text: "[x](data:text/html,hi)", out: "[x]&#40;data:text/html,hi)" },
    { text: "![t](https://tracker.example/pixel.gif)", out: "!\\[t](https://tracker.example/pixel.gif)" },
    { text: "[ref]: javascript:alert(1)", out: "\\[ref]: javascript:alert(1)" },
    { text: "<javascript:alert(1)>", out: "&lt;javascript:alert(1)>" },
    // Mentions.
    { text: "thanks @alice and @acme/team, cc @everyone", out: `thanks @${ZWSP}alice and @${ZWSP}acme/team, cc @${ZWSP}everyone` },
    { text: "(@bob)", out: `(@${ZWSP}bob)` },
    // Code spans and fenced blocks are inert already and left alone.
    { text: "use `<div>` and `@decorator`", out: "use `<div>` and `@decorator`" },
    { text: "```html\n<b>@x</b>\n```\n<b>", out: "```html\n<b>@x</b>\n```\n&lt;b>" },
    // Terminal escapes never reach GitHub either.
    { text: "red \u001b[31mtext\u001b[0m \u001b]8;;https://evil\u0007link\u001b]8;;\u0007", out: "red text link" },
  ])("$text", ({ text, out }) => {
    expect(neutraliseMarkdown(text)).toBe(out);
  });

  it("keeps mentions when the policy says so", () => {
    expect(neutraliseMarkdown("thanks @alice", { mentions: "keep" })).toBe("thanks @alice");
  });

  it("escapes underscores at a word's edge, so __init__ does not read as bold init; snake_case, links and code stay", () => {
    expect(neutraliseMarkdown("* fix __init__ and _private_ in pkg/_x/util_.py, not snake_case")).toBe("* fix \\_\\_init\\_\\_ and \\_private\\_ in pkg/\\_x/util\\_.py, not snake_case");
    expect(neutraliseMarkdown("[__a__](https://example.com/__b__) https://example.com/_c_ `__d__`")).toBe("[\\_\\_a\\_\\_](https://example.com/__b__) https://example.com/_c_ `__d__`");
    const once = neutraliseMarkdown("fix __init__");
    expect(neutraliseMarkdown(once)).toBe(once);
    expect(neutraliseMarkdown("fix __init__", { underscores: "keep" })).toBe("fix __init__");
  });
});

describe("literalMarkdown and cell: values shown exactly as written", () => {
  it.each([
    { text: "pkg/__init__.py", out: "pkg/\\_\\_init\\_\\_.py" },
    { text: "__proto__", out: "\\_\\_proto\\_\\_" },
    { text: "a|b\nc", out: "a\\|b c" },
    { text: "</details><img src=x>@org/team", out: `&lt;/details>&lt;img src=x>@${ZWSP}org/team` },
    { text: "[x](javascript:1)", out: "\\[x\\](javascript:1)" },
    { text: "&#64;alice", out: "&amp;#64;alice" },
    { text: "lines 90.00 % >= 80 % (#1, a+b)", out: "lines 90.00 % >= 80 % (#1, a+b)" },
  ])("$text", ({ text, out }) => {
    expect(literalMarkdown(text)).toBe(out);
    expect(cell(text)).toBe(out);
  });
});

describe("codeSpan", () => {
  it.each([
    { text: "src/a.ts:3", out: "`src/a.ts:3`" },
    { text: "a`b", out: "`` a`b ``" },
    { text: "x\ny", out: "`x y`" },
  ])("$text", ({ text, out }) => {
    expect(codeSpan(text)).toBe(out);
  });
});

describe("neutraliseMarkdown returns a text with nothing to neutralise as it is, and that is what the rewrite gives", () => {
  // Pieces that the rewrite acts on, pieces that look like them but are harmless, and the separators that decide
  // what a piece is (a backtick opens a code span, a newline ends a line, a fence makes a block).
  const pieces = [
    "plain text", "**bold** and _em_", "snake_case", "__init__", "a < b", "<img src=x>", "<!-- c -->", "</details>", "<b>",
    "[docs](https://example.com/a_b)", "[x](http://e.x)", "[a](#anchor)", "[r](../docs/x.md)", "[r](./x)", "[r](/abs)", "[r](//evil.example)",
    "[m](mailto:a@b.c)", "[<u>](<https://e.x>)", "[j](javascript:alert(1))", "[d](data:text/html,hi)", "[e]()", "](", "]( ", "](\n", "](`x`)",
    "[s]( https://e.x)", "[t](https://a](javascript:x)", "[t](https://a`x`](javascript:y)", "[u](https", "![i](https://t.example/p.gif)", "![", "[ref]: javascript:x",
    "[ref]: https://e.x", "]:", "@alice", "@acme/team", "a@b.com", "(@bob)", "@", "@-x", "`code`", "``a`b``", "`", "```", "~~~js",
    "\u001b[31mred\u001b[0m", "\u001b]8;;https://evil\u0007link", "\u009b2J", "\u009dtitle", "bell\u0007", "nul\u0000", "cr\r\nlf", "\r",
    "rtl \u202Eevil\u202C", "iso\u2066x\u2069", "\u2028sep", "::error::pwned", "::add-mask::x", "%0A::warning::x", "#12", "(#34)",
  ];
  const separators = ["", " ", "\n", "`", "\n```\n", "\n\n"];
  const policies: MarkdownOptions[] = [{}, { mentions: "keep" }, { underscores: "keep" }, { mentions: "keep", underscores: "keep" }];

  it("on every pair of hostile and harmless pieces, under every policy", () => {
    let unchanged = 0;
    const disagreements: { text: string; options: MarkdownOptions; out: string; rewritten: string }[] = [];
    for (const first of pieces)
      for (const separator of separators)
        for (const second of pieces)
          for (const options of policies) {
            const text = first + separator + second;
            const rewritten = rewriteMarkdown(text, options);
            const out = neutraliseMarkdown(text, options);
            if (out !== rewritten) disagreements.push({ text, options, out, rewritten });
            if (rewritten === text) unchanged++;
          }
    expect(disagreements).toEqual([]);
    // Both outcomes are exercised: texts the rewrite leaves alone and texts it changes.
    expect(unchanged).toBeGreaterThan(1000);
  });

  it("on every commit message of the real release histories, as release notes render them", () => {
    const directory = path.join(import.meta.dirname, "../fixtures/real-releases");
    const disagreements: { message: string; options: MarkdownOptions }[] = [];
    for (const file of readdirSync(directory)) {
      const fixture = JSON.parse(readFileSync(path.join(directory, file), "utf8")) as { commits: Record<string, { message: string }> };
      for (const { message } of Object.values(fixture.commits))
        for (const options of policies) if (neutraliseMarkdown(message, options) !== rewriteMarkdown(message, options)) disagreements.push({ message, options });
    }
    expect(disagreements).toEqual([]);
  });
});

describe("terminal text", () => {
  it.each([
    { text: "\u001b[2J\u001b[Hcleared", out: "cleared" },
    { text: "title\u001b]0;pwned\u0007 end", out: "title end" },
    { text: "bell\u0007 nul\u0000 del\u007f c1\u009b31m", out: "bell nul del c1" },
    { text: "rtl \u202Eevil\u202C", out: "rtl evil" },
    { text: "keeps\ttabs\nand lines\r\n", out: "keeps\ttabs\nand lines\n" },
  ])("$text", ({ text, out }) => {
    expect(terminalText(text)).toBe(out);
  });

  it("a line stays one line", () => {
    expect(terminalLine("a\nb\tc")).toBe("a b c");
  });

  it("gate text strips escapes from every part", () => {
    const result: GateResult = { gate: "security", status: "fail", title: "1 critical \u001b[31m", summary: "", findings: [{ level: "failure", message: "CVE \u001b]8;;https://x\u0007y", file: "a\u001b[2J.json", line: 1 }], metrics: {} };
    expect(gateText(result)).toBe("FAIL security: 1 critical \n  failure: a.json:1: CVE y\n");
  });
});

describe("summaries neutralise values through their helpers", () => {
  it("a finding's file and message from a report cannot inject markup", () => {
    const result: GateResult = { gate: "coverage", status: "fail", title: "</details><img src=x>", summary: "", findings: [{ level: "warning", message: "@org/team <b>x</b>", file: "pkg/__init__.py", line: 2 }], metrics: {} };
    const md = summaryMarkdown([result]);
    expect(md).not.toMatch(/<(img|b|\/details)/);
    expect(md).toContain("`pkg/__init__.py:2`");
    expect(md).toContain(`@${ZWSP}org/team`);
  });
});
