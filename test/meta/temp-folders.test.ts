/**
 * Temp folders of tests come from tempDir() of test/support/temp.ts only: it names them for the run and removes
 * them, and the global setup fails the run on any left behind. A direct mkdtemp elsewhere would escape both.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const testRoot = path.resolve(import.meta.dirname, "..");
const allowed = new Set(["support/temp.ts"]);

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.relative(testRoot, path.join(entry.parentPath, entry.name)));
}

describe("temp folders of the tests", () => {
  it("are made with tempDir(), never with mkdtemp in the OS temp folder directly", async () => {
    const offenders: string[] = [];
    for (const file of await sources(testRoot)) {
      if (allowed.has(file.split(path.sep).join("/"))) continue;
      const text = await readFile(path.join(testRoot, file), "utf8");
      if (/mkdtemp(Sync)?\([^)]*tmpdir\(\)/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
