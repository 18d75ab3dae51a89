/**
 * The temp-folder guard (vitest globalSetup). It gives the run an id that every temp folder of the suite carries
 * (test/support/temp.ts names them `shipgate-test-<run>-...`), and at teardown throws, failing the run, naming each
 * folder of this run still in the OS temp folder. Folders of other runs and other programs are not looked at.
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { RUN_ENV, runEntries } from "./temp-names.ts";

export default function setup(): () => void {
  const run = process.env[RUN_ENV] ?? randomBytes(4).toString("hex");
  // Set before the workers start, so they inherit it.
  process.env[RUN_ENV] = run;
  const before = new Set(runEntries(run));
  return () => {
    const left = runEntries(run).filter((name) => !before.has(name));
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0 when every test passed: set the exit code too.
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} temp folder(s) behind (make them with tempDir() of test/support/temp.ts):\n${left.map((name) => `  ${path.join(tmpdir(), name)}`).join("\n")}`);
    }
  };
}
