/**
 * A Conventional Commits 1.0.0 parser (https://www.conventionalcommits.org/en/v1.0.0/#specification).
 * Pure: a message in, a structure (or null for a non-conventional message) out.
 */

export interface Footer {
  /** As written; compare case-insensitively, except BREAKING CHANGE which is uppercase only. */
  token: string;
  separator: ": " | " #";
  value: string;
}

export interface ConventionalHeader {
  /** Lower-cased: types are case-insensitive. */
  type: string;
  scope: string | null;
  /** `!` right before the colon. */
  bang: boolean;
  description: string;
}

export interface ConventionalMessage extends ConventionalHeader {
  header: string;
  /** Free-form body between the header and the footers, trimmed of surrounding blank lines. */
  body: string;
  footers: Footer[];
  breaking: boolean;
  /** The texts of BREAKING CHANGE footers; the description when only `!` marks the change as breaking. */
  breakingNotes: string[];
}

// type, optional (scope), optional !, then the required colon and space, then a non-empty description.
const HEADER = /^([A-Za-z][A-Za-z0-9_-]*)(?:\(([^()\r\n]+)\))?(!)?: (.*\S.*)$/;
// `Token: value` or `Token #value`; tokens use - for spaces, except BREAKING CHANGE.
const FOOTER = /^(BREAKING CHANGE|[A-Za-z0-9][A-Za-z0-9-]*)(: | #)(.*)$/;

export function parseHeader(header: string): ConventionalHeader | null {
  const match = HEADER.exec(header);
  if (!match) return null;
  return {
    type: match[1]!.toLowerCase(),
    scope: match[2]?.trim() || null,
    bang: match[3] === "!",
    description: match[4]!.trim(),
  };
}

/** The spec: BREAKING CHANGE MUST be uppercase; BREAKING-CHANGE is its synonym. */
export function isBreakingToken(token: string): boolean {
  return token === "BREAKING CHANGE" || token === "BREAKING-CHANGE";
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end).join("\n");
}

/**
 * Footers begin at the first paragraph whose first line is a `Token: value` / `Token #value` line. A BREAKING
 * CHANGE line starts them even without the blank line before it: missing a breaking change would cut a wrong
 * version, and conventional-changelog and semantic-release read it there too.
 */
function footerStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const match = FOOTER.exec(lines[i]!);
    if (!match) continue;
    const startsParagraph = i === 0 || lines[i - 1]!.trim() === "";
    if (startsParagraph || isBreakingToken(match[1]!)) return i;
  }
  return lines.length;
}

export function parseFooters(lines: string[]): Footer[] {
  const footers: { token: string; separator: Footer["separator"]; lines: string[] }[] = [];
  for (const line of lines) {
    const match = FOOTER.exec(line);
    if (match) footers.push({ token: match[1]!, separator: match[2] as Footer["separator"], lines: [match[3]!] });
    else footers.at(-1)?.lines.push(line);
  }
  return footers.map((f) => ({ token: f.token, separator: f.separator, value: trimBlankLines(f.lines) }));
}

/** Splits a raw message into header and the lines after it (blank lines before the header dropped). */
export function splitMessage(message: string): { header: string; rest: string[] } {
  const lines = (message.includes("\r") ? message.replace(/\r\n?/g, "\n") : message).split("\n");
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === "") first++;
  return { header: (lines[first] ?? "").trim(), rest: lines.slice(first + 1) };
}

/** Parses a message already split by splitMessage (callers that split once reuse the lines). */
export function parseSplitMessage(header: string, rest: string[]): ConventionalMessage | null {
  const parsed = parseHeader(header);
  if (!parsed) return null;
  const start = footerStart(rest);
  const footers = parseFooters(rest.slice(start));
  const notes = footers.filter((f) => isBreakingToken(f.token)).map((f) => f.value);
  return {
    ...parsed,
    header,
    body: trimBlankLines(rest.slice(0, start)),
    footers,
    breaking: parsed.bang || notes.length > 0,
    breakingNotes: notes.length > 0 ? notes : parsed.bang ? [parsed.description] : [],
  };
}

export function parseConventionalMessage(message: string): ConventionalMessage | null {
  const { header, rest } = splitMessage(message);
  return parseSplitMessage(header, rest);
}
