/** The gate's one result over every endpoint's row. */
import type { GateResult } from "../core/result.ts";
import { cell } from "../report/markdown.ts";
import type { EndpointResult } from "./run.ts";
import type { HealthSettings } from "./settings.ts";

export function healthGateResult(results: EndpointResult[], settings: HealthSettings): GateResult {
  const failed = results.filter((r) => !r.ok);
  const table = [
    "| | Endpoint | Status | Latency | Attempts | Version | What failed |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.ok ? "✅" : "❌"} | ${cell(r.name)} | ${r.status ?? "—"} | ${r.latencyMs === null ? "—" : `${r.latencyMs} ms`} | ${r.attempts} | ${cell(r.version ?? "—")} | ${cell(r.failures.join("; "))} |`,
    ),
  ];
  const latencies = results.map((r) => r.latencyMs).filter((l): l is number => l !== null);
  // Only endpoints with version-json-path or version-header report a version; claiming "healthy on X" when none
  // does would report a version check that never happened.
  const unchecked = settings.expectedVersion !== undefined && results.every((r) => r.version === null);
  const uncheckedNote = `version ${settings.expectedVersion ?? ""} not checked: no endpoint reports its version (set version-json-path or version-header)`;
  const healthyTitle = `${results.length} endpoints healthy${settings.expectedVersion ? (unchecked ? `; ${uncheckedNote}` : ` on ${settings.expectedVersion}`) : ""}`;
  return {
    gate: "health",
    status: failed.length > 0 ? "fail" : unchecked ? "warn" : "pass",
    title: failed.length > 0 ? `${failed.length} of ${results.length} endpoints unhealthy` : healthyTitle,
    summary: table.join("\n"),
    findings: [
      ...failed.map((r) => ({ level: "failure" as const, title: `health ${r.name}`, message: `${r.name}: ${r.failures.join("; ")}` })),
      ...(unchecked ? [{ level: "warning" as const, message: uncheckedNote }] : []),
    ],
    metrics: {
      endpoints: results.length,
      failed: failed.length,
      healthy: failed.length === 0,
      "max-latency-ms": latencies.length > 0 ? Math.max(...latencies) : null,
    },
  };
}
