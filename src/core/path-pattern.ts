/**
 * Path patterns in the CODEOWNERS flavour of gitignore syntax, matched without building a regular
 * expression (patterns come from repository files, which are untrusted text).
 *
 * - `*` matches any run of characters except `/`; `?` one character except `/`; `\x` is a literal `x`.
 * - A `/` at the start or in the middle anchors the pattern at the repository root; otherwise it matches
 *   at any depth (as if it started with `**` + `/`).
 * - A trailing `/` matches directories only, i.e. every file below a directory of that name.
 * - `**` as a whole segment matches zero or more directories; a trailing `/**` everything inside.
 * - A pattern that matches a directory matches every file below it, except when its last segment is a
 *   lone `*` (`docs/*` owns docs/a.md but not docs/deep/b.md, as GitHub documents for CODEOWNERS).
 * - Not supported, as in CODEOWNERS: `!` negation and `[...]` character classes (`[` is a literal).
 * Matching is case-sensitive.
 */
type Token = { kind: "literal"; char: string } | { kind: "star" } | { kind: "one" };
type Segment = { kind: "globstar" } | { kind: "name"; tokens: Token[] };

export interface PathPattern {
  source: string;
  segments: Segment[];
  directoryOnly: boolean;
  /** False when the last segment is a lone `*`: the pattern matches files there, not below. */
  matchesDescendants: boolean;
}

export type ParsedPattern = { ok: true; pattern: PathPattern } | { ok: false; error: string };

const SEPARATOR = Symbol("separator");

function tokenize(source: string): (Token | typeof SEPARATOR)[] | string {
  const tokens: (Token | typeof SEPARATOR)[] = [];
  const chars = [...source];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === "\\") {
      const next = chars[++i];
      if (next === undefined) return "ends with a lone backslash";
      tokens.push({ kind: "literal", char: next });
    } else if (char === "*") tokens.push({ kind: "star" });
    else if (char === "?") tokens.push({ kind: "one" });
    else if (char === "/") tokens.push(SEPARATOR);
    else tokens.push({ kind: "literal", char });
  }
  return tokens;
}

function toSegment(tokens: Token[]): Segment {
  if (tokens.length === 2 && tokens.every((t) => t.kind === "star")) return { kind: "globstar" };
  // Other runs of asterisks are plain asterisks.
  const collapsed = tokens.filter((t, i) => !(t.kind === "star" && tokens[i - 1]?.kind === "star"));
  return { kind: "name", tokens: collapsed };
}

export function parsePathPattern(source: string): ParsedPattern {
  if (source.startsWith("!")) return { ok: false, error: "negation with ! is not supported" };
  const tokens = tokenize(source);
  if (typeof tokens === "string") return { ok: false, error: tokens };
  const groups: Token[][] = [[]];
  for (const token of tokens) {
    if (token === SEPARATOR) groups.push([]);
    else groups.at(-1)!.push(token);
  }
  const anchoredAtStart = groups[0]!.length === 0 && groups.length > 1;
  const directoryOnly = groups.at(-1)!.length === 0 && groups.length > 1;
  const names = groups.filter((group) => group.length > 0);
  if (names.length === 0) return { ok: false, error: "matches no path" };
  const segments = names.map(toSegment);
  const anchored = anchoredAtStart || names.length > 1;
  if (!anchored && segments[0]!.kind !== "globstar") segments.unshift({ kind: "globstar" });
  const last = segments.at(-1)!;
  const loneStar = last.kind === "name" && last.tokens.length === 1 && last.tokens[0]!.kind === "star";
  return { ok: true, pattern: { source, segments, directoryOnly, matchesDescendants: !loneStar } };
}

/** Wildcard match of one path segment; `*` backtracks to its latest position only, so this is O(n*m). */
function nameMatches(tokens: Token[], name: string): boolean {
  const chars = [...name];
  let t = 0;
  let c = 0;
  let starAt = -1;
  let starChar = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token && (token.kind === "one" || (token.kind === "literal" && token.char === chars[c]))) {
      t++;
      c++;
    } else if (token?.kind === "star") {
      starAt = t++;
      starChar = c;
    } else if (starAt >= 0) {
      t = starAt + 1;
      c = ++starChar;
    } else return false;
  }
  while (tokens[t]?.kind === "star") t++;
  return t === tokens.length;
}

/**
 * Does the pattern match this repository-relative file path? The pattern matches a prefix of the
 * path's segments: the whole path (a file), or a directory above it when descendants are matched.
 */
export function matchesPath(pattern: PathPattern, filePath: string): boolean {
  const parts = filePath.replace(/^\/+/, "").split("/").filter(Boolean);
  const n = parts.length;
  if (n === 0) return false;
  // reach[j]: the segments so far can match exactly the first j path parts.
  let reach = new Array<boolean>(n + 1).fill(false);
  reach[0] = true;
  pattern.segments.forEach((segment, index) => {
    const next = new Array<boolean>(n + 1).fill(false);
    if (segment.kind === "globstar") {
      // A trailing ** matches everything inside, so at least one part.
      const minimum = index === pattern.segments.length - 1 ? 1 : 0;
      const first = reach.indexOf(true);
      if (first >= 0) for (let j = first + minimum; j <= n; j++) next[j] = true;
    } else {
      for (let j = 0; j < n; j++) if (reach[j] && nameMatches(segment.tokens, parts[j]!)) next[j + 1] = true;
    }
    reach = next;
  });
  if (reach[n] && !pattern.directoryOnly) return true;
  if (!pattern.matchesDescendants) return false;
  for (let k = 1; k < n; k++) if (reach[k]) return true;
  return false;
}
