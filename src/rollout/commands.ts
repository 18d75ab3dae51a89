/**
 * Runs the user's traffic, rollback, deploy, smoke and retire commands (src/process/run-command.ts), the rollout's
 * facts in environment variables, and keeps the tail of the output, neutralised, for the log and the summary.
 */
import { runCommand } from "../process/run-command.ts";
import { terminalText } from "../report/neutralise.ts";
import type { CommandOutcome, CommandRunner } from "./ports.ts";

/** Bytes of output kept per command: enough to see why it failed, never a job summary's worth. */
const KEPT_BYTES = 4000;

/**
 * What a command printed, safe for a step log: no escape sequence or control character, and no line the runner
 * would read as a workflow command (`::error::`, `::add-mask::`, `::stop-commands::`): a zero-width space splits them.
 */
function tail(text: string): string {
  const clean = terminalText(text).replace(/^(\s*):(?=:)/gm, "$1:\u200B");
  return clean.length > KEPT_BYTES ? `…${clean.slice(-KEPT_BYTES)}` : clean;
}

export function processRunner(cwd: string, baseEnv: NodeJS.ProcessEnv): CommandRunner {
  return {
    async run(argv, env, timeoutMs) {
      const run = await runCommand(argv, { cwd, env: { ...baseEnv, ...env }, timeoutMs, keep: KEPT_BYTES * 2 });
      if (run.error !== null) return { exitCode: null, signal: null, timedOut: false, output: "", error: `cannot run ${terminalText(argv[0] ?? "")}: ${run.error}` };
      return { exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, output: tail(run.output), error: null };
    },
  };
}

/** One line saying how a command ended, for the log, the summary and the records. */
export function describeOutcome(name: string, outcome: CommandOutcome, timeoutMs: number): string {
  if (outcome.error) return `${name} command: ${outcome.error}`;
  if (outcome.timedOut) return `${name} command timed out after ${Math.round(timeoutMs / 1000)} s and was killed`;
  if (outcome.exitCode === 0) return `${name} command succeeded`;
  return outcome.signal ? `${name} command was killed by ${outcome.signal}` : `${name} command exited with code ${outcome.exitCode}`;
}

export function succeeded(outcome: CommandOutcome): boolean {
  return outcome.error === null && !outcome.timedOut && outcome.exitCode === 0;
}
