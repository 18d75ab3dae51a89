import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";

/**
 * Prepends a release's section to CHANGELOG.md: idempotently (a version whose heading is already in the file is
 * never written twice) and atomically (a temp file in the same directory, then rename), so a re-run or a crash
 * never leaves a duplicated or half-written changelog.
 */

/** True when a heading line of the text names this version (`## [1.2.0](...)`, `## 1.2.0 (...)`, `# v1.2.0`). */
export function hasVersionHeading(text: string, version: string): boolean {
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) continue;
    let rest = line.replace(/^#+\s*/, "").replace(/^\[/, "");
    if (rest.startsWith("v") && !version.startsWith("v")) rest = rest.slice(1);
    if (!rest.startsWith(version)) continue;
    const after = rest.charAt(version.length);
    if (after === "" || after === "]" || after === " " || after === "(") return true;
  }
  return false;
}

/** Puts the section before the first release heading, below a title and intro when the file has them. */
export function prependSection(existing: string, section: string): string {
  const body = section.endsWith("\n") ? section : section + "\n";
  if (!existing.trim()) return body;
  const lines = existing.split("\n");
  const hasTitle = /^# /.test(lines[0] ?? "");
  if (!hasTitle) return `${body}\n${existing}`;
  const firstRelease = lines.findIndex((line, i) => i > 0 && /^##? /.test(line));
  if (firstRelease === -1) return `${existing.replace(/\n*$/, "")}\n\n${body}`;
  const head = lines.slice(0, firstRelease).join("\n").replace(/\n*$/, "");
  return `${head}\n\n${body}\n${lines.slice(firstRelease).join("\n")}`;
}

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  // Loaded here, not with the module: loading node:crypto costs about a third of `node -e 0`, which notes that are
  // not written to a file (release branches, the changelog's outputs) need not pay.
  const { randomBytes } = await import("node:crypto");
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UserError(`${file}: cannot write the changelog: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A changelog larger than this is not a changelog: refuse rather than read and rewrite it whole. */
const MAX_CHANGELOG_BYTES = 64 * 1024 * 1024;

/**
 * The file's text, or "" when it does not exist. A file that is not UTF-8 text is refused: decoding it would
 * replace its bytes with U+FFFD and the rewrite would destroy it.
 */
async function readExisting(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UserError(`${file}: the changelog is not a regular file`);
    if (info.size > MAX_CHANGELOG_BYTES) throw new UserError(`${file}: the changelog is ${info.size} bytes; at most ${MAX_CHANGELOG_BYTES} are rewritten`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new UserError(`${file}: cannot read the changelog: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (bytes.includes(0)) throw new UserError(`${file}: the changelog contains binary data; refusing to rewrite it`);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UserError(`${file}: the changelog is not UTF-8 text; refusing to rewrite it`);
  }
}

/** Prepends the releases (newest first) the file does not have yet, in one atomic write; returns the versions written. */
export async function writeReleases(file: string, releases: readonly { version: string; notes: string }[]): Promise<string[]> {
  const text = await readExisting(file);
  // A byte order mark stays first in the file, ahead of the title the new section goes below.
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const existing = text.slice(bom.length);
  const missing = releases.filter((release) => !hasVersionHeading(existing, release.version));
  if (missing.length === 0) return [];
  await writeFileAtomic(file, bom + prependSection(existing, missing.map((r) => r.notes).join("\n")));
  return missing.map((r) => r.version);
}
