/**
 * Report paths to repository-relative, forward-slash paths, so that reports from different tools,
 * runners and operating systems name a file the same way, and the same way as `git diff` does.
 */
export interface PathContext {
  /** The repository checkout (GITHUB_WORKSPACE or the current directory): absolute paths under it become relative. */
  workspace?: string;
  /**
   * Other prefixes the report's paths start with, stripped as well: the directory the report was
   * produced in (a container's /app), or a Go module path (example.com/org/repo).
   */
  root?: string | string[];
}

/**
 * Absolute checkout paths of GitHub-hosted and container runners (/home/runner/work/repo/repo/,
 * /Users/runner/work/repo/repo/, D:\a\repo\repo\, /__w/repo/repo/): a report made on another runner
 * than the one reading it still names the repository's files.
 */
const RUNNER_CHECKOUT = /^(?:\/home\/runner\/work|\/Users\/runner\/work|\/__w|[a-z]:\/a)\/([^/]+)\/\1\//i;

export function normalizePath(path: string, context: PathContext = {}): string {
  const cleaned = clean(path);
  const prefixes = [context.workspace, ...[context.root ?? []].flat()].filter((prefix): prefix is string => prefix !== undefined && prefix !== "");
  for (const prefix of prefixes) {
    const relative = under(cleaned, clean(prefix));
    if (relative !== null) return relative;
  }
  const runner = RUNNER_CHECKOUT.exec(cleaned);
  if (runner !== null) return cleaned.slice(runner[0].length);
  return cleaned;
}

/**
 * Like normalizePath for a path of a report that declares source roots (Cobertura <sources>):
 * a relative path is tried under each root first, and kept as written if none is inside the workspace.
 */
export function normalizeReportPath(path: string, roots: readonly string[], context: PathContext = {}): string {
  const cleaned = clean(path);
  if (!isAbsolute(cleaned)) {
    for (const root of roots) {
      const joined = normalizePath(`${clean(root)}/${cleaned}`, context);
      if (!isAbsolute(joined)) return joined;
    }
  }
  return normalizePath(cleaned, context);
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[a-z]:\//i.test(path);
}

/** Forward slashes, no file:// scheme, no "." segments, ".." resolved, no doubled or trailing slashes. */
function clean(path: string): string {
  let text = path.replace(/\\/g, "/");
  if (/^file:\/\//i.test(text)) text = decodeURIComponent(text.slice("file://".length)).replace(/^\/([a-z]:\/)/i, "$1");
  const drive = /^[a-z]:(?=\/|$)/i.exec(text)?.[0];
  if (drive !== undefined) text = text.slice(2);
  const absolute = text.startsWith("/");
  const segments: string[] = [];
  for (const segment of text.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && segments.length > 0 && segments[segments.length - 1] !== "..") segments.pop();
    else if (segment !== ".." || !absolute) segments.push(segment);
  }
  const joined = segments.join("/");
  if (drive !== undefined) return `${drive.toUpperCase()}/${joined}`;
  return absolute ? `/${joined}` : joined;
}

/** `path` relative to `prefix` when it lies under it (Windows drive paths compare case-insensitively), else null. */
function under(path: string, prefix: string): string | null {
  if (prefix === "" || prefix === "/") return null;
  const windows = /^[a-z]:\//i.test(prefix);
  const comparablePath = windows ? path.toLowerCase() : path;
  const comparablePrefix = windows ? prefix.toLowerCase() : prefix;
  if (comparablePath === comparablePrefix) return "";
  if (comparablePath.startsWith(`${comparablePrefix}/`)) return path.slice(prefix.length + 1);
  return null;
}
