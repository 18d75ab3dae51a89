/**
 * The one set-up of the API simulator for tests: start it, seed repositories, close it after the test (or after the
 * file when started in beforeAll/at collection), and the environment that points a CLI run or an action bundle at it.
 */
import { afterAll, onTestFinished } from "vitest";
import { getCurrentTest } from "vitest/suite";
import { startSimulator } from "./server.ts";
import type { Simulator, SimulatorOptions } from "./server.ts";

export interface TestSimulatorOptions extends SimulatorOptions {
  /** Repositories ("owner/name") that exist from the start. */
  repos?: string[];
}

/**
 * A started simulator, closed when the current test finishes (close() throws on unexamined contract violations,
 * which fails that test); outside a test (beforeAll) it is closed after the file.
 */
export async function startTestSimulator(options: TestSimulatorOptions = {}): Promise<Simulator> {
  const { repos = [], ...simulatorOptions } = options;
  const sim = await startSimulator(simulatorOptions);
  if (getCurrentTest()) onTestFinished(() => sim.close());
  else afterAll(() => sim.close());
  for (const repo of repos) sim.state.addRepo(repo);
  return sim;
}

/**
 * The environment of a CLI run or an action bundle talking to `sim`: its URL as GITHUB_API_URL, retry waits in
 * milliseconds, no spacing of writes, and GITHUB_TOKEN when `token` is given.
 */
export function simulatorEnv(sim: Simulator, token?: string): Record<string, string> {
  return {
    GITHUB_API_URL: sim.url,
    SHIPGATE_RETRY_AFTER_BASE_MS: "1",
    SHIPGATE_NO_WRITE_SPACING: "1",
    ...(token === undefined ? {} : { GITHUB_TOKEN: token }),
  };
}
