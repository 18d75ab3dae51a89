import path from "node:path";
import type { ActionDefinition } from "../actions/run-action.ts";
import type { GateResult } from "../core/result.ts";
import { ExternalError, UserError } from "../core/errors.ts";
import { loadPolicy } from "../policy/load.ts";
import type { Policy } from "../policy/types.ts";
import { gatesOf } from "./gates.ts";

interface PreflightSettings {
  policy: Policy;
  root: string;
  checkName: string;
  token: string | undefined;
}

export const preflightAction: ActionDefinition<PreflightSettings> = {
  name: "shipgate",
  async readSettings({ inputs, run }) {
    const root = path.resolve(run.workspace, inputs.string("working-directory") ?? ".");
    const { policy } = await loadPolicy({ file: inputs.string("config"), cwd: root });
    return { policy, root, checkName: inputs.string("check-name") ?? "shipgate / preflight", token: inputs.string("token") };
  },
  async run(settings, context) {
    const gates = gatesOf(settings.policy);
    if (gates.length === 0) context.warn("The policy file enables no gate.");
    // Independent gates run concurrently; each one's failure is its own result, not the whole run's.
    const results: GateResult[] = await Promise.all(
      gates.map((gate) =>
        gate.run({ root: settings.root, policy: settings.policy, context }).catch((error: unknown) => {
          if (!(error instanceof UserError || error instanceof ExternalError)) throw error;
          return { gate: gate.name, status: "fail", title: error.message, summary: "", findings: [], metrics: {} } satisfies GateResult;
        }),
      ),
    );
    const outputs = { gates: JSON.stringify(Object.fromEntries(results.map((r) => [r.gate, r.status]))) };
    return { results, outputs, checkName: settings.checkName };
  },
};
