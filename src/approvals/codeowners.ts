import { matchesPath, parsePathPattern, type PathPattern } from "../core/path-pattern.ts";

/** Where GitHub looks for the file, in this order; the first one found is used. */
export const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

export type Owner = { kind: "user"; login: string } | { kind: "team"; slug: string } | { kind: "email"; email: string };

export interface CodeownersRule {
  line: number;
  pattern: PathPattern;
  /** Empty: the files are deliberately left without an owner. */
  owners: Owner[];
}

export interface CodeownersProblem {
  line: number;
  message: string;
}

export interface Codeowners {
  path: string;
  rules: CodeownersRule[];
  /** Lines GitHub would skip; the rest of the file still applies. */
  problems: CodeownersProblem[];
}

/** The first CODEOWNERS file that exists, given a lookup of file contents (undefined: absent). */
export function selectCodeowners(read: (path: string) => string | undefined): { path: string; text: string } | undefined {
  for (const location of CODEOWNERS_LOCATIONS) {
    const text = read(location);
    if (text !== undefined) return { path: location, text };
  }
  return undefined;
}

/** Splits a line at unescaped whitespace; a word starting with `#` starts a comment. */
function words(line: string): string[] {
  const result: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "\\" && i + 1 < line.length) {
      current += char + line[++i];
    } else if (/\s/.test(char)) {
      if (current) result.push(current);
      current = "";
    } else if (char === "#" && current === "") {
      break;
    } else current += char;
  }
  if (current) result.push(current);
  return result;
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function parseOwner(word: string): Owner | undefined {
  if (TEAM.test(word)) return { kind: "team", slug: word.slice(1).toLowerCase() };
  if (USER.test(word)) return { kind: "user", login: word.slice(1).toLowerCase() };
  if (EMAIL.test(word)) return { kind: "email", email: word.toLowerCase() };
  return undefined;
}

export function parseCodeowners(text: string, path: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const [patternText, ...ownerWords] = words(raw);
    if (patternText === undefined) return;
    // GitHub documents that `\#` does not turn a comment into a pattern in CODEOWNERS, so the line owns nothing there.
    if (patternText.startsWith("\\#")) {
      problems.push({ line, message: `pattern "${patternText}": escaping # with \\ does not work in CODEOWNERS, so GitHub assigns no owner from this line; the line is skipped` });
      return;
    }
    const parsed = parsePathPattern(patternText);
    if (!parsed.ok) {
      problems.push({ line, message: `pattern "${patternText}": ${parsed.error}; the line is skipped` });
      return;
    }
    const owners: Owner[] = [];
    for (const word of ownerWords) {
      const owner = parseOwner(word);
      if (!owner) {
        problems.push({ line, message: `"${word}" is not a user (@name), a team (@org/team) or an email address; the line is skipped` });
        return;
      }
      owners.push(owner);
    }
    rules.push({ line, pattern: parsed.pattern, owners });
  });
  return { path, rules, problems };
}

/** The rule that decides a file's owners: the last one whose pattern matches. */
export function ruleFor(codeowners: Codeowners, filePath: string): CodeownersRule | undefined {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i]!;
    if (matchesPath(rule.pattern, filePath)) return rule;
  }
  return undefined;
}

export function ownerName(owner: Owner): string {
  return owner.kind === "user" ? `@${owner.login}` : owner.kind === "team" ? `@${owner.slug}` : owner.email;
}
