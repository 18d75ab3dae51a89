import { ExternalError, UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import { gatesOf, type GateRunInput } from "./gates.ts";

/**
 * Runs every gate the policy enables, concurrently (they are independent). A gate that cannot run because
 * of bad configuration or an API failure after retries is that gate's failure, not the whole run's.
 */
export async function runPreflight(input: GateRunInput): Promise<GateResult[]> {
  return Promise.all(
    gatesOf(input.policy).map((gate) =>
      gate.run(input).catch((error: unknown) => {
        if (!(error instanceof UserError || error instanceof ExternalError)) throw error;
        const kind = error instanceof UserError ? "configuration error" : "GitHub error";
        return { gate: gate.name, status: "fail", title: `${kind}: ${error.message}`, summary: "", findings: [{ level: "failure", message: error.message }], metrics: {} } satisfies GateResult;
      }),
    ),
  );
}
