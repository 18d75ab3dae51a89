import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { publishResults } from "../../src/actions/publish.ts";
import type { Invocation } from "../../src/core/capability.ts";
import type { GateResult } from "../../src/core/result.ts";
import { readRunContext } from "../../src/core/run-context.ts";
import { parseOutputFile } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

/** publishResults with the real @actions/core writing the runner's files, as in a job. */
let files: { output: string; summary: string };
let stdout: string;
const saved = { ...process.env };

beforeEach(async () => {
  const dir = tempDir("publish-limits");
  files = { output: path.join(dir, "output"), summary: path.join(dir, "summary.md") };
  await writeFile(files.output, "");
  await writeFile(files.summary, "");
  process.env.GITHUB_OUTPUT = files.output;
  process.env.GITHUB_STEP_SUMMARY = files.summary;
  stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
});

function invocation(): Invocation {
  const env = { GITHUB_REPOSITORY: "acme/app", GITHUB_RUN_ID: "7" };
  return { door: "action", cwd: ".", env, run: readRunContext(env), now: new Date(0), clock: () => new Date(0), sleep: async () => {}, log: () => {}, warn: () => {} };
}

const gate = (summary: string, message: string): GateResult => ({
  gate: "security",
  status: "fail",
  title: "1 finding",
  summary,
  findings: [{ level: "failure", file: "a.ts", line: 1, title: "t".repeat(400), message }],
  metrics: {},
});

describe("publishResults within GitHub's limits", () => {
  it("cuts the job summary to 1 MiB, an annotation to 64 KB and a text output to 100,000 characters; a JSON output too large is left empty with a warning", async () => {
    const json = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ target: `host-${i}.example`, ok: false })));
    const outcome = { results: [gate("漢".repeat(500_000), "é".repeat(50_000))], outputs: { notes: "line\n".repeat(40_000), results: json }, json: {}, text: "" };
    await publishResults(outcome, { action: "security-gate", invocation: invocation(), token: undefined, checkName: undefined });

    const summary = await readFile(files.summary, "utf8");
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1_048_576);
    expect(summary).toMatch(/Truncated: \d+ bytes were cut; GitHub takes at most 1048576\.\n$/);

    const outputs = parseOutputFile(await readFile(files.output, "utf8"));
    expect(outputs.notes!.length).toBeLessThanOrEqual(100_000);
    expect(outputs.notes).toMatch(/^line\n[\s\S]*Truncated: \d+ characters were cut; GitHub takes at most 100000\./);
    expect(outputs.results).toBe("");
    expect(stdout).toMatch(/::warning::Output "results" is left empty: its JSON \(\d+ characters\) is over the 100000/);

    const annotation = /::error title=(t+…),file=a\.ts,line=1,endLine=1::(.*)/.exec(stdout);
    expect(annotation?.[1]?.length).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(annotation?.[2] ?? "x".repeat(70_000))).toBeLessThanOrEqual(66_000);
    expect(annotation?.[2]).toMatch(/^é+%0A%0A> ✂️ Truncated: \d+ bytes were cut/);
  });
});
