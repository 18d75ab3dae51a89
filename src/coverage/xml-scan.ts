import { closeSync, openSync, readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { openReport } from "./read-lines.ts";
import type { Counter } from "./model.ts";
import type { XmlAttributes, XmlHandler, XmlLocation, XmlNumericElement } from "./xml.ts";

/**
 * A streaming XML tag scanner for coverage reports, working on bytes.
 *
 * Why not saxes (a conforming parser, installed): on a 50 MB Cobertura file saxes alone, with no
 * handler at all, costs ~10x the floor of reading the file and counting its lines (it decodes the
 * whole file to a string and walks it character by character, building an attribute object per
 * tag), so the target of 2.5x the floor was out of reach. This scanner walks the bytes once, interns
 * element and attribute names, recognises an element's attributes spelled as in its previous tag
 * (`number="` ... `hits="`) four bytes per comparison, and decodes an attribute only when a handler
 * asks for it (numbers straight from the bytes); an error's line is counted only when one is reported.
 * The one element that makes up nearly all of a report, in its usual spelling (Cobertura's
 * `<line number="12" hits="3"/>`, see XmlNumericElement), skips even the attribute tables: about a third
 * of the parse time on large reports. test/coverage/parse-xml-scan.test.ts proves it produces the same
 * events as saxes on every XML fixture, with and without that element, and rejects what saxes rejects
 * among the hostile ones.
 *
 * What it checks, because a report is untrusted: tags nest and match; one root element; no text
 * outside it; attribute syntax (quoted values, no "<" in them, no duplicates); entity references
 * are XML's five predefined ones and character references, anything else is an error, never
 * expanded; a DOCTYPE with an internal subset (the only place entities can be declared: billion
 * laughs, external entities) is refused, while the plain DOCTYPE lines that coverage tools write
 * (`<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">`) are accepted
 * and nothing is ever fetched; NUL bytes are refused; a file that ends inside a tag or before its
 * root element closes is truncated, an error. Memory is one read buffer plus the longest construct.
 */

const CHUNK_BYTES = 1 << 20;
const MAX_CONSTRUCT_BYTES = 64 << 20;
const NEED_MORE = -1;
const NAME_CACHE_SLOTS = 1024;

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUESTION = 63;
const BANG = 33;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const AMPERSAND = 38;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Byte classes as lookup tables: one load per byte instead of a chain of comparisons in the hot loops. */
const SPACE = new Uint8Array(256);
const NAME_END = new Uint8Array(256);
for (const byte of [32, 10, 9, 13]) SPACE[byte] = 1;
for (let byte = 0; byte <= 32; byte++) NAME_END[byte] = 1;
for (const byte of [SLASH, GT, EQUALS, QUESTION]) NAME_END[byte] = 1;
/** Bytes that end the scan of an attribute value: its quote, and "<" and "&" that need a look. */
const DOUBLE_QUOTED_STOP = new Uint8Array(256);
const SINGLE_QUOTED_STOP = new Uint8Array(256);
for (const byte of [QUOTE, LT, AMPERSAND]) DOUBLE_QUOTED_STOP[byte] = 1;
for (const byte of [APOSTROPHE, LT, AMPERSAND]) SINGLE_QUOTED_STOP[byte] = 1;

function isSpace(byte: number): boolean {
  return SPACE[byte] === 1;
}

function endsName(byte: number): boolean {
  return NAME_END[byte] === 1;
}

function startsName(byte: number): boolean {
  return (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte === 95 || byte === 58 || byte >= 128;
}

/**
 * How the last tag of one element spelled its attributes: their interned names in order and, per name, the bytes
 * `name="` (or `name='`), which the next tag of the element most likely repeats byte for byte.
 */
interface Layout {
  name: string;
  nameBytes: Pattern;
  attributes: string[];
  /** NO_PATTERN where the tag had spaces around "=": the general path reads those. */
  patterns: Pattern[];
}

/** Bytes to compare with, also as little-endian 32-bit words: four bytes per comparison. */
interface Pattern {
  length: number;
  bytes: Buffer;
  words: Uint32Array;
}

function patternOf(bytes: Buffer): Pattern {
  const copy = Buffer.from(bytes);
  const words = new Uint32Array(copy.length >> 2);
  for (let index = 0; index < words.length; index++) words[index] = copy.readUInt32LE(4 * index);
  return { length: copy.length, bytes: copy, words };
}

/** A handler's numeric element as bytes: `<name first="` after the "<", then `" second="`. */
interface NumericSpelling {
  element: XmlNumericElement;
  /** The names, interned: compared with the scanned tags' by pointer (see `intern`). */
  name: string;
  nameByteLength: number;
  attributes: [string, string];
  head: Pattern;
  middle: Pattern;
  /** The two attributes as a layout spells them: `first="` and `second="`. */
  patterns: [Pattern, Pattern];
}

function numericSpelling(element: XmlNumericElement | undefined): NumericSpelling | null {
  if (element === undefined) return null;
  if (element.first === element.second) throw new Error(`numeric element <${element.name}> names one attribute twice`);
  return {
    element,
    name: internalized(element.name),
    nameByteLength: Buffer.byteLength(element.name),
    attributes: [internalized(element.first), internalized(element.second)],
    head: patternOf(Buffer.from(`${element.name} ${element.first}="`)),
    middle: patternOf(Buffer.from(`" ${element.second}="`)),
    patterns: [patternOf(Buffer.from(`${element.first}="`)), patternOf(Buffer.from(`${element.second}="`))],
  };
}

/** Not the handler's numeric element as it spells it: the general path reads the tag. */
const NOT_NUMERIC = -2;

/** Matches nothing: an attribute name is never empty. */
const NO_PATTERN = patternOf(Buffer.alloc(0));

/** Whether the scanned bytes at `start` (before `end`) begin with `pattern` (false for an empty one). */
function startsWith(view: DataView, buffer: Buffer, start: number, end: number, pattern: Pattern): boolean {
  const length = pattern.length;
  if (length === 0 || start + length > end) return false;
  const words = pattern.words;
  let index = 0;
  for (; index < words.length; index++) if (view.getUint32(start + 4 * index, true) !== words[index]) return false;
  const bytes = pattern.bytes;
  for (index *= 4; index < length; index++) if (buffer[start + index] !== bytes[index]) return false;
  return true;
}

/**
 * Where the next "<" is from `from` in the bytes before `end` (-1: none), past text or a gap longer than `step`'s
 * short look. Out of `step`: rarely taken, so compiled there it would only make `step`'s compilations longer.
 */
function nextTag(buffer: Buffer, from: number, shortLimit: number, end: number): number {
  let lt = from;
  while (lt < shortLimit && buffer[lt] !== LT) lt++;
  if (lt < shortLimit) return lt;
  lt = lt < end ? buffer.indexOf(LT, lt) : -1;
  return lt >= end ? -1 : lt;
}

class Scanner implements XmlAttributes {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  /** The buffer's bytes, for reading four at a time. */
  private view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length);
  private end = 0;
  private position = 0;
  private eof = false;
  /** File offset of buffer[0]: the bytes already handled and dropped from the front. */
  private bytesBefore = 0;
  /** Start of the construct being handled, for line numbers in errors. */
  private current = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private sawDoctype = false;
  /** Attributes of the tag being handled, as byte offsets: names are compared, values decoded, only on request. */
  private attributeCount = 0;
  /** Interned (see `intern`): the lookups of `indexOf` and the duplicate check compare pointers, not bytes. */
  private readonly attributeNames: string[] = [];
  /** Per element name, its attributes as the last such tag spelled them; the last element's, at hand. */
  private readonly layouts = new Map<string, Layout>();
  private lastLayout: Layout | null = null;
  private readonly valueStarts: number[] = [];
  private readonly valueEnds: number[] = [];
  private readonly names: (string | undefined)[] = new Array<string | undefined>(NAME_CACHE_SLOTS);
  private readonly nameBytes: (Buffer | undefined)[] = new Array<Buffer | undefined>(NAME_CACHE_SLOTS);
  private readonly location: XmlLocation;
  private readonly handler: XmlHandler;
  private readonly numeric: NumericSpelling | null;
  /** The numeric element's layout, for its tags with more attributes. */
  private numericLayout: Layout | null = null;

  constructor(file: string, location: XmlLocation, handler: XmlHandler) {
    this.location = location;
    this.handler = handler;
    this.numeric = numericSpelling(handler.numericElement);
    // Counting newlines while scanning cost as much as reading the file: an error's line is counted when asked for.
    location.lineOf = () => 1 + newlinesBefore(file, this.bytesBefore + this.current);
  }

  async scan(handle: FileHandle): Promise<void> {
    let atStart = true;
    for (;;) {
      if (this.position > 0) this.compact();
      if (this.end === this.buffer.length) this.grow();
      const { bytesRead } = await handle.read(this.buffer, this.end, this.buffer.length - this.end, null);
      const nul = bytesRead > 0 ? this.buffer.indexOf(0, this.end) : -1;
      if (nul !== -1 && nul < this.end + bytesRead) {
        this.current = nul;
        this.location.fail("binary data (a NUL byte) in an XML report");
      }
      this.end += bytesRead;
      this.eof = bytesRead === 0;
      if (atStart && (this.end >= 3 || this.eof)) {
        atStart = false;
        if (this.buffer[0] === 0xef && this.buffer[1] === 0xbb && this.buffer[2] === 0xbf) this.position = 3;
      }
      if (!atStart) this.position = this.step();
      if (this.eof) break;
    }
    this.current = this.end;
    if (this.stack.length > 0) this.location.fail(`the file ends before </${this.stack[this.stack.length - 1]}>: the report is truncated`);
    if (!this.sawRoot) this.location.fail("XML without a root element");
  }

  /** Handles the complete constructs in the buffer; returns where the first incomplete one starts. */
  private step(): number {
    const buffer = this.buffer;
    const end = this.end;
    // Nothing is read or written on `this` after the loop: the loop is compiled on stack replacement,
    // and a property access it has no type feedback for would throw the compiled code away at every exit.
    const eof = this.eof;
    const numeric = this.numeric;
    let position = this.position;
    while (position < end) {
      // Between tags there is mostly a little indentation: a short loop beats a native call there, and
      // whitespace alone needs no look at references or the root unless the handler wants the text.
      let lt = position;
      const shortLimit = Math.min(end, position + 32);
      while (lt < shortLimit && SPACE[buffer[lt]!] === 1) lt++;
      // A read that ends in whitespace waits for the next one. Tested here, on every turn, rather than as a
      // case of the search below: that branch is taken too rarely to have type feedback when `step` is compiled,
      // and the first read ending in a gap would then throw the compiled `step` away.
      if (lt === end && !eof) break;
      const plainGap = lt < shortLimit && buffer[lt] === LT;
      if (!plainGap) {
        lt = nextTag(buffer, lt, shortLimit, end);
        if (lt === -1) {
          if (!eof) break;
          this.current = position;
          this.text(position, end);
          position = end;
          break;
        }
      }
      if (lt > position && (!plainGap || this.handler.wantsText())) {
        this.current = position;
        this.text(position, lt);
      }
      this.current = lt;
      let next = numeric === null ? NOT_NUMERIC : this.numericTags(lt, numeric);
      if (next === NOT_NUMERIC) next = this.construct(lt);
      if (next === NEED_MORE) {
        if (eof) this.location.fail("the file ends inside a tag: the report is truncated");
        position = lt;
        break;
      }
      position = next;
    }
    return position;
  }

  private construct(lt: number): number {
    const buffer = this.buffer;
    if (lt + 1 >= this.end) return NEED_MORE;
    const second = buffer[lt + 1]!;
    if (second === SLASH) return this.endTag(lt);
    if (second === QUESTION) return this.processingInstruction(lt);
    if (second === BANG) return this.markup(lt);
    return this.startTag(lt);
  }

  private startTag(lt: number): number {
    const buffer = this.buffer;
    const end = this.end;
    let cursor = lt + 1;
    if (!startsName(buffer[cursor]!)) this.location.fail(`invalid tag name after "<"`);
    let name: string;
    let layout = this.lastLayout;
    const view = this.view;
    if (layout !== null && startsWith(view, buffer, cursor, end, layout.nameBytes) && cursor + layout.nameBytes.length < end && endsName(buffer[cursor + layout.nameBytes.length]!)) {
      name = layout.name;
      cursor += layout.nameBytes.length;
    } else {
      for (; cursor < end && !endsName(buffer[cursor]!); cursor++);
      if (cursor >= end) return NEED_MORE;
      name = this.intern(lt + 1, cursor);
      layout = this.layoutOf(name, lt + 1, cursor);
      this.lastLayout = layout;
    }
    return this.attributesAndOpen(name, layout, cursor, 0);
  }

  /**
   * Reads the attributes of a start tag from `cursor`, after the tag's first `known` ones (spelled as the first
   * of `layout`, their offsets already in place), then reports the element; returns the position after the tag.
   */
  private attributesAndOpen(name: string, layout: Layout, from: number, known: number): number {
    const buffer = this.buffer;
    const end = this.end;
    const view = this.view;
    let cursor = from;
    const patterns = layout.patterns;
    const names = this.attributeNames;
    /** Attributes [0, matched) spelled the element's last layout: distinct, as that tag's were, so not compared. */
    let matched = known;
    let count = known;
    let selfClosing = false;
    for (;;) {
      const beforeSpace = cursor;
      while (cursor < end && isSpace(buffer[cursor]!)) cursor++;
      if (cursor >= end) return NEED_MORE;
      const byte = buffer[cursor]!;
      if (byte === GT) {
        cursor++;
        break;
      }
      if (byte === SLASH) {
        if (cursor + 1 >= end) return NEED_MORE;
        if (buffer[cursor + 1] !== GT) this.location.fail(`"/" not followed by ">" in <${name}>`);
        selfClosing = true;
        cursor += 2;
        break;
      }
      if (cursor === beforeSpace) this.location.fail(`attributes of <${name}> must be separated by whitespace`);
      let quote: number;
      let attributeName: string;
      const pattern = matched === count && count < patterns.length ? patterns[count]! : null;
      if (pattern !== null && startsWith(view, buffer, cursor, end, pattern)) {
        // The bytes `name="` of the same attribute as last time: a name, its end, "=" and the quote in one comparison.
        attributeName = layout.attributes[count]!;
        quote = pattern.bytes[pattern.length - 1]!;
        cursor += pattern.length;
        matched++;
      } else {
        cursor = this.attributeSpelledAnew(name, layout, cursor, count);
        if (cursor === NEED_MORE) return NEED_MORE;
        attributeName = names[count]!;
        quote = buffer[cursor - 1]!;
      }
      // Values are short: one pass finds the closing quote, stopping on "<" and "&" on the way.
      const stops = quote === QUOTE ? DOUBLE_QUOTED_STOP : SINGLE_QUOTED_STOP;
      let close = cursor;
      let entities = false;
      for (;;) {
        while (close < end && stops[buffer[close]!] === 0) close++;
        if (close >= end) return NEED_MORE;
        const stop = buffer[close]!;
        if (stop === quote) break;
        if (stop === LT) this.location.fail(`"<" in an attribute value of <${name}>`);
        entities = true;
        close++;
      }
      names[count] = attributeName;
      this.valueStarts[count] = cursor;
      this.valueEnds[count] = close;
      count++;
      // References must be valid even in attributes no handler reads.
      if (entities) {
        this.attributeCount = count;
        this.value(count - 1);
      }
      cursor = close + 1;
    }
    this.attributeCount = count;
    if (this.stack.length === 0 && this.sawRoot) this.location.fail(`a second root element <${name}>`);
    this.sawRoot = true;
    const depth = this.stack.length + 1;
    this.handler.open(name, this, this.stack[depth - 2], depth);
    this.attributeCount = 0;
    if (selfClosing) this.handler.close(name, depth);
    else this.stack.push(name);
    return cursor;
  }

  /**
   * Attribute `count` of a start tag, at `from`, where the tag no longer spells its attributes as the element's
   * layout does: reads its name up to the opening quote into `attributeNames[count]` and makes the layout this
   * tag's. Returns the position after the quote. Out of `attributesAndOpen`: taken about once per element name,
   * it would only make that hot function's compilations longer.
   */
  private attributeSpelledAnew(name: string, layout: Layout, from: number, count: number): number {
    const buffer = this.buffer;
    const end = this.end;
    const names = this.attributeNames;
    let cursor = from;
    if (!startsName(buffer[cursor]!)) this.location.fail(`invalid attribute name in <${name}>`);
    const nameStart = cursor;
    for (; cursor < end && !endsName(buffer[cursor]!); cursor++);
    const nameEnd = cursor;
    while (cursor < end && isSpace(buffer[cursor]!)) cursor++;
    if (cursor >= end) return NEED_MORE;
    if (buffer[cursor] !== EQUALS) this.location.fail(`attribute without a value in <${name}>`);
    cursor++;
    while (cursor < end && isSpace(buffer[cursor]!)) cursor++;
    if (cursor >= end) return NEED_MORE;
    const quote = buffer[cursor]!;
    if (quote !== QUOTE && quote !== APOSTROPHE) this.location.fail(`unquoted attribute value in <${name}>`);
    cursor++;
    const previous = count < layout.attributes.length ? layout.attributes[count]! : undefined;
    const attributeName = previous !== undefined && this.spells(previous, nameStart, nameEnd) ? previous : this.intern(nameStart, nameEnd);
    for (let index = 0; index < count; index++) {
      if (names[index] === attributeName) this.location.fail(`duplicate attribute ${attributeName} in <${name}>`);
    }
    names[count] = attributeName;
    // The layout becomes this tag's: its attributes so far, this one, none after (they are not known yet).
    layout.attributes.length = count;
    layout.patterns.length = count;
    layout.attributes.push(attributeName);
    layout.patterns.push(cursor === nameEnd + 2 ? patternOf(buffer.subarray(nameStart, cursor)) : NO_PATTERN);
    return cursor;
  }

  /**
   * `<name first="digits" second="digits"/>` inside the root, exactly so: the handler's numeric element, read
   * without the attribute tables, and the run of such elements after it, parted by whitespace the handler does not
   * want as text (one look per element instead of a turn of the `step` loop). Returns the position after the last
   * one, or, when the tag at `lt` has more attributes or content, the general path's result for it; NOT_NUMERIC
   * when the tag at `lt` is anything else, including one the buffer ends in.
   */
  private numericTags(lt: number, spelling: NumericSpelling): number {
    const buffer = this.buffer;
    const end = this.end;
    const view = this.view;
    const stack = this.stack;
    if (stack.length === 0) return NOT_NUMERIC;
    const parent = stack[stack.length - 1]!;
    const depth = stack.length + 1;
    const head = spelling.head;
    const middle = spelling.middle;
    const handler = this.handler;
    let tag = lt;
    for (;;) {
      if (!startsWith(view, buffer, tag + 1, end, head)) break;
      // The digits are summed as `number` sums them: the same value, however long.
      let cursor = tag + 1 + head.length;
      const firstStart = cursor;
      let first = 0;
      for (; cursor < end; cursor++) {
        const digit = buffer[cursor]! - 48;
        if (digit < 0 || digit > 9) break;
        first = first * 10 + digit;
      }
      const firstEnd = cursor;
      if (cursor === firstStart || !startsWith(view, buffer, cursor, end, middle)) break;
      cursor += middle.length;
      const secondStart = cursor;
      let second = 0;
      for (; cursor < end; cursor++) {
        const digit = buffer[cursor]! - 48;
        if (digit < 0 || digit > 9) break;
        second = second * 10 + digit;
      }
      if (cursor === secondStart || cursor >= end || buffer[cursor] !== QUOTE) break;
      if (cursor + 2 >= end || buffer[cursor + 1] !== SLASH || buffer[cursor + 2] !== GT) {
        if (tag !== lt) break;
        return this.numericWithMore(lt, spelling, firstStart, firstEnd, secondStart, cursor);
      }
      this.current = tag;
      spelling.element.element(first, second, parent, depth);
      const after = cursor + 3;
      // Whitespace up to the next tag, as `step` skips it: anything else is left to `step`.
      let next = after;
      while (next < end && SPACE[buffer[next]!] === 1) next++;
      if (next >= end || buffer[next] !== LT || (next > after && handler.wantsText())) return after;
      tag = next;
    }
    return tag === lt ? NOT_NUMERIC : tag;
  }

  /**
   * The numeric element's tag with more attributes (Cobertura's branch="true" condition-coverage=...) or content:
   * the general path reads the rest of the tag, with the two in place as the first two attributes of the layout.
   */
  private numericWithMore(lt: number, spelling: NumericSpelling, firstStart: number, firstEnd: number, secondStart: number, secondEnd: number): number {
    const [firstName, secondName] = spelling.attributes;
    // Kept at hand rather than looked up by name per tag; still the layouts' own while they are not cleared (a cache either way).
    const layout = (this.numericLayout ??= this.layoutOf(spelling.name, lt + 1, lt + 1 + spelling.nameByteLength));
    if (layout.patterns[0] !== spelling.patterns[0] || layout.patterns[1] !== spelling.patterns[1]) {
      layout.attributes.length = 0;
      layout.patterns.length = 0;
      layout.attributes.push(firstName, secondName);
      layout.patterns.push(...spelling.patterns);
    }
    const names = this.attributeNames;
    names[0] = firstName;
    names[1] = secondName;
    this.valueStarts[0] = firstStart;
    this.valueEnds[0] = firstEnd;
    this.valueStarts[1] = secondStart;
    this.valueEnds[1] = secondEnd;
    return this.attributesAndOpen(spelling.name, layout, secondEnd + 1, 2);
  }

  /** Skips a processing instruction; the XML declaration's encoding must be one we read (UTF-8). */
  private processingInstruction(lt: number): number {
    const next = this.skipPast(lt + 2, "?>");
    if (next !== NEED_MORE && this.buffer.toString("latin1", lt + 2, lt + 6) === "xml ") {
      const encoding = /\bencoding\s*=\s*["']([^"']*)["']/.exec(this.buffer.toString("latin1", lt, next))?.[1];
      if (encoding !== undefined && !/^(utf-?8|us-ascii|ascii)$/i.test(encoding)) {
        this.location.fail(`XML encoding "${encoding}" is not supported; write the report as UTF-8`);
      }
    }
    return next;
  }

  private endTag(lt: number): number {
    const buffer = this.buffer;
    let gt = buffer.indexOf(GT, lt + 2);
    if (gt >= this.end) gt = -1;
    if (gt === -1) return NEED_MORE;
    let nameEnd = gt;
    while (nameEnd > lt + 2 && isSpace(buffer[nameEnd - 1]!)) nameEnd--;
    const name = this.intern(lt + 2, nameEnd);
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) this.location.fail(`closing tag </${name}> without an open element`);
    if (open !== name) this.location.fail(`closing tag </${name}> does not match <${open}>`);
    this.handler.close(name, this.stack.length);
    this.stack.pop();
    return gt + 1;
  }

  /** Comments, CDATA sections and the DOCTYPE. */
  private markup(lt: number): number {
    const buffer = this.buffer;
    if (lt + 4 > this.end) return NEED_MORE;
    if (buffer[lt + 2] === 45 && buffer[lt + 3] === 45) return this.skipPast(lt + 4, "-->");
    if (lt + 9 > this.end) return NEED_MORE;
    const keyword = buffer.toString("latin1", lt + 2, lt + 9);
    if (keyword === "[CDATA[") {
      const close = this.find(lt + 9, "]]>");
      if (close === -1) return NEED_MORE;
      if (this.stack.length === 0) this.location.fail("CDATA outside the root element");
      if (this.handler.wantsText()) this.handler.text(buffer.toString("utf8", lt + 9, close).replace(/\r\n?/g, "\n"));
      return close + 3;
    }
    if (keyword === "DOCTYPE") {
      if (this.sawRoot || this.sawDoctype) this.location.fail("a DOCTYPE must come once, before the root element");
      this.sawDoctype = true;
      let quote = 0;
      for (let cursor = lt + 9; cursor < this.end; cursor++) {
        const byte = buffer[cursor]!;
        if (quote !== 0) {
          if (byte === quote) quote = 0;
        } else if (byte === QUOTE || byte === APOSTROPHE) {
          quote = byte;
        } else if (byte === 91) {
          this.location.fail("XML with a DTD internal subset (entity declarations) is refused");
        } else if (byte === GT) {
          return cursor + 1;
        }
      }
      return NEED_MORE;
    }
    return this.location.fail("unknown markup after \"<!\"");
  }

  private text(start: number, end: number): void {
    const buffer = this.buffer;
    if (this.stack.length === 0) {
      for (let cursor = start; cursor < end; cursor++) {
        if (!isSpace(buffer[cursor]!)) {
          this.current = cursor;
          this.location.fail("text outside the root element");
        }
      }
      return;
    }
    let ampersand = -1;
    for (let cursor = start; cursor < end; cursor++) {
      if (buffer[cursor] === AMPERSAND) {
        ampersand = cursor;
        break;
      }
    }
    if (this.handler.wantsText()) {
      const raw = buffer.toString("utf8", start, end).replace(/\r\n?/g, "\n");
      this.handler.text(ampersand === -1 ? raw : this.decodeEntities(raw));
    } else if (ampersand !== -1) {
      this.decodeEntities(buffer.toString("utf8", ampersand, end));
    }
  }

  get(name: string): string | undefined {
    const index = this.indexOf(name);
    return index === -1 ? undefined : this.value(index);
  }

  number(name: string): number | undefined {
    const index = this.indexOf(name);
    if (index === -1) return undefined;
    const start = this.valueStarts[index]!;
    const end = this.valueEnds[index]!;
    let value = 0;
    let cursor = start;
    for (; cursor < end; cursor++) {
      const digit = this.buffer[cursor]! - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (cursor === end && end > start) return value;
    const raw = this.value(index);
    const parsed = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(parsed) || parsed < 0) this.location.fail(`attribute ${name}="${raw}" is not a non-negative number`);
    return parsed;
  }

  is(name: string, expected: string): boolean {
    const index = this.indexOf(name);
    if (index === -1) return false;
    const start = this.valueStarts[index]!;
    const end = this.valueEnds[index]!;
    if (end - start !== expected.length) return this.value(index) === expected;
    const buffer = this.buffer;
    for (let offset = 0; offset < expected.length; offset++) {
      const byte = buffer[start + offset]!;
      // A reference or a character that normalisation changes: compare the decoded value instead.
      if (byte === AMPERSAND || byte < 32) return this.value(index) === expected;
      if (byte !== expected.charCodeAt(offset)) return false;
    }
    return true;
  }

  ratio(name: string, into: Counter): boolean {
    const index = this.indexOf(name);
    if (index === -1) return false;
    const buffer = this.buffer;
    const start = this.valueStarts[index]!;
    const end = this.valueEnds[index]!;
    // The usual shape, "... (digits/digits)" at the end, straight from the bytes; anything else through the string.
    const close = end - 1;
    if (close > start && buffer[close] === 41) {
      let cursor = close - 1;
      let total = 0;
      let scale = 1;
      while (cursor > start && buffer[cursor]! >= 48 && buffer[cursor]! <= 57) {
        total += (buffer[cursor]! - 48) * scale;
        scale *= 10;
        cursor--;
      }
      if (cursor < close - 1 && cursor > start && buffer[cursor] === SLASH) {
        const slash = cursor--;
        let covered = 0;
        scale = 1;
        while (cursor > start && buffer[cursor]! >= 48 && buffer[cursor]! <= 57) {
          covered += (buffer[cursor]! - 48) * scale;
          scale *= 10;
          cursor--;
        }
        if (cursor < slash - 1 && buffer[cursor] === 40 && close - cursor < 16) {
          into.covered = covered;
          into.total = total;
          return covered <= total;
        }
      }
    }
    const counts = ratioOf(this.value(index));
    if (counts === null) return false;
    into.covered = counts[0];
    into.total = counts[1];
    return true;
  }

  all(): Record<string, string> {
    const result: Record<string, string> = {};
    for (let index = 0; index < this.attributeCount; index++) {
      result[this.attributeNames[index]!] = this.value(index);
    }
    return result;
  }

  /** The attribute named `name`, or -1; `name` is a literal of the handler, so internalized like the names. */
  private indexOf(name: string): number {
    for (let index = 0; index < this.attributeCount; index++) if (this.attributeNames[index] === name) return index;
    return -1;
  }

  private value(index: number): string {
    const raw = this.buffer.toString("utf8", this.valueStarts[index], this.valueEnds[index]);
    if (!/[&\t\n\r]/.test(raw)) return raw;
    // Attribute-value normalisation (XML 1.0 3.3.3): literal line ends and tabs become spaces.
    return this.decodeEntities(raw.replace(/\r\n/g, "\n").replace(/[\t\n\r]/g, " "));
  }

  /** Expands the predefined entities and character references; any other reference is an error. */
  private decodeEntities(text: string): string {
    let result = "";
    let from = 0;
    for (let ampersand = text.indexOf("&"); ampersand !== -1; ampersand = text.indexOf("&", from)) {
      const semicolon = text.indexOf(";", ampersand);
      if (semicolon === -1 || semicolon - ampersand > 12) this.location.fail('"&" that does not start an entity reference');
      const reference = text.slice(ampersand + 1, semicolon);
      let expanded = PREDEFINED[reference];
      if (expanded === undefined) {
        const code = /^#x[0-9a-fA-F]+$/.test(reference) ? Number.parseInt(reference.slice(2), 16) : /^#[0-9]+$/.test(reference) ? Number(reference.slice(1)) : -1;
        if (code === -1) this.location.fail(`undefined entity &${reference}; (only XML's predefined entities are expanded)`);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.location.fail(`invalid character reference &${reference};`);
        expanded = String.fromCodePoint(code);
      }
      result += text.slice(from, ampersand) + expanded;
      from = semicolon + 1;
    }
    return result + text.slice(from);
  }

  /** Whether the bytes [start, end) are the ASCII string `name` (false for other names: `intern` handles those). */
  private spells(name: string, start: number, end: number): boolean {
    if (name.length !== end - start) return false;
    const buffer = this.buffer;
    for (let index = 0; index < name.length; index++) if (buffer[start + index] !== name.charCodeAt(index)) return false;
    return true;
  }

  private layoutOf(name: string, start: number, end: number): Layout {
    let layout = this.layouts.get(name);
    if (layout === undefined) {
      // A hostile file can use any number of element names: the layouts are a cache, bounded like the names'.
      if (this.layouts.size === NAME_CACHE_SLOTS) this.layouts.clear();
      layout = { name, nameBytes: patternOf(this.buffer.subarray(start, end)), attributes: [], patterns: [] };
      this.layouts.set(name, layout);
    }
    return layout;
  }

  private intern(start: number, end: number): string {
    const buffer = this.buffer;
    // Length and three bytes tell the few element and attribute names of a report apart; the bytes are compared below.
    const length = end - start;
    const slot = (length * 31 + buffer[start]! * 7 + buffer[end - 1]! * 3 + buffer[start + (length >> 1)]!) & (NAME_CACHE_SLOTS - 1);
    const cachedBytes = this.nameBytes[slot];
    if (cachedBytes !== undefined && cachedBytes.length === end - start) {
      let same = true;
      for (let index = 0; index < cachedBytes.length && same; index++) same = cachedBytes[index] === buffer[start + index];
      if (same) return this.names[slot]!;
    }
    const name = internalized(buffer.toString("utf8", start, end));
    this.names[slot] = name;
    this.nameBytes[slot] = Buffer.from(buffer.subarray(start, end));
    return name;
  }

  private skipPast(from: number, terminator: string): number {
    const index = this.find(from, terminator);
    return index === -1 ? NEED_MORE : index + terminator.length;
  }

  private find(from: number, terminator: string): number {
    const index = this.buffer.indexOf(terminator, from, "latin1");
    return index === -1 || index + terminator.length > this.end ? -1 : index;
  }

  /** Drops the handled bytes from the front of the buffer. */
  private compact(): void {
    const buffer = this.buffer;
    const position = this.position;
    this.bytesBefore += position;
    buffer.copy(buffer, 0, position, this.end);
    this.end -= position;
    this.current -= position;
    this.position = 0;
  }

  private grow(): void {
    if (this.buffer.length >= MAX_CONSTRUCT_BYTES) {
      this.current = this.position;
      this.location.fail(`one XML construct is longer than ${MAX_CONSTRUCT_BYTES >> 20} MB`);
    }
    const larger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(larger, 0, 0, this.end);
    this.buffer = larger;
    this.view = new DataView(larger.buffer, larger.byteOffset, larger.length);
  }
}

