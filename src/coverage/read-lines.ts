import { open, type FileHandle } from "node:fs/promises";
import { UserError } from "../core/errors.ts";

const CHUNK_BYTES = 1 << 20;
/** One line longer than this is not a coverage report line; refusing it keeps memory bounded. */
const MAX_LINE_BYTES = 64 << 20;

/** Called per line with the line's bytes `buffer[start, end)` (no line terminator) and its 1-based number. */
export type LineHandler = (buffer: Buffer, start: number, end: number, lineNumber: number) => void;

/**
 * Opens a report file, turning the usual failures into UserErrors that name it.
 */
export async function openReport(file: string, displayName: string): Promise<FileHandle> {
  try {
    const handle = await open(file, "r");
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      throw new UserError(`${displayName}: not a regular file`);
    }
    return handle;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError(`${displayName}: coverage report not found`);
    if (code === "EISDIR") throw new UserError(`${displayName}: is a directory, expected a coverage report file`);
    if (code === "EACCES" || code === "EPERM") throw new UserError(`${displayName}: permission denied`);
    throw new UserError(`${displayName}: cannot be read (${code ?? String(error)})`);
  }
}

/**
 * A reader of whole lines in bulk: `block` handles the complete lines of `buffer[start, end)` and returns where the
 * first incomplete one starts (at most `end`); `last` gets the file's final line when no newline ends it. A parser
 * that scans its own lines can read a record and find its end in one pass.
 */
export interface LineBlockHandler {
  /** Lines handled so far, for the error about an over-long line. */
  readonly lineNumber: number;
  block(buffer: Buffer, start: number, end: number): number;
  last(buffer: Buffer, start: number, end: number): void;
}

/**
 * Streams a file line by line over one reused buffer: memory stays at one chunk (plus the longest
 * line) whatever the file size. Handles LF and CRLF endings and skips a UTF-8 byte-order mark.
 */
export async function readLines(file: string, displayName: string, onLine: LineHandler): Promise<number> {
  const lines = {
    lineNumber: 0,
    block(buffer: Buffer, start: number, end: number): number {
      let position = start;
      for (;;) {
        const newline = lineEndIn(buffer, position, end);
        if (newline === -1) return position;
        onLine(buffer, position, newline > position && buffer[newline - 1] === 13 ? newline - 1 : newline, ++lines.lineNumber);
        position = newline + 1;
      }
    },
    last(buffer: Buffer, start: number, end: number): void {
      onLine(buffer, start, end, ++lines.lineNumber);
    },
  };
  await readLineBlocks(file, displayName, lines);
  return lines.lineNumber;
}

/** The position of the newline ending the line at `start`, or -1 when it is not in `buffer[start, end)`. */
export function lineEndIn(buffer: Buffer, start: number, end: number): number {
  // Report lines are short ("DA:12,3"): a plain loop finds their end faster than a native call.
  let newline = start;
  const shortLimit = Math.min(end, start + 48);
  while (newline < shortLimit && buffer[newline] !== 10) newline++;
  if (newline < shortLimit) return newline;
  if (newline >= end) return -1;
  newline = buffer.indexOf(10, newline);
  return newline === -1 || newline >= end ? -1 : newline;
}

/**
 * Streams a file's lines in blocks to `handler` over one reused buffer (see readLines); `last` gets the final line
 * without its CR, and only when it is not empty.
 */
export async function readLineBlocks(file: string, displayName: string, handler: LineBlockHandler): Promise<void> {
  const handle = await openReport(file, displayName);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let atStart = true;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) {
          throw new UserError(`${displayName}:${handler.lineNumber + 1}: line longer than ${MAX_LINE_BYTES >> 20} MB`);
        }
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      let start = 0;
      if (atStart) {
        if (end < 3) {
          // Too little to tell whether a byte-order mark starts the file: read on.
          filled = end;
          continue;
        }
        atStart = false;
        if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      }
      const position = handler.block(buffer, start, end);
      filled = end - position;
      if (filled > 0 && position > 0) buffer.copy(buffer, 0, position, end);
    }
    if (filled > 0) {
      let start = 0;
      if (atStart && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      const lineEnd = buffer[filled - 1] === 13 ? filled - 1 : filled;
      if (lineEnd > start) handler.last(buffer, start, lineEnd);
    }
  } finally {
    await handle.close();
  }
}
