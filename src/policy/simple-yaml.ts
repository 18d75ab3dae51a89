/**
 * A parser for the small part of YAML that policy files are written in: block mappings and sequences, one-line
 * flow collections and one-line scalars. Loading and warming up the full YAML parser costs about as much as an
 * action's whole start-up, so the policy file is read with this first. It answers only when it is sure to give
 * what `parseDocument(text, { uniqueKeys: true }).toJS()` of the `yaml` package gives (YAML 1.2, core schema);
 * on anything else (anchors, tags, multi-line flow or quoted scalars, duplicate keys, tabs, escapes...) it
 * returns undefined and the caller uses the full parser, which also words the errors. Block scalars (`|`, `>-`:
 * the PromQL queries of rollback rules) are read in their plain form: lines at one indentation, no blank line
 * inside, clipped or stripped.
 */

/** Thrown inside to give up: the text needs the full parser. */
class Declined extends Error {}

function decline(): never {
  throw new Declined();
}

interface Line {
  /** False for blank lines, comment lines and a leading `---`: skipped, except inside a block scalar. */
  content: boolean;
  indent: number;
  /** The line without its indentation and trailing spaces. */
  text: string;
  /** The line as written (without its CR), for block scalars. */
  raw: string;
}

// Characters the full parser rejects or treats as line breaks, and tabs (indentation and separation both).
// eslint-disable-next-line no-control-regex
const UNSURE_CHARACTER = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\u2028\u2029\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// YAML separates with spaces only (tabs are declined): String.trim would also take U+00A0 and other Unicode spaces.
const LEADING_SPACES = /^ +/;
const TRAILING_SPACES = / +$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?: |$)/;
const FLOW_INDICATORS = ",[]{}";
// Characters that cannot start a plain scalar (`-` can, before a non-space: handled apart).
const NOT_PLAIN_START = "?:,[]{}#&*!|>'\"%@`";

