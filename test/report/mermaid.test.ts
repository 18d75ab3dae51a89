/**
 * Every Mermaid block of every artefact parses with Mermaid's own parser (the mermaid package, in Chromium as on
 * GitHub: its gantt and xychart parsers need a DOM). A block GitHub cannot parse shows as an error box instead of the
 * picture. Skipped only when there is no Chromium (.ci/setup-report.sh installs Debian's).
 */
import { describe, expect, it } from "vitest";
import { chromiumPresent, mermaidBlocks } from "./browser.ts";
import { gallery } from "./gallery.ts";
import { mermaidParserInChromium } from "./mermaid-parser.ts";

const pictures = (await gallery()).flatMap((artefact) => mermaidBlocks(artefact.markdown).map((source, i) => ({ name: `${artefact.name} #${i + 1}`, source })));

describe.skipIf(!chromiumPresent)("Mermaid blocks", () => {
  const parseMermaid = mermaidParserInChromium();

  it("the gallery draws the coverage bar, the week timeline and the rollback series", () => {
    const kinds = new Set(pictures.map((p) => p.source.replace(/^---\n[\s\S]*?\n---\n/, "").split("\n")[0]));
    expect(kinds).toEqual(new Set(["xychart-beta", "gantt"]));
    expect(pictures.map((p) => p.name)).toEqual(expect.arrayContaining(["coverage-summary #1", "deploy-window-closed-summary #1", "rollback-guard-summary #1"]));
  });

  it("each parses with Mermaid's parser", async () => {
    const answers = await parseMermaid(pictures.map((p) => p.source));
    expect(pictures.map((p, i) => [p.name, answers[i]])).toEqual(pictures.map((p) => [p.name, null]));
  });

  it("the parser is the one that refuses: a broken block gets its message", async () => {
    const answers = await parseMermaid(["gantt\n  title week\n  now bogus !!", "xychart-beta\n  bar [1, 2"]);
    for (const answer of answers) expect(answer).toMatch(/Parse error|Expecting/);
  });
});
