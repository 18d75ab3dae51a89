/**
 * Issue and pull-request references in commit messages, found the way conventional-changelog's parser finds
 * them (so that both list the same "closes" links): `#123` and `owner/repo#123` anywhere in the header and in
 * later lines; a line with a closing keyword starts its references after the keyword; lines with a URL and
 * BREAKING CHANGE lines carry none. Fixed patterns only.
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
const NOTE_LINE = /^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)/i;
const GPG_LINE = /^\s*gpg:/;

const ISSUE_CHAR = /[\w-]/;
const REPOSITORY_CHAR = /[\w\-./]/;
const AFTER_ISSUE = /[\s,;)\]]/;

/**
 * The references of one sentence, matching what conventional-changelog's pattern
 * `(?:.*?)??\s*([\w-./]*?)??(#)([\w-]+)(?=\s|$|[,;)\]])` finds with its global flag, but in one linear pass: that
 * pattern backtracks quadratically on long text, and a hostile commit message must not stall a release.
 */
function referencesInSentence(sentence: string, action: string | null, found: IssueReference[]): void {
  // Every reference has a #; a sentence with a URL carries none.
  if (!sentence.includes("#") || URL.test(sentence)) return;
  let searchFrom = 0;
  for (let hash = sentence.indexOf("#"); hash !== -1; hash = sentence.indexOf("#", hash + 1)) {
    let end = hash + 1;
    while (end < sentence.length && ISSUE_CHAR.test(sentence[end]!)) end++;
    if (end === hash + 1 || (end < sentence.length && !AFTER_ISSUE.test(sentence[end]!))) continue;
    let runStart = hash;
    while (runStart > searchFrom && REPOSITORY_CHAR.test(sentence[runStart - 1]!)) runStart--;
    let repository: string | null = sentence.slice(runStart, hash) || null;
    let owner: string | null = null;
    const slash = repository ? repository.indexOf("/") : -1;
    if (repository && slash !== -1) {
      owner = repository.slice(0, slash);
      repository = repository.slice(slash + 1);
    }
    found.push({ key: `${action} ${sentence.slice(searchFrom, end)}`.toLowerCase(), owner, repository, prefix: "#", issue: sentence.slice(hash + 1, end) });
    searchFrom = end;
    hash = end - 1;
  }
}

function referencesInLine(line: string, found: IssueReference[]): void {
  if (!line.includes("#")) return;
  CLOSING.lastIndex = 0;
  if (!line.match(CLOSING)) {
    referencesInSentence(line, null, found);
    return;
  }
  CLOSING.lastIndex = 0;
  for (let match = CLOSING.exec(line); match; match = CLOSING.exec(line)) {
    referencesInSentence(match[2] ?? "", match[1]!, found);
  }
}

/** The references of a whole commit message, de-duplicated, in order of appearance. */
export function referencesOf(message: string): IssueReference[] {
  const lines = message.replace(/^[\r\n]+|[\r\n]+$/g, "").split(/\r?\n/).filter((line) => !GPG_LINE.test(line));
  const found: IssueReference[] = [];
  lines.forEach((line, index) => {
    if (index > 0 && NOTE_LINE.test(line)) return;
    referencesInLine(line, found);
  });
  const seen = new Set<string>();
  return found.filter((reference) => !seen.has(reference.key) && Boolean(seen.add(reference.key)));
}
