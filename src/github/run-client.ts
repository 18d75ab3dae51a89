import type { Invocation } from "../core/capability.ts";
import { createOctokit, type Octokit } from "./client.ts";
import { clientTuningFromEnv } from "./tuning.ts";

/** The GitHub client of a run: its API URL (or `baseUrl`), its log, and the test knobs of its environment. */
export function octokitOfRun(token: string, invocation: Pick<Invocation, "run" | "env" | "log">, baseUrl = invocation.run.apiUrl): Octokit {
  return createOctokit({ token, baseUrl, log: invocation.log, ...clientTuningFromEnv(invocation.env) });
}