/**
 * Newlines in the file's first `offset` bytes, read again from the file: only an error needs a line number. A file
 * that can no longer be read gives 0 (the message still names the file).
 */
function newlinesBefore(file: string, offset: number): number {
  let descriptor: number;
  try {
    descriptor = openSync(file, "r");
  } catch {
    return 0;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let count = 0;
    for (let read = 0; read < offset; ) {
      const bytes = readSync(descriptor, chunk, 0, Math.min(CHUNK_BYTES, offset - read), read);
      if (bytes === 0) break;
      for (let index = chunk.indexOf(10); index !== -1 && index < bytes; index = chunk.indexOf(10, index + 1)) count++;
      read += bytes;
    }
    return count;
  } catch {
    return 0;
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The engine's single copy of `text` (V8 keeps one per property key and string literal): comparing
 * two such strings with === is then one pointer comparison, as handlers do with every name.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: true })[0]!;
}

/** "50% (1/2)" -> [1, 2]; null when the text has no counts. */
function ratioOf(text: string): [number, number] | null {
  const open = text.lastIndexOf("(");
  const slash = text.indexOf("/", open);
  const close = text.indexOf(")", slash);
  if (open === -1 || slash === -1 || close === -1) return null;
  const covered = Number(text.slice(open + 1, slash));
  const total = Number(text.slice(slash + 1, close));
  return Number.isInteger(covered) && Number.isInteger(total) && covered >= 0 && covered <= total ? [covered, total] : null;
}

/** Streams an XML report through `handler`; every problem is a UserError naming the file and line. */
export async function readXml(file: string, location: XmlLocation, handler: XmlHandler): Promise<void> {
  const handle = await openReport(file, location.displayName);
  try {
    await new Scanner(file, location, handler).scan(handle);
  } finally {
    await handle.close();
  }
}
