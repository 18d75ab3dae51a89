import { referencesInLine, type IssueReference } from "./references.ts";

/**
 * Commit messages read the way conventional-commits-parser reads them with conventional-changelog's
 * conventionalcommits preset, so that versions and changelogs agree with those tools line by line: the header
 * `type(scope)!: subject`; BREAKING CHANGE / BREAKING-CHANGE notes wherever such a line starts (text on the same
 * line or the lines below); issue references in the header and in the footer, which starts at the first line
 * after the header that carries one; GitHub's revert forms (`Revert "..."`, `revert: ...`, with "This reverts
 * commit X."); `Release-As:` as release-please writes it. Pure and linear in the message's length.
 */

export interface Note {
  title: string;
  text: string;
}

export interface RevertTarget {
  /** The header of the reverted commit, as the revert quotes it. */
  header: string | null;
  /** The hash from "This reverts commit <hash>.". */
  hash: string | null;
}

export interface ParsedMessage {
  /** The first line, as written. */
  header: string;
  /** As written (conventional-changelog compares types case-insensitively when it picks a section). */
  type: string | null;
  scope: string | null;
  subject: string | null;
  /** `!` right before the colon. */
  bang: boolean;
  /** Breaking-change notes; a `!` header without one gives a note with the subject. */
  notes: Note[];
  references: IssueReference[];
  body: string | null;
  footer: string | null;
  revert: RevertTarget | null;
  /** The version of a `Release-As: X.Y.Z` line, or null. */
  releaseAs: string | null;
}

export interface ParseOptions {
  /** What starts an issue reference (conventional-changelog's issuePrefixes), default `#`. */
  issuePrefixes: readonly string[];
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = { issuePrefixes: ["#"] };

// The preset's header patterns; `(\w*)` and the greedy scope are kept as they are so that odd headers split alike.
const BREAKING_HEADER = /^(\w*)(?:\((.*)\))?!: (.*)$/;
const HEADER = /^(\w*)(?:\((.*)\))?!?: (.*)$/;
const NOTE = /^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)/i;
/** Every line NOTE matches has this word (the same case-insensitive match). */
const BREAKING_WORD = /breaking/i;
/** A `-name-` line starts a field: the parser files the lines after it away from body, footer and notes. */
const FIELD = /^-(.*?)-$/;
const GPG_LINE = /^\s*gpg:/;
const REVERT = /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\./i;
const RELEASE_AS = /release-as:\s*\w*@?([0-9]+\.[0-9]+\.[0-9a-z]+(-[0-9a-z.]+)?)\s*/i;

export interface ConventionalHeader {
  type: string;
  scope: string | null;
  bang: boolean;
  subject: string;
}

/** The header's parts, or null when it is not `type(scope)!: subject`. */
export function parseHeader(header: string): ConventionalHeader | null {
  // Only a header with "!: " can match the breaking form: the other one then needs one match, not two.
  const breaking = header.includes("!: ") ? BREAKING_HEADER.exec(header) : null;
  const match = breaking ?? HEADER.exec(header);
  if (!match) return null;
  return { type: match[1]!, scope: match[2] || null, bang: breaking !== null, subject: match[3]! };
}

