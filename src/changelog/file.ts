import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
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
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UserError(`${file}: cannot write the changelog: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function readExisting(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new UserError(`${file}: cannot read the changelog: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Prepends the releases (newest first) the file does not have yet, in one atomic write; returns the versions written. */
export async function writeReleases(file: string, releases: readonly { version: string; notes: string }[]): Promise<string[]> {
  const existing = await readExisting(file);
  const missing = releases.filter((release) => !hasVersionHeading(existing, release.version));
  if (missing.length === 0) return [];
  await writeFileAtomic(file, prependSection(existing, missing.map((r) => r.notes).join("\n")));
  return missing.map((r) => r.version);
}
