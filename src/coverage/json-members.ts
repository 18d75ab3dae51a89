import { createReadStream } from "node:fs";
import { UserError } from "../core/errors.ts";
import { openReport } from "./read-lines.ts";

/** One member's value is parsed whole; beyond this it is not a coverage report entry. */
const MAX_MEMBER_BYTES = 256 << 20;

/** Where the scanner is in `{ "key": value, ... }`. */
const STATE = { beforeObject: 0, afterBrace: 1, beforeKey: 2, key: 3, afterKey: 4, beforeValue: 5, value: 6, afterObject: 7 } as const;
type State = (typeof STATE)[keyof typeof STATE];

/**
 * Streams a JSON object member by member: istanbul's reports are one object with a member per source
 * file, and coverage-final.json reaches hundreds of megabytes on large projects. Only one member's
 * bytes are held at a time (then JSON.parse'd), so memory is bounded by the largest file's entry,
 * not by the report. The scanner only finds member boundaries (strings, escapes, nesting); JSON.parse
 * does the validation of each member.
 */
export async function readJsonMembers(
  file: string,
  displayName: string,
  onMember: (key: string, value: unknown, lineNumber: number) => void,
): Promise<void> {
  await (await openReport(file, displayName)).close();
  let state = STATE.beforeObject as State;
  let line = 1;
  let memberLine = 1;
  let inString = false;
  let escaped = false;
  let depth = 0;
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let key = "";
  let atStart = true;
  const fail = (atLine: number, message: string): never => {
    throw new UserError(`${displayName}:${atLine}: ${message}`);
  };
  const take = (chunk: Buffer, start: number, end: number): void => {
    pieceBytes += end - start;
    if (pieceBytes > MAX_MEMBER_BYTES) fail(memberLine, `one JSON member is larger than ${MAX_MEMBER_BYTES >> 20} MB`);
    pieces.push(chunk.subarray(start, end));
  };
  const parsePieces = (): unknown => {
    const text = Buffer.concat(pieces).toString("utf8");
    pieces = [];
    pieceBytes = 0;
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(memberLine, `invalid JSON (${(error as Error).message})`);
    }
  };

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const data of stream) {
      const chunk = data as Buffer;
      let index = 0;
      if (atStart) {
        atStart = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) index = 3;
      }
      let pieceStart = state === STATE.key || state === STATE.value ? 0 : -1;
      for (; index < chunk.length; index++) {
        const byte = chunk[index]!;
        if (byte === 10) line++;
        if (state === STATE.value || state === STATE.key) {
          if (inString) {
            if (escaped) escaped = false;
            else if (byte === 92) escaped = true;
            else if (byte === 34) {
              inString = false;
              if (state === STATE.key) {
                take(chunk, pieceStart, index + 1);
                key = parsePieces() as string;
                state = STATE.afterKey;
              }
            }
            continue;
          }
          if (byte === 34) inString = true;
          else if (byte === 123 || byte === 91) depth++;
          else if ((byte === 125 || byte === 93) && depth > 0) depth--;
          else if (depth === 0 && (byte === 44 || byte === 125)) {
            take(chunk, pieceStart, index);
            onMember(key, parsePieces(), memberLine);
            state = byte === 44 ? STATE.beforeKey : STATE.afterObject;
            pieceStart = -1;
          } else if (byte === 0) {
            fail(line, "binary data in a JSON report");
          }
          continue;
        }
        if (byte === 32 || byte === 10 || byte === 13 || byte === 9) continue;
        if (state === STATE.beforeObject && byte === 123) state = STATE.afterBrace;
        else if (state === STATE.afterBrace && byte === 125) state = STATE.afterObject;
        else if (state === STATE.afterBrace || state === STATE.beforeKey) {
          if (byte !== 34) fail(line, "expected a quoted member name");
          state = STATE.key;
          inString = true;
          pieceStart = index;
          memberLine = line;
        } else if (state === STATE.afterKey && byte === 58) {
          state = STATE.beforeValue;
        } else if (state === STATE.beforeValue) {
          state = STATE.value;
          depth = 0;
          pieceStart = index;
          // Scan this byte again as the value's first.
          index--;
        } else {
          fail(line, state === STATE.beforeObject ? "a JSON coverage report is one object" : `unexpected "${String.fromCharCode(byte)}"`);
        }
      }
      if ((state === STATE.value || state === STATE.key) && pieceStart >= 0) take(chunk, pieceStart, chunk.length);
    }
  } finally {
    stream.destroy();
  }
  if (state === STATE.beforeObject) throw new UserError(`${displayName}: is empty`);
  if (state !== STATE.afterObject) fail(line, "the JSON ends before its closing brace; the file is truncated");
}
