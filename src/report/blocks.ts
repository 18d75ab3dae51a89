/**
 * Markdown blocks every renderer builds with: tables, code spans, links, collapsed sections. Untrusted text goes
 * through `cell()` (src/report/markdown.ts) before it lands in any of them.
 */
import { cell } from "./markdown.ts";
import { codeSpan, neutraliseMarkdown } from "./neutralise.ts";

export type Align = "left" | "right";

/** A GFM table; every row must have as many cells as the header (checked: a short row would shift columns). */
export function table(header: string[], rows: string[][], align: Align[] = []): string {
  for (const row of rows) if (row.length !== header.length) throw new Error(`table row of ${row.length} cells under a header of ${header.length}`);
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/**
 * Untrusted text as a code span: shown as written (no emphasis from `__init__.py`, no mention, no HTML), and safe
 * in a table cell (GFM reads `\|` inside a code span in a table as `|`).
 */
export function code(text: string): string {
  return codeSpan(text).replace(/\|/g, "\\|");
}

/** A link to a URL we build ourselves; anything but http(s) stays plain text. */
export function link(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s<>()]+$/.test(url)) return label;
  return `[${label}](${url})`;
}

/** A collapsed section: GitHub needs a blank line after `<summary>` to render the markdown inside. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body.trim()}\n\n</details>`;
}

/** "1 file", "3 files". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The first `limit` names and "and N more". */
export function someOf(names: string[], limit: number): string {
  const shown = names.slice(0, limit).join(", ");
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/** Untrusted prose in a table cell or a line, shown as written: no emphasis, link, HTML or line break; cut at `max`. */
export function plain(text: string, max = 200): string {
  const flat = [...text.replace(/\s+/g, " ").trim()];
  return cell(flat.length > max ? `${flat.slice(0, max).join("")}…` : flat.join(""));
}

/**
 * Release notes inside a result under its `##` verdict: every heading one level down (the notes' `## 2.0.0` becomes
 * `###`), so the verdict stays the one top heading, and the text made inert as in a body posted to GitHub.
 */
export function nestedNotes(notes: string): string {
  let fence = false;
  return neutraliseMarkdown(notes.trim())
    .split("\n")
    .map((line) => {
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
      return !fence && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join("\n");
}
