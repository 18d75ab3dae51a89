import { open, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";

/** How much more is read at a time when a report grows after stat(). */
const GROWTH_BYTES = 1 << 20;

/**
 * Reads a scanner report as JSON, fail-closed: a missing, empty, oversized, binary, non-UTF-8, truncated
 * or otherwise invalid file is a UserError naming the file (exit 2), never zero findings.
 * The size is checked before reading, so a huge file is refused without loading it.
 */
export async function readReportJson(file: string, options: { cwd: string; maxBytes: number }): Promise<unknown> {
  const absolute = path.resolve(options.cwd, file);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UserError(`${file}: the report is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new UserError(`${file}: the report is a symbolic link that leads back to itself (a loop)`);
    throw new UserError(code === "ENOENT" ? `${file}: report not found (did the scanner run and write it?)` : `${file}: cannot read the report: ${code ?? (error as Error).message}`);
  }
  const limit = `${Math.round(options.maxBytes / (1024 * 1024))} MB (max-report-mb)`;
  if (size > options.maxBytes) throw new UserError(`${file}: the report is ${(size / (1024 * 1024)).toFixed(1)} MB; at most ${limit} is read`);
  const bytes = await readAtMost(absolute, file, options.maxBytes, size);
  if (bytes.length > options.maxBytes) throw new UserError(`${file}: the report grew beyond ${limit} while being read`);
  return parseReportBytes(bytes, file);
}

/**
 * Reads up to one byte beyond `maxBytes` (one byte beyond the limit tells a file that grew after stat() from one
 * that fits) into a buffer sized for the size stat() gave: a report of a few hundred bytes costs a few hundred
 * bytes, not megabytes of memory that the garbage collector then has to reclaim.
 */
async function readAtMost(absolute: string, file: string, maxBytes: number, expectedBytes: number): Promise<Buffer> {
  const handle = await open(absolute, "r").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot open the report: ${error.code ?? error.message}`);
  });
  try {
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, expectedBytes) + 1);
    let total = 0;
    while (total <= maxBytes) {
      if (total === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, total + Math.max(total, GROWTH_BYTES)));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

export function parseReportBytes(bytes: Uint8Array, file: string): unknown {
  if (bytes.length === 0) throw new UserError(`${file}: the report is empty (did the scanner fail before writing it?)`);
  if (bytes.includes(0)) throw new UserError(`${file}: the report is binary data, not a JSON scanner report`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${file}: the report is not UTF-8 text`);
  }
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") throw new UserError(`${file}: the report is empty (did the scanner fail before writing it?)`);
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    // The parser stopped at the very end of the text: the document was cut off, not malformed.
    const position = /at position (\d+)/.exec(message)?.[1];
    const atEnd = position !== undefined && Number(position) >= body.trimEnd().length;
    if (atEnd || /end of JSON input/i.test(message)) {
      throw new UserError(`${file}: the report ends before its JSON document does (truncated?)`);
    }
    throw new UserError(`${file}: the report is not valid JSON: ${message}`);
  }
}
