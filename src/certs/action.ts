import type { ActionDefinition } from "../actions/run-action.ts";
import { loadPolicy } from "../policy/load.ts";
import { certIncidentSubjects } from "./subjects.ts";
import { resolveCertOptions, runCertGate, type CertGateOptions } from "./gate.ts";

/** The `cert-gate` action: inputs override gates.certs of the policy file. */
export const certGateAction: ActionDefinition<CertGateOptions> = {
  name: "cert-gate",
  async readSettings({ inputs, run }) {
    const config = inputs.string("config");
    const { policy } = await loadPolicy({ cwd: run.workspace, ...(config ? { file: config } : {}) });
    const caFile = inputs.string("ca-file");
    const servername = inputs.string("servername");
    return resolveCertOptions(policy.gates.certs, {
      targets: inputs.list("targets") ?? [],
      files: inputs.list("files") ?? [],
      minDays: inputs.number("min-days", { min: 0, max: 100000, integer: true }),
      warnDays: inputs.number("warn-days", { min: 0, max: 100000, integer: true }),
      timeoutMs: inputs.number("timeout", { min: 100, max: 600000, integer: true }),
      retries: inputs.number("retries", { min: 0, max: 10, integer: true }),
      concurrency: inputs.number("concurrency", { min: 1, max: 64, integer: true }),
      budgetMs: inputs.number("budget", { min: 100, max: 3600000, integer: true }),
      ...(caFile ? { caFile } : {}),
      ...(servername ? { servername } : {}),
    });
  },
  async run(options, { run, now }) {
    const { reports, result } = await runCertGate(options, { cwd: run.workspace, now });
    const failed = reports.filter((r) => !r.ok).map((r) => r.target);
    return {
      results: [result],
      checkName: "shipgate / certs",
      outputs: {
        "failed-targets": failed.join(","),
        "min-days-left": result.metrics["min-days-left"] === null ? "" : String(result.metrics["min-days-left"]),
        "earliest-expiry": result.metrics["earliest-expiry"] === null ? "" : String(result.metrics["earliest-expiry"]),
        "incident-subjects": JSON.stringify(certIncidentSubjects(reports)),
        results: JSON.stringify(reports),
      },
    };
  },
};
