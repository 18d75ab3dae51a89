/**
 * The one neutraliser of untrusted text (commit messages, branch names, PR titles, file paths and tool names
 * from reports), applied where text is rendered for a sink. Pure: text in, text out. Where each applies is listed
 * in docs/security.md.
 *
 * - Terminals: control characters, ANSI/OSC escape sequences (colours, OSC-8 hyperlinks, title changes) and
 *   bidirectional overrides are removed.
 * - Markdown written by people (release notes, PR bodies): kept as written, except that HTML tags and comments
 *   are escaped, links and images may only point to http(s) (an image is shown as its link, so no tracking
 *   pixel loads), and @user / @org/team mentions get a zero-width space after the @ so nobody is notified
 *   (readable credit stays). Code spans and fenced blocks are left alone: nothing inside them is active.
 * - Markdown values (a path, a tool name in a table or a finding): every markdown character is escaped, so
 *   `pkg/__init__.py` shows as written, not as bold "init".
 */

export type MentionPolicy = "neutralise" | "keep";

/** Zero-width space: `@\u200Balice` reads as @alice but is no mention. */
const ZWSP = "\u200B";

// Matching control characters is the point of these two patterns.
// ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC, e.g. OSC-8 links), ESC P/X/^/_ ... ESC \ (strings), ESC + one char.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]|\u009D[^\u0007\u009C]*[\u0007\u009C]?/g;
// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text safe to print on a terminal: no escape sequence, no control character but tab and newline. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** One line for a terminal: newlines and tabs become spaces too. */
export function terminalLine(text: string): string {
  return terminalText(text).replace(/\s*\n\s*/g, " ").replace(/\t/g, " ");
}

const MENTION = /(^|[^\w`[\\/@.-])@(?=[A-Za-z0-9])/g;

function withoutMentions(text: string, mentions: MentionPolicy): string {
  return mentions === "keep" ? text : text.replace(MENTION, `$1@${ZWSP}`);
}

const SAFE_URL = /^<?(?:https?:\/\/|mailto:|#|\/(?!\/)|\.\.?\/)/i;

/** Outside code: HTML escaped, links and images limited to http(s), images shown as links, mentions neutralised. */
function neutraliseProse(text: string, mentions: MentionPolicy): string {
  let out = text.replace(/<(?=[A-Za-z/!?])/g, "&lt;");
  // An inline link or image whose target is not http(s) (javascript:, data:, vbscript:) keeps its text but loses its target.
  out = out.replace(/\]\(\s*([^)\s]*)/g, (match: string, url: string) => (SAFE_URL.test(url) ? match : `]&#40;${url}`));
  // Reference definitions `[x]: javascript:...` likewise.
  out = out.replace(/^( {0,3}\[[^\]\n]+\]:\s*)(\S+)/gm, (match: string, head: string, url: string) => (SAFE_URL.test(url) ? match : `\\${head}${url}`));
  out = out.replace(/!\[/g, "!\\[");
  return withoutMentions(out, mentions);
}

/**
 * `keep`: underscores as written (CHANGELOG.md, byte for byte as conventional-changelog writes it). `literal`: an
 * underscore at a word's edge is escaped, so a commit subject's `__init__` or `_private_` reads as written on GitHub
 * instead of as bold "init"; underscores inside a word (snake_case) cannot start emphasis and stay.
 */
export type UnderscorePolicy = "keep" | "literal";

const WORD = /[\p{L}\p{N}]/u;

/** Link targets and bare URLs are left alone: an escape there would change the address. */
function literalUnderscores(prose: string): string {
  return prose.replace(/(\]\([^)]*\)|https?:\/\/[^\s)>\]]+)|(?<!\\)_+/g, (match: string, address: string | undefined, offset: number) => {
    if (address) return match;
    const before = prose[offset - 1] ?? "";
    const after = prose[offset + match.length] ?? "";
    return WORD.test(before) && WORD.test(after) ? match : match.replace(/_/g, "\\_");
  });
}

