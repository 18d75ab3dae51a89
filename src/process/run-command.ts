/**
 * Runs a user's command: an argument list (never a shell), a hard timeout after which the whole process group is
 * killed (SIGTERM, then SIGKILL after a grace), and only a bounded tail of stdout and stderr kept, raw: each caller
 * neutralises it for where it goes (a step log, an issue).
 */
import { spawn } from "node:child_process";

/** After the timeout's SIGTERM, a command gets this long before SIGKILL. */
const KILL_GRACE_MS = 5000;

export interface CommandRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last `keep` characters of stdout and stderr, as printed. */
  output: string;
  /** Why it could not start (e.g. ENOENT), else null. */
  error: string | null;
  /** Measured on the monotonic clock, whatever the run's clock says. */
  elapsedMs: number;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Characters of output kept while it runs: bounded whatever it prints. */
  keep: number;
}

export function runCommand(argv: readonly string[], options: CommandOptions): Promise<CommandRun> {
  return new Promise((resolve) => {
    const [program, ...args] = argv as [string, ...string[]];
    const startedAt = performance.now();
    const elapsed = (): number => performance.now() - startedAt;
    let output = "";
    let timedOut = false;
    const groups = process.platform !== "win32";
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], shell: false, detached: groups });
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined && groups) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The group is already gone.
      }
    };
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-options.keep);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      grace = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    }, options.timeoutMs);
    let started = true;
    child.once("error", (error: NodeJS.ErrnoException) => {
      started = false;
      clearTimeout(timer);
      resolve({ exitCode: null, signal: null, timedOut: false, output: "", error: error.code ?? error.message, elapsedMs: elapsed() });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(grace);
      if (started) resolve({ exitCode: code, signal, timedOut, output, error: null, elapsedMs: elapsed() });
    });
  });
}
