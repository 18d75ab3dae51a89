/**
 * Runs the user's traffic, rollback, deploy, smoke and retire commands: an argument list (never a shell), the
 * rollout's facts in environment variables, a hard timeout (the whole process group is killed), and only the
 * tail of the output kept, neutralised, for the log and the summary.
 */
import { spawn } from "node:child_process";
import { terminalText } from "../report/neutralise.ts";
import type { CommandOutcome, CommandRunner } from "./ports.ts";

/** Bytes of output kept per command: enough to see why it failed, never a job summary's worth. */
const KEPT_BYTES = 4000;
/** After the timeout's SIGTERM, a command gets this long before SIGKILL. */
const KILL_GRACE_MS = 5000;

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
    run(argv, env, timeoutMs) {
      return new Promise((resolve) => {
        const [program, ...args] = argv as [string, ...string[]];
        let output = "";
        let timedOut = false;
        const keep = (chunk: Buffer): void => {
          output = (output + chunk.toString("utf8")).slice(-KEPT_BYTES * 2);
        };
        const child = spawn(program, args, { cwd, env: { ...baseEnv, ...env }, stdio: ["ignore", "pipe", "pipe"], shell: false, detached: process.platform !== "win32" });
        const killGroup = (signal: NodeJS.Signals): void => {
          try {
            if (child.pid !== undefined && process.platform !== "win32") process.kill(-child.pid, signal);
            else child.kill(signal);
          } catch {
            // already gone
          }
        };
        let grace: NodeJS.Timeout | undefined;
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup("SIGTERM");
          grace = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
        }, timeoutMs);
        child.stdout.on("data", keep);
        child.stderr.on("data", keep);
        let started = true;
        child.once("error", (error: NodeJS.ErrnoException) => {
          started = false;
          clearTimeout(timer);
          resolve({ exitCode: null, signal: null, timedOut: false, output: "", error: `cannot run ${terminalText(program)}: ${error.code ?? error.message}` });
        });
        child.once("close", (code, signal) => {
          clearTimeout(timer);
          clearTimeout(grace);
          if (!started) return;
          const outcome: CommandOutcome = { exitCode: code, signal, timedOut, output: tail(output), error: null };
          resolve(outcome);
        });
      });
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
