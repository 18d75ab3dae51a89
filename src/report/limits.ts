/**
 * GitHub's limits on what it accepts, and the one helper that cuts text to them. Every writer of text to GitHub
 * (issues, comments, pull requests, releases, check runs, annotations, the job summary, step outputs) goes through
 * `capText`; docs/security.md lists where. Pure: text in, text out.
 */

/** In characters (UTF-16 code units: never fewer than GitHub's count) unless the name says bytes. */
export const GITHUB_LIMITS = {
  releaseBody: 125_000,
  issueBody: 65_536,
  /** GitHub takes 256; titles are one line anyway. */
  issueTitle: 256,
  pullRequestBody: 65_536,
  pullRequestTitle: 256,
  commentBody: 65_536,
  checkRunSummary: 65_535,
  checkRunText: 65_535,
  annotationsPerRequest: 50,
  /** An annotation's message: 64 KB. */
  annotationMessageBytes: 65_536,
  annotationTitle: 255,
  /** `$GITHUB_STEP_SUMMARY`: "supports content up to a size of 1024k" per step. */
  jobSummaryBytes: 1_048_576,
  /**
   * One step output. GitHub takes 1 MB of outputs per job, sized as UTF-16; shipgate keeps each output to a tenth
   * of that, so that a job's other steps keep their room.
   */
  stepOutput: 100_000,
} as const;

export type LimitUnit = "characters" | "bytes";

const encoder = new TextEncoder();

function sizeOf(text: string, unit: LimitUnit): number {
  return unit === "bytes" ? encoder.encode(text).length : text.length;
}

/**
 * Made on first use: constructing any Intl object makes V8 build its table of ICU locales, about as long as
 * `node -e 0` itself, and most runs never cut a text inside a word.
 */
let graphemes: Intl.Segmenter | undefined;

/**
 * The last grapheme boundary at or before `end`: an emoji, a flag or a letter with its accents stays whole.
 * Segmenting starts at the last ASCII character before `end` (a grapheme always starts there), else at the start.
 */
function graphemeBoundary(text: string, end: number): number {
  let from = end - 1;
  while (from > 0 && text.charCodeAt(from) >= 0x80) from--;
  from = Math.max(0, from);
  let boundary = from;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { index } of graphemes.segment(text.slice(from, Math.min(text.length, end + 16)))) {
    if (from + index > end) break;
    boundary = from + index;
  }
  return boundary;
}

/** The index `over` characters (or UTF-8 bytes) before `cut`. */
function back(text: string, cut: number, over: number, unit: LimitUnit): number {
  if (unit === "characters") return Math.max(0, cut - over);
  let index = cut;
  for (let removed = 0; removed < over && index > 0; index--) {
    const code = text.charCodeAt(index - 1);
    // A surrogate is half of a 4-byte character.
    removed += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return index;
}

/** Where to cut at or before `end`: a line end or else a space in the last tenth, never inside an entity or a tag. */
function cutPoint(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const lineEnd = text.lastIndexOf("\n", end);
  if (lineEnd >= 0 && lineEnd >= end * 0.9) return lineEnd;
  const space = text.lastIndexOf(" ", end);
  let cut = space >= 0 && space >= end * 0.9 ? space : graphemeBoundary(text, end);
  const line = text.slice(text.lastIndexOf("\n", cut - 1) + 1, cut);
  // A `&#64;` or `&lt;` cut short shows its pieces; a tag cut short could swallow the note.
  const open = /&#?\w{0,10}$|<[^<>]*$/.exec(line);
  if (open) cut -= open[0].length;
  return cut;
}

/** What the kept text leaves open (a code fence, `<details>` blocks), closed again so the note renders as a note. */
function closers(kept: string): string {
  let fence: string | undefined;
  let details = 0;
  for (const line of kept.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    details += (line.match(/<details[\s>]/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length;
  }
  return (fence !== undefined ? `\n${fence}` : "") + "\n</details>".repeat(Math.max(0, details));
}

/**
 * `text` cut to at most `max` characters (or bytes), ending with a note of what was cut and where the whole is
 * (`fullTextAt`, e.g. a link to the job summary); unchanged when it fits. The cut falls at a line end when one is
 * near, never inside a character, an entity or a tag, and a code fence or `<details>` left open is closed first.
 * Cutting what it returned again changes nothing.
 */
export function capText(text: string, max: number, fullTextAt?: string, unit: LimitUnit = "characters"): string {
  const total = sizeOf(text, unit);
  if (total <= max) return text;
  const what = unit === "bytes" ? "bytes" : "characters";
  const note = (cut: number): string => `\n\n> ✂️ Truncated: ${cut} ${what} were cut; GitHub takes at most ${max}.${fullTextAt ? ` The full text: ${fullTextAt}` : ""}\n`;
  // Characters to keep: start from the room the note leaves, then give back what the closers need (bounded: each
  // round only shrinks the kept text).
  let end = Math.max(0, unit === "bytes" ? new TextDecoder().decode(encoder.encode(text).slice(0, max)).length : max);
  for (let round = 0; round < 8; round++) {
    const cut = cutPoint(text, end);
    const kept = text.slice(0, cut);
    const suffix = closers(kept) + note(total - sizeOf(kept, unit));
    const over = sizeOf(kept, unit) + sizeOf(suffix, unit) - max;
    if (over <= 0 || cut === 0) return kept + suffix;
    end = back(text, cut, over, unit);
  }
  return note(total);
}

/** A title (one line) cut to at most `max` characters, ending with "…" when cut; never inside a character. */
export function capTitle(line: string, max: number): string {
  if (line.length <= max) return line;
  return `${line.slice(0, graphemeBoundary(line, max - 1))}…`;
}
