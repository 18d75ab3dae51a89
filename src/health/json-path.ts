/**
 * A small JSON path: `a.b`, `items[0].state`, `["key.with.dots"]`, optionally starting with `$` or `$.`.
 * Parsed by a scanner (no regular expression built from the path); look-ups read own properties only.
 */
export type PathSegment = string | number;

export class JsonPathError extends Error {
  override readonly name = "JsonPathError";
}

const identifierStart = /[A-Za-z_$]/;
const identifierPart = /[A-Za-z0-9_$-]/;

export function parseJsonPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  if (path.startsWith("$")) {
    i = 1;
    if (path.length === 1) return segments;
    if (path[1] === ".") i = 2;
    else if (path[1] !== "[") throw new JsonPathError(`"${path}": expected "." or "[" after "$"`);
  }
  let expectName = i === 0 || path[i - 1] === ".";
  while (i < path.length) {
    const char = path[i]!;
    if (char === "[") {
      const close = path.indexOf("]", i);
      if (close === -1) throw new JsonPathError(`"${path}": "[" at position ${i + 1} is not closed`);
      const inner = path.slice(i + 1, close).trim();
      const quoted = /^(["'])(.*)\1$/s.exec(inner);
      if (quoted) segments.push(quoted[2]!);
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else throw new JsonPathError(`"${path}": expected an index or a quoted key in brackets at position ${i + 1}`);
      i = close + 1;
      expectName = false;
    } else if (char === ".") {
      if (expectName) throw new JsonPathError(`"${path}": empty key at position ${i + 1}`);
      i++;
      expectName = true;
      if (i === path.length) throw new JsonPathError(`"${path}": ends with "."`);
    } else if (identifierStart.test(char) && (expectName || segments.length === 0)) {
      let end = i + 1;
      while (end < path.length && identifierPart.test(path[end]!)) end++;
      segments.push(path.slice(i, end));
      i = end;
      expectName = false;
    } else {
      throw new JsonPathError(`"${path}": unexpected "${char}" at position ${i + 1}`);
    }
  }
  if (segments.length === 0) throw new JsonPathError(`"${path}": empty path`);
  return segments;
}

/** The value at the path, or `undefined` when any step is missing. */
export function valueAt(document: unknown, segments: PathSegment[]): unknown {
  let current: unknown = document;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current) || segment >= current.length) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
