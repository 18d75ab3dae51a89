import { matchesPath, parsePathPattern, type PathPattern } from "../core/path-pattern.ts";

/**
 * The file patterns of a required-reviewer rule (a ruleset's `required_reviewers`, the policy's team rules): a file
 * is covered when a pattern matches it and no `!` pattern does. CODEOWNERS has no negation; these rules do.
 */
export interface FilePatterns {
  include: PathPattern[];
  exclude: PathPattern[];
}

export type CompiledPatterns = { ok: true; patterns: FilePatterns } | { ok: false; index: number; error: string };

export function compileFilePatterns(texts: readonly string[]): CompiledPatterns {
  const patterns: FilePatterns = { include: [], exclude: [] };
  for (const [index, text] of texts.entries()) {
    const negated = text.startsWith("!");
    const parsed = parsePathPattern(negated ? text.slice(1) : text);
    if (!parsed.ok) return { ok: false, index, error: parsed.error };
    (negated ? patterns.exclude : patterns.include).push(parsed.pattern);
  }
  return { ok: true, patterns };
}

export function coversFile(patterns: FilePatterns, file: string): boolean {
  return patterns.include.some((p) => matchesPath(p, file)) && !patterns.exclude.some((p) => matchesPath(p, file));
}
