import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.ts";

/** The CLI entry as a process: standard output that cannot be written ends it with one line, never a stack trace. */

const entry = path.resolve("src/cli.ts");
let dir: string;
let report: string;

beforeAll(async () => {
  dir = tempDir("streams");
  report = path.join(dir, "lcov.info");
  await writeFile(report, "SF:a.js\nDA:1,1\nLF:1\nLH:1\nend_of_record\n");
});

function runEntry(stdout: "pipe-closed" | number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, "coverage", report, "--min-lines", "10", "--json"], { cwd: dir, stdio: ["ignore", stdout === "pipe-closed" ? "pipe" : stdout, "pipe"] });
    // The reader is gone before the first write.
    if (stdout === "pipe-closed") child.stdout?.destroy();
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("shipgate writing to a broken standard output", () => {
  it("ends quietly with the verdict's exit code when the reader went away (| head)", async () => {
    const result = await runEntry("pipe-closed");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.skipIf(!existsSync("/dev/full"))("names the failure and exits 3 when standard output is full", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const result = await runEntry(full);
      expect(result.stderr).toBe("shipgate: cannot write to standard output: ENOSPC\n");
      expect(result.code).toBe(3);
    } finally {
      closeSync(full);
    }
  });
});
