import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { capText, capTitle } from "../../src/report/limits.ts";

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const NOTE = /\n\n> ✂️ Truncated: (\d+) (characters|bytes) were cut; GitHub takes at most (\d+)\.(?: The full text: (.*))?\n$/;

/** The text before the note, and the number the note says was cut. */
function split(cut: string): { kept: string; count: number } {
  const at = cut.lastIndexOf("\n\n> ✂️ Truncated:");
  return { kept: cut.slice(0, at), count: Number(NOTE.exec(cut)?.[1]) };
}

describe("capText", () => {
  it("leaves text that fits alone", () => {
    expect(capText("abc", 3)).toBe("abc");
    expect(capText("é".repeat(10), 20, undefined, "bytes")).toBe("é".repeat(10));
  });

  it("cuts at a line end, within the limit, and says what was cut and where the whole is", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join("\n");
    const cut = capText(text, 65_536, "https://example.com/run");
    expect(cut.length).toBeLessThanOrEqual(65_536);
    expect(cut).toMatch(NOTE);
    expect(NOTE.exec(cut)?.slice(2)).toEqual(["characters", "65536", "https://example.com/run"]);
    const { kept, count } = split(cut);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe("\n");
    expect(count).toBe(text.length - kept.length);
  });

  it("is idempotent: what it returned fits, so cutting again changes nothing", () => {
    const text = "x ".repeat(100_000);
    const once = capText(text, 65_536);
    expect(capText(once, 65_536)).toBe(once);
  });

  it("never splits a character: emoji, flags, accents and CJK in one long line", () => {
    for (const unit of ["characters", "bytes"] as const) {
      for (const glyph of ["😀", "🇫🇷", "e\u0301", "漢", "👩‍👩‍👧"]) {
        for (const max of [1000, 1001, 1002, 1003]) {
          const text = glyph.repeat(2000);
          const cut = capText(text, max, undefined, unit);
          expect(unit === "bytes" ? bytes(cut) : cut.length).toBeLessThanOrEqual(max);
          const { kept } = split(cut);
          expect(kept.length % glyph.length, `${glyph} ${unit} ${max}`).toBe(0);
          expect(kept.length).toBeGreaterThan(0);
          expect(cut.isWellFormed()).toBe(true);
        }
      }
    }
  });

  it("counts bytes when asked: 1 MiB of three-byte characters is cut to at most 1 MiB of UTF-8", () => {
    const text = "漢字".repeat(300_000);
    const cut = capText(text, 1_048_576, "the job summary", "bytes");
    expect(bytes(cut)).toBeLessThanOrEqual(1_048_576);
    expect(bytes(cut)).toBeGreaterThan(1_048_576 - 200);
    const { kept, count } = split(cut);
    expect(count).toBe(bytes(text) - bytes(kept));
    expect(cut).toMatch(/bytes were cut; GitHub takes at most 1048576\./);
  });

  it("never leaves an entity or a tag cut short", () => {
    const entity = capText("&#64;".repeat(30_000), 65_536);
    expect(split(entity).kept).toMatch(/^(&#64;)+$/);
    const tags = capText("<sub>a</sub>".repeat(10_000), 65_536);
    expect(split(tags).kept).toMatch(/^(<sub>a<\/sub>)+(<sub>a)?$/);
  });

  it("closes a code fence and <details> left open, so the note renders as a note", () => {
    const text = ["<details><summary>All findings</summary>", "", "```text", ...Array.from({ length: 20_000 }, (_, i) => `finding ${i}`), "```", "", "</details>", "", "after"].join("\n");
    const cut = capText(text, 65_536, "the job summary");
    expect(cut.length).toBeLessThanOrEqual(65_536);
    expect(cut).toMatch(/\nfinding \d+\n```\n<\/details>\n\n> ✂️ Truncated:[^\n]*\n$/);
    // The note is a blockquote of its own, outside the code block and outside the collapsed block.
    expect(marked.parse(cut, { async: false })).toMatch(/<\/code><\/pre>\n<\/details><blockquote>\n<p>✂️ Truncated:/);
  });

  it("a fence that closed before the cut is not closed twice", () => {
    const text = ["```", "code", "```", ...Array.from({ length: 20_000 }, (_, i) => `- item ${i}`)].join("\n");
    const cut = capText(text, 65_536);
    expect(cut).toMatch(/\n- item \d+\n\n> ✂️[^\n]*\n$/);
  });

  it("hostile text that only looks like an open fence inside a fence stays one block", () => {
    const text = ["~~~~", "```", ...Array.from({ length: 20_000 }, () => "x"), "~~~~"].join("\n");
    const cut = capText(text, 10_000);
    expect(cut).toMatch(/\nx\n~~~~\n\n> ✂️[^\n]*\n$/);
  });
});

describe("capTitle", () => {
  it("cuts a long title with an ellipsis, never inside a character", () => {
    expect(capTitle("short", 255)).toBe("short");
    const cut = capTitle("😀".repeat(300), 255);
    expect(cut.length).toBeLessThanOrEqual(255);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.isWellFormed()).toBe(true);
  });
});
