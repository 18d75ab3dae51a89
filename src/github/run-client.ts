import type { Invocation } from "../core/capability.ts";
import type { RunContext } from "../core/run-context.ts";
import { budgetOf, createOctokit, DEFAULT_TIME_BUDGET_MS, type Octokit, type TimeBudget } from "./client.ts";
import { Pacer } from "./pacer.ts";
import { clientTuningFromEnv } from "./tuning.ts";

interface RunState {
  budget: TimeBudget;
  pacer: Pacer;
}

/** One budget and one pacing per run, however many clients its gates make (the umbrella runs several at once). */
const runs = new WeakMap<RunContext, RunState>();

/** How the budget is set at each door, for the message when it runs out. */
const SET_BY = { action: "input time-budget", cli: "--time-budget" } as const;

/** What a client needs of the invocation; callers pass the whole one, whose door and budget are then read too. */
type RunOf = Pick<Invocation, "run" | "env" | "log"> & Partial<Pick<Invocation, "door" | "timeBudgetMs">>;

function stateOf(invocation: RunOf): RunState {
  let state = runs.get(invocation.run);
  if (!state) {
    const tuning = clientTuningFromEnv(invocation.env);
    const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    state = {
      budget: budgetOf(invocation.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, SET_BY[invocation.door ?? "action"]),
      pacer: new Pacer(clock, tuning.retries ?? 3, tuning.throttleWrites !== false),
    };
    runs.set(invocation.run, state);
  }
  return state;
}

/** The GitHub client of a run: its API URL (or `baseUrl`), its log, its time budget, and the test knobs of its environment. */
export function octokitOfRun(token: string, invocation: RunOf, baseUrl = invocation.run.apiUrl): Octokit {
  const { budget, pacer } = stateOf(invocation);
  return createOctokit({ token, baseUrl, log: invocation.log, budget, pacer, ...clientTuningFromEnv(invocation.env) });
}
