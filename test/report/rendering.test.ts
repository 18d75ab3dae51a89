/**
 * Every artefact of every gate, rendered as GitHub-flavoured markdown (marked, GFM tables) and checked for the
 * structure a reviewer relies on: one leading heading, well-formed tables, no raw HTML but ours, no list glued to
 * a paragraph, file names shown as written.
 */
import { marked, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { CHECK_TITLE_MAX } from "../../src/report/summary.ts";
import { mermaidBlocks } from "./browser.ts";
import { gallery, type Artefact } from "./gallery.ts";

/** HTML shipgate writes itself: collapsed sections, line breaks in table cells, small print, its markers. */
const OUR_HTML = /^<\/?(details|summary|br|sub)>$|^<!-- shipgate:[\w:.-]+(?: [\w+/=-]+)? -->$/;

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
    if (t.tokens) walk(t.tokens, visit);
    if (t.items) walk(t.items, visit);
    if (t.header) walk(t.header.flatMap((c) => c.tokens), visit);
    if (t.rows) walk(t.rows.flat().flatMap((c) => c.tokens), visit);
  }
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** Raw HTML inside our tags split into the tags themselves (`<details><summary>` is two). */
function htmlTags(raw: string): string[] {
  return raw.match(/<!--[\s\S]*?-->|<[^>]*>/g) ?? [];
}

/** WCAG 2 contrast ratio of two #rrggbb colours; 3:1 is its minimum for graphics. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const artefacts = await gallery();

describe("rendered artefacts", () => {
  it("cover every gate's summary and check run, every other action's summary, the PR comment, a release, a release PR and incident issues", () => {
    const names = artefacts.map((a) => a.name);
    for (const gate of ["coverage", "security", "approvals", "go-no-go", "deploy-window-closed", "certs", "health", "rollback-guard"]) {
      expect(names).toEqual(expect.arrayContaining([`${gate}-summary`, `${gate}-check-run`]));
    }
    for (const action of ["version", "changelog", "release", "release-branch", "incident"]) expect(names).toContain(`${action}-summary`);
    expect(new Set(artefacts.map((a) => a.kind))).toEqual(new Set(["summary", "comment", "check-run", "release", "pull-request", "issue"]));
  });

  describe.each(artefacts.map((a) => [a.name, a] as [string, Artefact]))("%s", (_name, artefact) => {
    const tokens = marked.lexer(artefact.markdown, { gfm: true });
    const blocks = tokens.filter((t) => t.type !== "space" && !(t.type === "html" && OUR_HTML.test(t.raw.trim())));
    const headings: Tokens.Heading[] = [];
    walk(tokens, (t) => {
      if (t.type === "heading") headings.push(t as Tokens.Heading);
    });

    it("leads with one heading (check runs: a title that fits the checks list, GitHub's heading)", () => {
      if (artefact.kind === "check-run") {
        expect(artefact.title!.length).toBeLessThanOrEqual(CHECK_TITLE_MAX);
        expect(artefact.title).toMatch(/^\S/);
        expect(headings.filter((h) => h.depth <= 2)).toEqual([]);
        return;
      }
      if (headings.length === 0) return;
      const top = Math.min(...headings.map((h) => h.depth));
      expect(headings.filter((h) => h.depth === top)).toHaveLength(1);
      expect(blocks[0]).toMatchObject({ type: "heading", depth: top });
    });

    if (artefact.kind === "summary" || artefact.kind === "comment") {
      it("leads with the verdict line: status, then what was judged and its key figure", () => {
        const first = blocks[0] as Tokens.Heading;
        expect(first.text).toMatch(/^(✅|❌|⚠️|⏭️) [\w -]+: \S/u);
      });
    }

    it("has well-formed tables and no table line left outside a table", () => {
      walk(tokens, (t) => {
        if (t.type !== "table") return;
        const table = t as Tokens.Table;
        for (const row of table.rows) expect(row).toHaveLength(table.header.length);
      });
      walk(tokens, (t) => {
        if (t.type === "paragraph") expect(t.raw).not.toMatch(/^\|.*\|\s*$/m);
      });
    });

    it("leaves no raw HTML but shipgate's own", () => {
      const raw: string[] = [];
      walk(tokens, (t) => {
        if (t.type === "html") raw.push(...htmlTags(t.raw.trim()));
      });
      for (const tag of raw) expect(tag).toMatch(OUR_HTML);
    });

    it("never glues a list to a paragraph, and keeps lists tight", () => {
      walk(tokens, (t) => {
        if (t.type === "paragraph") expect(t.raw).not.toMatch(/\n\s*([-*+]|\d+\.) /);
        if (t.type === "list") expect((t as Tokens.List).loose).toBe(false);
      });
    });

    it("reads in GitHub's light and dark modes: pictures keep GitHub's theme and use only colours legible on both", () => {
      for (const block of mermaidBlocks(artefact.markdown)) {
        expect(block).not.toMatch(/%%\{|\btheme:|classDef|^\s*style\s|\b(?:fill|color|stroke):/im);
        for (const colour of block.match(/#[0-9a-f]{6}\b/gi) ?? []) {
          expect(contrast(colour, "#ffffff"), `${colour} on white`).toBeGreaterThanOrEqual(3);
          expect(contrast(colour, "#0d1117"), `${colour} on GitHub's dark`).toBeGreaterThanOrEqual(3);
        }
      }
      expect(artefact.markdown).not.toMatch(/!\[[^\]]*\]\(|<img\b|<font\b|\bstyle=/i);
    });

    it("shows times as people read them, never as raw ISO-8601", () => {
      const text = textOf(marked.parse(artefact.markdown, { gfm: true, async: false }));
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    });

    it("shows file names as written, with no emphasis eaten out of them", () => {
      const text = textOf(marked.parse(artefact.markdown, { gfm: true, async: false }));
      for (const name of artefact.fileNames ?? []) expect(text).toContain(name);
      expect(marked.parse(artefact.markdown, { gfm: true, async: false })).not.toMatch(/<(em|strong)>(init|proto|private|glob)<\/\1>/);
    });
  });
});