/** Splits a line into prose and code spans (a run of backticks up to the next run of the same length). */
function mapProse(line: string, prose: (text: string) => string): string {
  let out = "";
  let rest = line;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) return out + prose(rest);
    const fence = open[0];
    const after = rest.slice(open.index + fence.length);
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`).exec(after);
    if (!close) return out + prose(rest);
    const end = open.index + fence.length + close.index + fence.length;
    out += prose(rest.slice(0, open.index)) + rest.slice(open.index, end);
    rest = rest.slice(end);
  }
}

export interface MarkdownOptions {
  mentions?: MentionPolicy;
  underscores?: UnderscorePolicy;
}

// What the rewrite below could ever change, looked for in the whole text at once: a control character (that covers
// every escape sequence's introducer and \r), an HTML tag, an image, a reference definition, or an inline link
// whose target is not one SAFE_URL accepts. The rewrite reads each line and each piece of prose between code spans
// alone, so a target counts as safe only after spaces on the same line, and a safe prefix never holds a backtick.
// A text with none of them comes out of the rewrite as it went in.
// eslint-disable-next-line no-control-regex
const REWRITTEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|<[A-Za-z/!?]|!\[|\]:|\]\((?![^\S\n]*<?(?:https?:\/\/|mailto:|#|\/(?!\/)|\.\.?\/))/i;
const MENTION_START = /@[A-Za-z0-9]/;

/** Whether the rewrite could change the text: false only if nothing in it is anything the rewrite acts on. */
function mayNeedRewrite(text: string, mentions: MentionPolicy, underscores: UnderscorePolicy): boolean {
  return REWRITTEN.test(text) || (mentions !== "keep" && MENTION_START.test(text)) || (underscores !== "keep" && text.includes("_"));
}

/**
 * Markdown written by people (commit messages in release notes, PR bodies), made inert where it could act: see
 * the module comment. Ordinary text, emphasis, code and http(s) links come out byte for byte as they went in.
 * A text with nothing to make inert (most commit messages) is returned as it is, without the rewrite's line by line
 * work; test/report/neutralise.test.ts holds both paths to the same output.
 */
export function neutraliseMarkdown(text: string, options: MarkdownOptions = {}): string {
  const mentions = options.mentions ?? "neutralise";
  const underscores = options.underscores ?? "literal";
  return mayNeedRewrite(text, mentions, underscores) ? rewriteMarkdown(text, options) : text;
}

/** neutraliseMarkdown's full work, line by line, for any text; exported so that the tests can hold the shortcut to it. */
export function rewriteMarkdown(text: string, options: MarkdownOptions = {}): string {
  const mentions = options.mentions ?? "neutralise";
  const underscores = options.underscores ?? "literal";
  let fence: string | undefined;
  return terminalText(text)
    .split("\n")
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      return mapProse(line, (prose) => {
        const inert = neutraliseProse(prose, mentions);
        return underscores === "literal" ? literalUnderscores(inert) : inert;
      });
    })
    .join("\n");
}

/**
 * A value shown literally inside markdown (one line): the characters that can start emphasis, code, a link, a
 * table cell or strike-through are escaped, HTML and entities made text, mentions inert. The rest (`#`, `(`, `>`
 * mid-line) cannot act there and stays as written, so shipgate's own titles read the same in the raw markdown.
 */
export function literalMarkdown(text: string, options: { mentions?: MentionPolicy } = {}): string {
  const line = terminalLine(text).replace(/&(?=#?\w+;)/g, "&amp;").replace(/</g, "&lt;");
  return withoutMentions(line.replace(/[\\`*_[\]|~]/g, "\\$&"), options.mentions ?? "neutralise");
}

/** A value as a code span: nothing inside is active; the fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  const line = terminalLine(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") || longest > 0 ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}
