/**
 * The one way tests make temp folders. Every folder is named `shipgate-test-<run>-<name>-XXXXXX` and removed even
 * when the test fails: a folder made inside a test (or its beforeEach) goes when that test finishes
 * (onTestFinished); one made at collection time or in beforeAll goes when its file finishes (the afterAll of
 * test/support/setup.ts). test/support/global-setup.ts fails the run naming any folder of the run left behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getCurrentTest } from "vitest/suite";
import { onTestFinished } from "vitest";
import { runPrefix } from "./temp-names.ts";

export { TEMP_PREFIX, runPrefix } from "./temp-names.ts";

/** Folders made at collection time or in beforeAll, removed by removeTempDirs() when the file finishes. */
const pending = new Set<string>();

function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  pending.delete(dir);
}

/** A new empty folder in the OS temp folder (a name may hold spaces or non-ASCII letters), removed after use. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${runPrefix()}${name}-`));
  if (getCurrentTest()) onTestFinished(() => remove(dir));
  else pending.add(dir);
  return dir;
}

/** Removes the folders not bound to a test (called after each file by test/support/setup.ts). */
export function removeTempDirs(): void {
  for (const dir of [...pending]) remove(dir);
}
