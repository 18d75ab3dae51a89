import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { UserError } from "../core/errors.ts";
import { openReport } from "./read-lines.ts";

/**
 * Streams an XML report through saxes, a conforming non-validating parser: it never fetches a DTD,
 * never expands an entity that is not one of XML's five predefined ones, and reports a document that
 * ends before its root element closes (a truncated report) as an error.
 *
 * Entity declarations are refused outright: an internal DTD subset is the only place they can be
 * declared (a billion-laughs or external-entity payload), while the DOCTYPE lines coverage tools
 * really write (`<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">`,
 * JaCoCo's `<!DOCTYPE report PUBLIC ...>`) have none and are accepted without fetching anything.
 */

export interface XmlHandler {
  /** An element opened; `parent` is the enclosing element's name, `depth` 1 for the root. */
  open(name: string, attributes: Record<string, string>, parent: string | undefined, depth: number): void;
  close(name: string, depth: number): void;
  text(text: string): void;
}

/** Where the parser is, so that handlers can name the line in their errors. */
export class XmlLocation {
  readonly displayName: string;
  lineOf: () => number = () => 0;

  constructor(displayName: string) {
    this.displayName = displayName;
  }

  fail(message: string): never {
    throw new UserError(`${this.displayName}:${this.lineOf()}: ${message}`);
  }

  /** A numeric attribute: undefined when absent; anything but a non-negative number is an error. */
  number(attributes: Record<string, string>, name: string): number | undefined {
    const raw = attributes[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value) || value < 0) this.fail(`attribute ${name}="${raw}" is not a non-negative number`);
    return value;
  }
}

const CHUNK_BYTES = 1 << 20;

export async function readXml(file: string, location: XmlLocation, handler: XmlHandler): Promise<void> {
  const displayName = location.displayName;
  // Open first so that a missing file is reported the same way for every format.
  await (await openReport(file, displayName)).close();
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  let sawRoot = false;
  location.lineOf = () => parser.line;
  const fail = (message: string): never => location.fail(message);

  parser.on("doctype", (doctype) => {
    if (doctype.includes("[")) fail("XML with a DTD internal subset (entity declarations) is refused");
  });
  parser.on("opentag", (tag) => {
    sawRoot = true;
    handler.open(tag.name, tag.attributes as Record<string, string>, stack[stack.length - 1], stack.length + 1);
    stack.push(tag.name);
  });
  parser.on("closetag", (tag) => {
    handler.close(tag.name, stack.length);
    stack.pop();
  });
  parser.on("text", (text) => handler.text(text));

  const decoder = new StringDecoder("utf8");
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = decoder.write(chunk as Buffer);
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text.includes("\u0000")) fail("binary data in an XML report");
      parser.write(text);
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = error instanceof Error ? error.message.replace(/^\d+:\d+: /, "") : String(error);
    throw new UserError(`${displayName}:${parser.line}: malformed XML (${message})`);
  } finally {
    stream.destroy();
  }
  if (!sawRoot) throw new UserError(`${displayName}: XML without a root element`);
}
