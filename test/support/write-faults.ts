/**
 * The harness of the tests "a failure at each write, then a re-run" (incidents, runbooks): a lifecycle of steps
 * is run once without faults, which records its writes and its end state; then once per write with that write
 * refused (an injected 500), and once with it done but its answer lost (a 502). A step that fails is run again,
 * as the re-run of the job would run it. Each test file declares its lifecycle and what it asserts.
 */
import { HttpError, type Simulator } from "../simulator/index.ts";
import { defaultRoutes } from "../simulator/routes/index.ts";

/** The client's retries of a run without faults, and of the re-run. */
const RETRIES = 3;

/** One step of the lifecycle on the simulator; `retries` is 0 for the run that meets the fault, so that it fails. */
export type Step = (sim: Simulator, retries: number) => Promise<unknown>;

export interface Lifecycle {
  steps: readonly Step[];
  /** A simulator in the state the lifecycle starts from. */
  freshSimulator(): Promise<Simulator>;
  /** What must be the same whatever failed on the way. */
  endState(sim: Simulator): unknown;
}

export interface Write {
  /** Its place among the lifecycle's writes, for the test's name. */
  index: number;
  operationId: string;
  /** How many writes of the same operation came before it. */
  before: number;
}

/** The lifecycle without faults: its writes in order (GraphQL queries are reads, though sent by POST) and its end state. */
export async function baseline(lifecycle: Lifecycle): Promise<{ writes: Write[]; state: unknown }> {
  const sim = await lifecycle.freshSimulator();
  try {
    for (const step of lifecycle.steps) await step(sim, RETRIES);
    const counts = new Map<string, number>();
    const writes = sim.requests
      .filter((r) => r.method !== "GET" && r.operationId !== undefined && r.operationId !== "graphql")
      .map((r, index) => {
        const operationId = r.operationId!;
        const before = counts.get(operationId) ?? 0;
        counts.set(operationId, before + 1);
        return { index, operationId, before };
      });
    return { writes, state: lifecycle.endState(sim) };
  } finally {
    await sim.close();
  }
}

/** The lifecycle with the write refused before it happens: how many steps failed (and were run again), how often the fault struck, and the end state. */
export async function runWithWriteRefused(lifecycle: Lifecycle, write: Write): Promise<{ failures: number; faultsApplied: number; state: unknown }> {
  const sim = await lifecycle.freshSimulator();
  try {
    const fault = sim.inject({ operationId: write.operationId, after: write.before, status: 500 });
    const failures = await runWithRerun(lifecycle.steps, sim);
    return { failures, faultsApplied: fault.applied, state: lifecycle.endState(sim) };
  } finally {
    await sim.close();
  }
}

/** The lifecycle with the write done but answered with a 502, as if the answer was lost on the way back: the end state. */
export async function runWithAnswerLost(lifecycle: Lifecycle, write: Write): Promise<unknown> {
  const sim = await lifecycle.freshSimulator();
  try {
    loseAnswer(sim, write);
    await runWithRerun(lifecycle.steps, sim);
    return lifecycle.endState(sim);
  } finally {
    await sim.close();
  }
}

/** What identifies a comment in an end state, whatever its timestamps: its shipgate marker, or its text when it has none. */
export function commentMarker(body: string): string {
  return /<!-- shipgate:[^>]*-->/.exec(body)?.[0] ?? body;
}

/** Runs every step; a step that fails is run again (the re-run of the job), without the fault. */
async function runWithRerun(steps: readonly Step[], sim: Simulator): Promise<number> {
  let failures = 0;
  for (const step of steps) {
    try {
      await step(sim, 0);
    } catch {
      failures++;
      await step(sim, RETRIES);
    }
  }
  return failures;
}

/** The n-th call of an operation does its work, then answers 502. */
function loseAnswer(sim: Simulator, write: Write): void {
  const original = defaultRoutes()[write.operationId]!;
  let seen = 0;
  sim.route(write.operationId, async (context) => {
    const result = await original(context);
    if (seen++ === write.before) throw new HttpError(502, "Bad Gateway");
    return result;
  });
}
