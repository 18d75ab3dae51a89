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
const REFERENCE = /(?:.*?)??\s*([\w-./]*?)??(#)([\w-]+)(?=\s|$|[,;)\]])/gi;
const URL = /\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b/;
const NOTE_LINE = /^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)/i;
const GPG_LINE = /^\s*gpg:/;

function referencesInSentence(sentence: string, action: string | null, found: IssueReference[]): void {
  // Every reference has a #; the pattern is slow to fail on long text, so text without one is skipped.
  if (!sentence.includes("#") || URL.test(sentence)) return;
  REFERENCE.lastIndex = 0;
  for (let match = REFERENCE.exec(sentence); match; match = REFERENCE.exec(sentence)) {
    let repository = match[1] || null;
    let owner: string | null = null;
    const slash = repository ? repository.indexOf("/") : -1;
    if (repository && slash !== -1) {
      owner = repository.slice(0, slash);
      repository = repository.slice(slash + 1);
    }
    found.push({ key: `${action} ${match[0]}`.toLowerCase(), owner, repository, prefix: match[2]!, issue: match[3]! });
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
