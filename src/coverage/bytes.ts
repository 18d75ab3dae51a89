/**
 * Byte-level number scanning for the line-oriented formats: parsing digits straight from the read
 * buffer avoids creating a string per field, which dominates the time on multi-million-line reports.
 */

/** Position just after the digits of the last `scanUnsigned` call. */
export let scanEnd = 0;

/** Moves `scanEnd` past a field read without scanning digits ("NaN"). */
export function skipTo(position: number): void {
  scanEnd = position;
}

/** Parses decimal digits at `buffer[start]`; returns -1 if there are none (scanEnd is then `start`). */
export function scanUnsigned(buffer: Buffer, start: number, end: number): number {
  let value = 0;
  let position = start;
  while (position < end) {
    const digit = buffer[position]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    position++;
  }
  scanEnd = position;
  return position === start ? -1 : value;
}

/** Like scanUnsigned, but also accepts a decimal fraction or exponent ("1.5e3"), as some tools write counts. */
export function scanNumber(buffer: Buffer, start: number, end: number): number {
  const whole = scanUnsigned(buffer, start, end);
  if (whole < 0) return -1;
  const next = buffer[scanEnd];
  if (scanEnd < end && (next === 46 || next === 101 || next === 69)) {
    let position = scanEnd;
    while (position < end && buffer[position] !== 44) position++;
    const value = Number(buffer.toString("latin1", start, position));
    scanEnd = position;
    return Number.isFinite(value) && value >= 0 ? value : -1;
  }
  return whole;
}

/** Index of `byte` in `buffer[start, end)`, or -1. */
export function indexIn(buffer: Buffer, byte: number, start: number, end: number): number {
  for (let position = start; position < end; position++) if (buffer[position] === byte) return position;
  return -1;
}