export function parseSimpleYaml(text: string): { value: unknown } | undefined {
  try {
    return { value: new SimpleYamlParser(linesOf(text)).document() };
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

/** The lines of the text, those that are not content (blank, comment, a leading `---`) marked so. */
function linesOf(text: string): Line[] {
  // A CR is taken only as part of a CRLF line break.
  if (UNSURE_CHARACTER.test(text) || /\r(?!\n)/.test(text)) decline();
  const lines: Line[] = [];
  let started = false;
  for (const written of text.split("\n")) {
    const raw = written.endsWith("\r") ? written.slice(0, -1) : written;
    const unindented = raw.replace(LEADING_SPACES, "");
    const indent = raw.length - unindented.length;
    const trimmed = unindented.replace(TRAILING_SPACES, "");
    let content = trimmed !== "" && !trimmed.startsWith("#");
    if (content && indent === 0 && DOCUMENT_MARKER.test(trimmed)) {
      // Only a first `---` alone on its line: a second one starts another document.
      if (trimmed !== "---" || started) decline();
      content = false;
      started = true;
    }
    started ||= content;
    lines.push({ content, indent, text: trimmed, raw });
  }
  return lines;
}

const isSequenceEntry = (text: string): boolean => text === "-" || text.startsWith("- ");

/** What the core schema makes of a plain scalar: the `yaml` package's tag tests in its order, resolved as it does. */
function resolvePlain(source: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === "t" || source[0] === "T";
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    if (source.slice(-3).toLowerCase() === "nan") return NaN;
    return source[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return source;
}

/** A plain scalar as the full parser would read it, or a decline where it might read it otherwise. */
function plainScalar(source: string): string {
  if (source === "") decline();
  const first = source[0]!;
  if (NOT_PLAIN_START.includes(first)) decline();
  if (first === "-" && (source.length === 1 || source[1] === " ")) decline();
  if (source.includes(": ") || source.endsWith(":")) decline();
  if (source === "<<") decline();
  return source;
}

/** A key: a plain scalar that the core schema reads as a string (not `1`, `true`, `null`...), or a quoted one. */
function plainKey(source: string): string {
  const key = plainScalar(source);
  if (typeof resolvePlain(key) !== "string") decline();
  return key;
}

/** Adds a key as toJS() does: an inherited name (`__proto__`, `toString`) becomes an own property. */
function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(map, key)) decline();
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** A quoted scalar starting at `start`, on one line; double-quoted ones without escapes. */
function quotedScalar(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote === '"') {
    const close = text.indexOf('"', start + 1);
    if (close === -1) decline();
    const value = text.slice(start + 1, close);
    if (value.includes("\\")) decline();
    return { value, end: close + 1 };
  }
  let value = "";
  let from = start + 1;
  for (;;) {
    const close = text.indexOf("'", from);
    if (close === -1) decline();
    value += text.slice(from, close);
    if (text[close + 1] !== "'") return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** After a value on its line, only spaces and a comment may follow. */
function expectLineEnd(text: string, at: number): void {
  if (!/^(?: +#.*)?$/.test(text.slice(at))) decline();
}

/** Flow collections and their scalars, all on one line. */
class FlowReader {
  readonly text: string;
  at: number;
  constructor(text: string, start: number) {
    this.text = text;
    this.at = start;
  }

  skipSpaces(): void {
    while (this.text[this.at] === " ") this.at++;
  }

  node(): unknown {
    this.skipSpaces();
    const char = this.text[this.at];
    if (char === "[") return this.sequence();
    if (char === "{") return this.mapping();
    return resolvedOrQuoted(this.scalar());
  }

  scalar(): { quoted: string } | { plain: string } {
    const { text } = this;
    const char = text[this.at];
    if (char === "'" || char === '"') {
      const { value, end } = quotedScalar(text, this.at);
      this.at = end;
      return { quoted: value };
    }
    let end = this.at;
    for (; end < text.length; end++) {
      const c = text[end]!;
      if (FLOW_INDICATORS.includes(c)) break;
      if (c === ":" && (end + 1 === text.length || text[end + 1] === " " || FLOW_INDICATORS.includes(text[end + 1]!))) break;
      if (c === "#" && text[end - 1] === " ") decline();
    }
    const plain = plainScalar(text.slice(this.at, end).replace(TRAILING_SPACES, ""));
    this.at = end;
    return { plain };
  }

  sequence(): unknown[] {
    this.at++;
    const items: unknown[] = [];
    this.skipSpaces();
    if (this.text[this.at] === "]") {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.node());
      this.skipSpaces();
      const char = this.text[this.at++];
      if (char === "]") return items;
      if (char !== ",") decline();
      this.skipSpaces();
      if (this.text[this.at] === "]") decline();
    }
  }

  mapping(): Record<string, unknown> {
    this.at++;
    const map: Record<string, unknown> = {};
    this.skipSpaces();
    if (this.text[this.at] === "}") {
      this.at++;
      return map;
    }
    for (;;) {
      this.skipSpaces();
      if (this.text[this.at] === "[" || this.text[this.at] === "{") decline();
      const scalar = this.scalar();
      const key = "quoted" in scalar ? scalar.quoted : plainKey(scalar.plain);
      if (this.text[this.at] !== ":" || this.text[this.at + 1] !== " ") decline();
      this.at += 2;
      this.skipSpaces();
      const next = this.text[this.at];
      if (next === undefined || next === "," || next === "}") decline();
      setKey(map, key, this.node());
      this.skipSpaces();
      const char = this.text[this.at++];
      if (char === "}") return map;
      if (char !== ",") decline();
      this.skipSpaces();
      if (this.text[this.at] === "}") decline();
    }
  }
}

function resolvedOrQuoted(scalar: { quoted: string } | { plain: string }): unknown {
  return "quoted" in scalar ? scalar.quoted : resolvePlain(scalar.plain);
}

/** A value that ends on its line: quoted, flow or plain scalar. */
function inlineValue(text: string): unknown {
  const first = text[0];
  if (first === "'" || first === '"') {
    const { value, end } = quotedScalar(text, 0);
    expectLineEnd(text, end);
    return value;
  }
  if (first === "[" || first === "{") {
    const reader = new FlowReader(text, 0);
    const value = reader.node();
    expectLineEnd(text, reader.at);
    return value;
  }
  const comment = text.indexOf(" #");
  return resolvePlain(plainScalar((comment === -1 ? text : text.slice(0, comment)).replace(TRAILING_SPACES, "")));
}

/** `key: rest` split at the key's colon, or undefined when the line is not a mapping entry. */
function mappingEntry(text: string): { key: string; rest: string } | undefined {
  const first = text[0];
  if (first === "'" || first === '"') {
    const { value, end } = quotedScalar(text, 0);
    if (text[end] !== ":" || (end + 1 < text.length && text[end + 1] !== " ")) return undefined;
    return { key: value, rest: text.slice(end + 1).replace(LEADING_SPACES, "") };
  }
  if (first === "[" || first === "{") return undefined;
  for (let at = 0; at < text.length; at++) {
    if (text[at] === "#" && text[at - 1] === " ") return undefined;
    if (text[at] === ":" && (at + 1 === text.length || text[at + 1] === " ")) {
      const source = text.slice(0, at);
      if (source.endsWith(" ")) decline();
      return { key: plainKey(source), rest: text.slice(at + 1).replace(LEADING_SPACES, "") };
    }
  }
  return undefined;
}

/**
 * Each collection takes only the lines at its own indentation, and a value below a key or dash only more-indented
 * ones: a line that fits nowhere (a continuation, a stray indentation) is left over, and declines the document.
 */
class SimpleYamlParser {
  private readonly lines: Line[];
  private at = 0;
  constructor(lines: Line[]) {
    this.lines = lines;
  }

  document(): unknown {
    if (!this.next()) return null;
    const value = this.node();
    if (this.next()) decline();
    return value;
  }

  /** The next content line, the lines before it passed. */
  private next(): Line | undefined {
    while (this.at < this.lines.length && !this.lines[this.at]!.content) this.at++;
    return this.lines[this.at];
  }

  /** The node whose first line is the next one, at that line's indentation. */
  private node(): unknown {
    const line = this.next()!;
    if (isSequenceEntry(line.text)) return this.sequence(line.indent);
    if (mappingEntry(line.text)) return this.mapping(line.indent);
    this.at++;
    return inlineValue(line.text);
  }

  /** The value after `key:` or `-` with nothing more on the line: a block below, or null. */
  private blockBelow(indent: number, sequenceMayShareIndent: boolean): unknown {
    const next = this.next();
    if (next && next.indent > indent) return this.node();
    if (next && sequenceMayShareIndent && next.indent === indent && isSequenceEntry(next.text)) return this.sequence(indent);
    return null;
  }

  /** The value after `key: ` or `- `, its line passed: a block scalar, or what is on the line. */
  private valueAfter(rest: string, indent: number): unknown {
    return rest.startsWith("|") || rest.startsWith(">") ? this.blockScalar(rest, indent) : inlineValue(rest);
  }

  /**
   * A block scalar whose header (`|`, `|-`, `>` or `>-`) ends the line just passed, in a collection at `indent`.
   * Declined: indentation and keep indicators, blank lines inside, lines of spaces, trailing spaces, and in a
   * folded scalar more-indented lines (all of them change how lines are joined).
   */
  private blockScalar(header: string, indent: number): string {
    const match = /^([|>])(-?)(?: +#.*)?$/.exec(header);
    if (!match) decline();
    const folded = match[1] === ">";
    const texts: string[] = [];
    let contentIndent: number | undefined;
    let blankBefore = false;
    for (; this.at < this.lines.length; this.at++) {
      const { raw, indent: lineIndent, text } = this.lines[this.at]!;
      if (raw === "") {
        blankBefore = true;
        continue;
      }
      if (text === "") decline();
      if (lineIndent <= indent || (contentIndent !== undefined && lineIndent < contentIndent)) break;
      contentIndent ??= lineIndent;
      if (blankBefore || raw.endsWith(" ") || (folded && lineIndent > contentIndent)) decline();
      texts.push(raw.slice(contentIndent));
    }
    if (texts.length === 0) decline();
    // Clipped, the last line break is kept: the yaml package adds it even where the text ends without one.
    return texts.join(folded ? " " : "\n") + (match[2] === "-" ? "" : "\n");
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let line = this.next(); line && line.indent === indent && isSequenceEntry(line.text); line = this.next()) {
      const rest = line.text.slice(1);
      const content = rest.replace(LEADING_SPACES, "");
      if (content === "" || content.startsWith("#")) {
        this.at++;
        items.push(this.blockBelow(indent, false));
      } else if (content.startsWith("|") || content.startsWith(">")) {
        this.at++;
        items.push(this.blockScalar(content, indent));
      } else {
        if (isSequenceEntry(content)) decline();
        // `- key: value` starts a mapping at the column of its key: read the rest as a line of its own.
        this.lines[this.at] = { ...line, indent: indent + 1 + rest.length - content.length, text: content };
        items.push(this.node());
      }
    }
    return items;
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.next(); line && line.indent === indent; line = this.next()) {
      const entry = mappingEntry(line.text);
      if (!entry) decline();
      this.at++;
      const value = entry.rest === "" || entry.rest.startsWith("#") ? this.blockBelow(indent, true) : this.valueAfter(entry.rest, indent);
      setKey(map, entry.key, value);
    }
    return map;
  }
}
