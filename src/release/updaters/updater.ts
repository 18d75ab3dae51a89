/**
 * An updater writes a version into one kind of file, keeping everything else as it was (indentation, line
 * endings, the final newline). Pure: text in, text out. Add a kind by writing one and listing it in index.ts.
 */
export interface VersionUpdater {
  /** What it handles, for messages: "package.json". */
  readonly name: string;
  /** True when this updater handles the file at `path` (relative, forward slashes). */
  handles(path: string): boolean;
  /** The file with the new version; the same text when nothing changes. Throws UserError on a malformed file. */
  update(text: string, version: string, path: string): string;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
