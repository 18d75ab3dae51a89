/** Runs the CLI in-process and captures what it prints. */
import { runCli } from "../../src/cli/main.ts";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

export async function cli(argv: string[], options: { cwd?: string; now?: string } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? process.cwd(),
    env: {},
    now: () => new Date(options.now ?? "2026-03-10T09:00:00Z"),
  });
  let json: unknown = null;
  if (argv.includes("--json")) json = JSON.parse(stdout);
  return { code, stdout, stderr, json };
}
