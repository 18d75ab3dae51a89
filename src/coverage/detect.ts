import { UserError } from "../core/errors.ts";
import type { CoverageFormat } from "./model.ts";
import { openReport } from "./read-lines.ts";

/** Enough of the start of a report to tell its format; the rest is streamed by the format's parser. */
const HEAD_BYTES = 64 * 1024;

export const FORMATS: readonly CoverageFormat[] = ["lcov", "cobertura", "clover", "jacoco", "istanbul", "go"];

const FORMAT_LIST = "lcov, Cobertura XML, Clover XML, JaCoCo XML, istanbul JSON (coverage-final.json or json-summary) or a Go coverprofile";

/**
 * Tells a report's format from its content, never from its name: CI artifacts are routinely renamed
 * (coverage.xml can be Cobertura, Clover or JaCoCo).
 */
export async function detectFormat(file: string, displayName: string): Promise<CoverageFormat> {
  const handle = await openReport(file, displayName);
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return detectFromHead(head, displayName);
}

export function detectFromHead(head: Buffer, displayName: string): CoverageFormat {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    throw new UserError(`${displayName}: is gzip-compressed; decompress it first`);
  }
  if (head.includes(0)) throw new UserError(`${displayName}: contains binary data; not a coverage report`);
  let start = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (start < head.length && isSpace(head[start]!)) start++;
  if (start === head.length) throw new UserError(`${displayName}: is empty; expected ${FORMAT_LIST}`);
  const text = head.toString("utf8", start);
  if (text.startsWith("<")) return detectXml(text, displayName);
  if (text.startsWith("{")) return "istanbul";
  if (/^mode:[ \t]*(set|count|atomic)[ \t]*\r?(\n|$)/.test(text)) return "go";
  if (/^(TN|SF|VER):/.test(text)) return "lcov";
  throw new UserError(`${displayName}:1: unknown coverage format; expected ${FORMAT_LIST}`);
}

function detectXml(text: string, displayName: string): CoverageFormat {
  const root = /<([A-Za-z_][\w.:-]*)([^>]*)>?/.exec(skipProlog(text, displayName));
  if (root === null) throw new UserError(`${displayName}: XML without a root element; expected ${FORMAT_LIST}`);
  const [, name, attributes = ""] = root;
  if (name === "report") return "jacoco";
  if (name === "coverage") {
    if (/\bclover\s*=/.test(attributes)) return "clover";
    if (/\b(line-rate|lines-valid|lines-covered)\s*=/.test(attributes)) return "cobertura";
    const afterRoot = text.slice(text.indexOf(root[0]) + root[0].length);
    const child = /<([A-Za-z_][\w.:-]*)/.exec(afterRoot);
    if (child?.[1] === "project") return "clover";
    if (child?.[1] === "sources" || child?.[1] === "packages") return "cobertura";
  }
  throw new UserError(`${displayName}: XML root element <${name}> is not a known coverage report; expected ${FORMAT_LIST}`);
}

/** Skips the XML declaration, comments, processing instructions and a DOCTYPE before the root element. */
function skipProlog(text: string, displayName: string): string {
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith("<?")) rest = rest.slice(endOf(rest, "?>"));
    else if (rest.startsWith("<!--")) rest = rest.slice(endOf(rest, "-->"));
    else if (rest.startsWith("<!DOCTYPE")) rest = rest.slice(doctypeEnd(rest, displayName));
    else return rest;
  }
}

function endOf(text: string, terminator: string): number {
  const index = text.indexOf(terminator);
  return index === -1 ? text.length : index + terminator.length;
}

/**
 * The end of a plain DOCTYPE. One with an internal subset (where entities are declared) is refused here, as the
 * parser refuses it, rather than skipped: a large one would fill the head and read as "no root element".
 */
function doctypeEnd(text: string, displayName: string): number {
  const subset = text.indexOf("[");
  const close = text.indexOf(">");
  if (subset !== -1 && (close === -1 || subset < close)) throw new UserError(`${displayName}: XML with a DTD internal subset (entity declarations) is refused`);
  return close === -1 ? text.length : close + 1;
}

function isSpace(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 10 || byte === 13;
}