function trimNewLines(text: string): string {
  let start = 0;
  let end = text.length;
  // 10 and 13: \n and \r.
  while (start < end && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function appendLine(text: string | null, line: string): string {
  return text ? `${text}\n${line}` : line;
}

/** One pass over the lines after the header, as the parser's body / notes / footer states go. */
class LineReader {
  private index = 1;
  body: string | null = null;
  footer: string | null = null;
  readonly notes: Note[] = [];
  readonly references: IssueReference[] = [];
  private readonly lines: readonly string[];
  private readonly options: ParseOptions;
  /** Whether any line may start a breaking-change note: most messages have none, and no line is matched then. */
  private readonly mayHaveNotes: boolean;

  constructor(lines: readonly string[], options: ParseOptions, mayHaveNotes: boolean) {
    this.lines = lines;
    this.options = options;
    this.mayHaveNotes = mayHaveNotes;
  }

  private get available(): boolean {
    return this.index < this.lines.length;
  }

  private get line(): string {
    return this.lines[this.index]!;
  }

  private referencesOf(line: string): IssueReference[] {
    const found: IssueReference[] = [];
    referencesInLine(line, this.options.issuePrefixes, found);
    return found;
  }

  /** Lines after a `-name-` line belong to that field: skipped. True when it skipped any. */
  private skipFields(): boolean {
    let inField = false;
    let skipped = false;
    while (this.available) {
      const field = this.line.charCodeAt(0) === 45 ? FIELD.exec(this.line) : null;
      if (field) {
        inField = Boolean(field[1]);
        this.index++;
        continue;
      }
      if (!inField) break;
      skipped = true;
      this.index++;
    }
    return skipped;
  }

  private readNote(): boolean {
    if (!this.available || !this.mayHaveNotes) return false;
    const match = NOTE.exec(this.line);
    if (!match) return false;
    const note: Note = { title: match[1]!, text: match[2]! };
    this.notes.push(note);
    this.footer = appendLine(this.footer, this.line);
    this.index++;
    while (this.available) {
      if (this.skipFields() || this.readNote()) return true;
      const references = this.referencesOf(this.line);
      if (references.length > 0) this.references.push(...references);
      else note.text = appendLine(note.text, this.line);
      this.footer = appendLine(this.footer, this.line);
      this.index++;
      if (references.length > 0) break;
    }
    return true;
  }

  private readBodyOrFooter(inBody: boolean): boolean {
    if (!this.available) return inBody;
    const references = this.referencesOf(this.line);
    const stillBody = inBody && references.length === 0;
    if (stillBody) this.body = appendLine(this.body, this.line);
    else {
      this.references.push(...references);
      this.footer = appendLine(this.footer, this.line);
    }
    this.index++;
    return stillBody;
  }

  read(): void {
    let inBody = true;
    while (this.available) {
      this.skipFields();
      if (this.readNote()) inBody = false;
      if (!this.readBodyOrFooter(inBody)) inBody = false;
    }
  }
}

/** A fresh array in, without its repeated keys; most messages have one reference or none, left as they are. */
function uniqueReferences(references: IssueReference[]): IssueReference[] {
  if (references.length <= 1) return references;
  const seen = new Set<string>();
  return references.filter((reference) => !seen.has(reference.key) && Boolean(seen.add(reference.key)));
}

export function parseCommitMessage(message: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedMessage {
  const trimmed = trimNewLines(message);
  let lines = trimmed.includes("\r") ? trimmed.split(/\r?\n/) : trimmed.includes("\n") ? trimmed.split("\n") : [trimmed];
  if (trimmed.includes("gpg:")) lines = lines.filter((line) => !GPG_LINE.test(line));
  const header = lines[0] ?? "";
  const parsed = header ? parseHeader(header) : null;
  const headerReferences: IssueReference[] = [];
  if (header) referencesInLine(header, options.issuePrefixes, headerReferences);
  const reader = new LineReader(lines, options, lines.length > 1 && BREAKING_WORD.test(trimmed));
  reader.read();
  const notes = reader.notes.map((note) => ({ title: note.title, text: trimNewLines(note.text) }));
  if (notes.length === 0 && parsed?.bang) notes.push({ title: "BREAKING CHANGE", text: parsed.subject });
  const body = reader.body === null ? null : trimNewLines(reader.body);
  const footer = reader.footer === null ? null : trimNewLines(reader.footer);
  const revert = REVERT.exec(message);
  const releaseAs = (footer !== null && RELEASE_AS.exec(footer)) || (body !== null && RELEASE_AS.exec(body)) || null;
  return {
    header,
    // The parser's empty matches are nulls (`: x` has no type, `feat: ` no subject).
    type: parsed?.type || null,
    scope: parsed?.scope ?? null,
    subject: parsed?.subject || null,
    bang: parsed?.bang ?? false,
    notes,
    references: uniqueReferences([...headerReferences, ...reader.references]),
    body: body || null,
    footer: footer || null,
    revert: revert ? { header: revert[1] || null, hash: revert[2] || null } : null,
    releaseAs: releaseAs ? releaseAs[1]! : null,
  };
}
