/** How the suite names its temp folders; no vitest import, so the global setup can use it too. */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";

/** What every temp folder of the suite starts with. */
export const TEMP_PREFIX = "shipgate-test-";

/** The id of this vitest run (set by the global setup, inherited by the workers): names this run's folders. */
export const RUN_ENV = "SHIPGATE_TEST_RUN";

/** `shipgate-test-<run>-`: the prefix of the folders of this run (`shipgate-test-local-` outside vitest). */
export function runPrefix(run = process.env[RUN_ENV] ?? "local"): string {
  return `${TEMP_PREFIX}${run}-`;
}

/** The entries of `dir` (default the OS temp folder) that belong to the run `run`. */
export function runEntries(run: string, dir = tmpdir()): string[] {
  const prefix = runPrefix(run);
  return readdirSync(dir).filter((name) => name.startsWith(prefix));
}
