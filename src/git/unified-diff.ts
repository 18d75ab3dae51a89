/**
 * Added and modified lines of a unified diff (as `git diff --unified=0` writes it, or the `patch` field of
 * GitHub's pull-request files API), by the new file's path.
 */
export type ChangedLines = Map<string, number[]>;

const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** git writes names with special characters C-quoted: "b/caf\303\251 menu.ts". */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, '"': 34, "\\": 92 };
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i]!;
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = raw[i + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(raw.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Lines added in the new version of each file of a multi-file diff. Deleted files are left out. */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: number[] | undefined;
  let nextLine = 0;
  for (const line of diff.split(/\r?\n/)) {
    if (line.startsWith("+++ ")) {
      const name = line.slice(4).replace(/\t$/, "");
      if (name === "/dev/null") {
        current = undefined;
        continue;
      }
      const path = unquoteGitPath(name).replace(/^b\//, "");
      current = changed.get(path) ?? [];
      changed.set(path, current);
      continue;
    }
    if (line.startsWith("--- ") || line.startsWith("diff --git ")) continue;
    const header = hunkHeader.exec(line);
    if (header) {
      nextLine = Number(header[1]);
      continue;
    }
    if (!current) continue;
    if (line.startsWith("+")) current.push(nextLine++);
    else if (line.startsWith(" ")) nextLine++;
  }
  return changed;
}

/** The added lines of one file's hunks (GitHub's `patch` field has hunks but no file headers). */
export function addedLinesOfPatch(patch: string): number[] {
  return parseUnifiedDiff(`+++ b/file\n${patch}`).get("file") ?? [];
}
