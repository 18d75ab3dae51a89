import { ExternalError, UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import { gatesOf, type GateRunInput } from "./gates.ts";

/** A gate that could not run: bad configuration (exit 2 on the CLI) or an API failure after retries (exit 3). */
export interface GateError {
  gate: string;
  kind: "configuration" | "external";
}

/**
 * Runs every gate the policy enables, concurrently (they are independent). A gate that cannot run because
 * of bad configuration or an API failure after retries is that gate's failure, not the whole run's; `errors`
 * says which gates failed that way, so that the CLI can exit with the code of the error rather than a verdict.
 */
export async function runPreflightReport(input: GateRunInput): Promise<{ results: GateResult[]; errors: GateError[] }> {
  const errors: GateError[] = [];
  const results = await Promise.all(
    gatesOf(input.policy).map((gate) =>
      gate.run(input).catch((error: unknown) => {
        if (!(error instanceof UserError || error instanceof ExternalError)) throw error;
        const configuration = error instanceof UserError;
        errors.push({ gate: gate.name, kind: configuration ? "configuration" : "external" });
        const kind = configuration ? "configuration error" : "GitHub error";
        return { gate: gate.name, status: "fail", title: `${kind}: ${error.message}`, summary: "", findings: [{ level: "failure", message: error.message }], metrics: {} } satisfies GateResult;
      }),
    ),
  );
  return { results, errors };
}

export async function runPreflight(input: GateRunInput): Promise<GateResult[]> {
  return (await runPreflightReport(input)).results;
}
