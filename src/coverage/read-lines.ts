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
 * Streams a file line by line over one reused buffer: memory stays at one chunk (plus the longest
 * line) whatever the file size. Handles LF and CRLF endings and skips a UTF-8 byte-order mark.
 */
export async function readLines(file: string, displayName: string, onLine: LineHandler): Promise<number> {
  const handle = await openReport(file, displayName);
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let lineNumber = 0;
    let atStart = true;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) {
          throw new UserError(`${displayName}:${lineNumber + 1}: line longer than ${MAX_LINE_BYTES >> 20} MB`);
        }
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      let position = 0;
      if (atStart) {
        if (end < 3 && bytesRead > 0) {
          // Too little to tell whether a byte-order mark starts the file: read on.
          filled = end;
          continue;
        }
        atStart = false;
        if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3;
      }
      for (;;) {
        // Report lines are short ("DA:12,3"): a plain loop finds their end faster than a native call.
        let newline = position;
        const shortLimit = Math.min(end, position + 48);
        while (newline < shortLimit && buffer[newline] !== 10) newline++;
        if (newline === shortLimit) {
          if (newline >= end) break;
          newline = buffer.indexOf(10, newline);
          if (newline === -1 || newline >= end) break;
        }
        lineNumber++;
        const lineEnd = newline > position && buffer[newline - 1] === 13 ? newline - 1 : newline;
        onLine(buffer, position, lineEnd, lineNumber);
        position = newline + 1;
      }
      filled = end - position;
      if (filled > 0 && position > 0) buffer.copy(buffer, 0, position, end);
    }
    if (filled > 0) {
      let start = 0;
      if (atStart && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      lineNumber++;
      const lineEnd = buffer[filled - 1] === 13 ? filled - 1 : filled;
      if (lineEnd > start) onLine(buffer, start, lineEnd, lineNumber);
    }
    return lineNumber;
  } finally {
    await handle.close();
  }
}
