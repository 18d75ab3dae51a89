/**
 * Issue and pull-request references in a line of a commit message, found the way conventional-changelog's parser
 * finds them (so that both list the same "closes" links): `#123` and `owner/repo#123`; a line with a closing
 * keyword starts its references after the keyword; a sentence with a URL carries none. Fixed patterns only.
 */

export interface IssueReference {
  /** Lower-case key the parser de-duplicates by. */
  key: string;
  owner: string | null;
  repository: string | null;
  prefix: string;
  issue: string;
}

const CLOSING = /(close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved)(?:\s+(.*?))(?=(?:close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved)|$)/gi;
const URL = /\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b/;

const AFTER_ISSUE = /[\s,;)\]]/;

/** `[\w-]` (ASCII letters, digits, `_`, `-`) by character code: these loops test every character of a long line. */
function isIssueChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45;
}

/** `[\w\-./]`. */
function isRepositoryChar(code: number): boolean {
  return isIssueChar(code) || code === 46 || code === 47;
}

/** Whether `line` may hold `prefix` (case-insensitively); a prefix without letters, like `#`, needs no lower-casing. */
function mayContain(line: string, prefix: string): boolean {
  if (!prefix) return false;
  const lower = prefix.toLowerCase();
  return lower === prefix.toUpperCase() ? line.includes(prefix) : line.toLowerCase().includes(lower);
}

/** The prefix (of `prefixes`, compared case-insensitively as the parser does) that starts at `at`, or null. */
function prefixAt(sentence: string, at: number, prefixes: readonly string[]): string | null {
  for (const prefix of prefixes) {
    if (prefix.length === 1 && sentence[at] !== prefix && prefix.toLowerCase() === prefix.toUpperCase()) continue;
    if (prefix && sentence.slice(at, at + prefix.length).toLowerCase() === prefix.toLowerCase()) return sentence.slice(at, at + prefix.length);
  }
  return null;
}

/**
 * The references of one sentence, matching what conventional-changelog's pattern
 * `(?:.*?)??\s*([\w-./]*?)??(PREFIX)([\w-]+)(?=\s|$|[,;)\]])` finds with its global flag, but in one linear pass:
 * that pattern backtracks quadratically on long text, and a hostile commit message must not stall a release.
 */
function referencesInSentence(sentence: string, action: string | null, prefixes: readonly string[], found: IssueReference[]): void {
  // A sentence with a URL carries none.
  if (URL.test(sentence)) return;
  let searchFrom = 0;
  // The usual prefix, one character without case (`#`): the native search skips to each of its places.
  const only = prefixes.length === 1 ? prefixes[0]! : "";
  const single = only.length === 1 && only.toLowerCase() === only.toUpperCase() ? only : null;
  for (let at = single === null ? 0 : sentence.indexOf(single); at !== -1 && at < sentence.length; at = single === null ? at + 1 : sentence.indexOf(single, at + 1)) {
    const prefix = single ?? prefixAt(sentence, at, prefixes);
    if (prefix === null) continue;
    const issueStart = at + prefix.length;
    let end = issueStart;
    while (end < sentence.length && isIssueChar(sentence.charCodeAt(end))) end++;
    if (end === issueStart || (end < sentence.length && !AFTER_ISSUE.test(sentence[end]!))) continue;
    let runStart = at;
    while (runStart > searchFrom && isRepositoryChar(sentence.charCodeAt(runStart - 1))) runStart--;
    let repository: string | null = sentence.slice(runStart, at) || null;
    let owner: string | null = null;
    const slash = repository ? repository.indexOf("/") : -1;
    if (repository && slash !== -1) {
      owner = repository.slice(0, slash);
      repository = repository.slice(slash + 1);
    }
    found.push({ key: `${action} ${sentence.slice(searchFrom, end)}`.toLowerCase(), owner, repository, prefix, issue: sentence.slice(issueStart, end) });
    searchFrom = end;
    at = end - 1;
  }
}

/** The references of one line after the header or of the header, found as the parser finds them. */
export function referencesInLine(line: string, prefixes: readonly string[], found: IssueReference[]): void {
  if (!prefixes.some((prefix) => mayContain(line, prefix))) return;
  // Whether it matches anywhere (a test rather than match: the matches are only counted below).
  CLOSING.lastIndex = 0;
  const closing = CLOSING.test(line);
  CLOSING.lastIndex = 0;
  if (!closing) {
    referencesInSentence(line, null, prefixes, found);
    return;
  }
  for (let match = CLOSING.exec(line); match; match = CLOSING.exec(line)) {
    referencesInSentence(match[2] ?? "", match[1]!, prefixes, found);
  }
}
