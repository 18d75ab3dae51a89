import { execFile } from "node:child_process";
import { UserError } from "../core/errors.ts";

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs git with an argument array (never a shell) in a repository; non-zero exits are returned, not thrown. */
export function runGit(cwd: string, args: string[], options: { maxBuffer?: number; timeoutMs?: number } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      ["-c", "core.quotePath=false", ...args],
      { cwd, maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          if (error.code === "ENOENT") reject(new UserError("git is not installed or not on PATH"));
          else reject(new UserError(`git ${args[0] ?? ""} failed in ${cwd}: ${error.message}`));
          return;
        }
        resolve({ stdout, stderr, exitCode: error ? Number(error.code) : 0 });
      },
    );
  });
}
