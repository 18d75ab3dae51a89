import { setImmediate as nextTurn } from "node:timers/promises";
import type { AnyCapability, Invocation } from "../core/capability.ts";
import { ExternalError, NotApplicable, UserError } from "../core/errors.ts";
import { mapLimit } from "../core/map-limit.ts";
import type { GateResult } from "../core/result.ts";
import type { PolicyScope } from "../policy/scope.ts";
import type { Policy } from "../policy/types.ts";
import { START_ORDER } from "./gates.ts";

/** A gate that could not run: bad configuration (exit 2 on the CLI) or an external failure after retries (exit 3). */
export interface GateError {
  gate: string;
  kind: "configuration" | "external";
}

/** Skipped is not passed: the reason says what it would take to run the gate. */
export function skipped(gate: string, why: string): GateResult {
  return { gate, status: "skip", title: why, summary: "", findings: [{ level: "notice", message: `${gate} skipped: ${why}` }], metrics: {} };
}

function failedToRun(gate: string, error: UserError | ExternalError): GateResult {
  const kind = error instanceof UserError ? "configuration error" : "external error";
  return { gate, status: "fail", title: `${kind}: ${error.message}`, summary: "", findings: [{ level: "failure", message: error.message }], metrics: {} };
}

/**
 * The values of the umbrella's options that a gate declares under the same key (token, pull request, commit...).
 * A gate that judges a pull request or a commit (approvals) gets the commit only when no pull request is named:
 * the umbrella's commit is then the one go/no-go judges.
 */
function sharedValues(gate: AnyCapability<Policy>, values: Record<string, unknown>): Record<string, unknown> {
  const judgesPullRequest = "pull-request" in gate.options && values["pull-request"] !== undefined;
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => value !== undefined && key in gate.options && key !== "check-name" && !(key === "sha" && judgesPullRequest)),
  );
}

/**
 * Gates run at the same time: every gate the umbrella has today. The bound is for gates added later; each gate
 * bounds its own requests and connections.
 */
export const MAX_CONCURRENT_GATES = 5;

type GateOutcome = { results: GateResult[]; error?: GateError };

async function runGate(gate: AnyCapability<Policy>, values: Record<string, unknown>, scope: PolicyScope, invocation: Invocation): Promise<GateOutcome> {
  try {
    const settings = await gate.settings(sharedValues(gate, values), scope, invocation);
    const outcome = await gate.run(settings, invocation);
    return { results: gate.present(outcome, settings, invocation).results };
  } catch (error) {
    if (error instanceof NotApplicable) return { results: [skipped(gate.name, error.message)] };
    if (!(error instanceof UserError || error instanceof ExternalError)) throw error;
    return { results: [failedToRun(gate.name, error)], error: { gate: gate.name, kind: error instanceof UserError ? "configuration" : "external" } };
  }
}

function startRank(gate: AnyCapability<Policy>): number {
  const rank = START_ORDER.indexOf(gate.name);
  return rank === -1 ? START_ORDER.length : rank;
}

/**
 * Runs the gates concurrently (they are independent; at most MAX_CONCURRENT_GATES at a time), each through its
 * own front door with the umbrella's scope, started in START_ORDER. Results and errors come in the gates'
 * declared order, whichever starts or finishes first. A gate that cannot run here is skipped with its reason; one
 * whose configuration is wrong or whose service failed after retries is that gate's failure, not the whole
 * run's, and `errors` says which, for the exit code.
 */
export async function runGates(
  gates: AnyCapability<Policy>[],
  values: Record<string, unknown>,
  scope: PolicyScope,
  invocation: Invocation,
  concurrency = MAX_CONCURRENT_GATES,
): Promise<{ results: GateResult[]; errors: GateError[] }> {
  const starts = gates.map((_, index) => index).sort((a, b) => startRank(gates[a]!) - startRank(gates[b]!) || a - b);
  const outcomes = new Array<GateOutcome>(gates.length);
  // One turn of the event loop between two starts: the first requests of a gate are sent before the next gate
  // starts, whichever gate has more steps before its first request.
  let previousStart: Promise<void> | undefined;
  await mapLimit(starts, concurrency, async (index) => {
    const start = previousStart ? previousStart.then(() => nextTurn()) : Promise.resolve();
    previousStart = start;
    await start;
    outcomes[index] = await runGate(gates[index]!, values, scope, invocation);
  });
  return { results: outcomes.flatMap((o) => o.results), errors: outcomes.flatMap((o) => (o.error ? [o.error] : [])) };
}
