/**
 * The health-check use case shared by `shipgate health` and the `health-check` action: resolves settings
 * (input > policy file > defaults), compiles the endpoints, checks them and renders one GateResult.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import type { HealthEndpointPolicy, HealthPolicy } from "../policy/types.ts";
import { cell } from "../report/markdown.ts";
import { compileEndpoint, type Endpoint } from "./expectations.ts";
import type { EndpointResult, HealthDeps, HealthSettings } from "./run.ts";

export interface HealthOverrides {
  /** Ad-hoc URLs replacing the policy's endpoints, each expecting `status`. */
  urls?: string[];
  status?: string;
  expectedVersion?: string;
  timeoutMs?: number;
  retries?: number;
  budgetMs?: number;
  concurrency?: number;
  followRedirects?: boolean;
}

export interface HealthPlan {
  endpoints: Endpoint[];
  settings: HealthSettings;
  caFile?: string;
}

export function planHealth(policy: HealthPolicy, overrides: HealthOverrides): HealthPlan {
  const followRedirects = overrides.followRedirects ?? policy["follow-redirects"];
  const adHoc = overrides.urls && overrides.urls.length > 0;
  const sources: { policy: HealthEndpointPolicy; where: string }[] = adHoc
    ? overrides.urls!.map((url, i) => ({ policy: { url, method: "GET", headers: {}, status: overrides.status ?? "200-299" }, where: `url ${i + 1}` }))
    : policy.endpoints.map((endpoint, i) => ({ policy: endpoint, where: `health.endpoints[${i}]` }));
  if (sources.length === 0) throw new UserError("no endpoints to check: give --url (input `urls`) or health.endpoints in the policy file");
  if (overrides.status !== undefined && !adHoc) throw new UserError("--status applies to --url endpoints; the policy's endpoints carry their own `status`");
  const endpoints = sources.map((s) => compileEndpoint(s.policy, s.where, { followRedirects }));
  const names = new Set<string>();
  for (const endpoint of endpoints) {
    if (names.has(endpoint.name)) throw new UserError(`health.endpoints: the name "${endpoint.name}" is used twice; names identify endpoints in the outputs`);
    names.add(endpoint.name);
  }
  const expectedVersion = overrides.expectedVersion ?? policy.version;
  const settings: HealthSettings = {
    timeoutMs: overrides.timeoutMs ?? policy.timeout,
    retries: overrides.retries ?? policy.retries,
    backoffMs: policy.backoff,
    maxBackoffMs: policy["max-backoff"],
    budgetMs: overrides.budgetMs ?? policy.budget,
    concurrency: overrides.concurrency ?? policy.concurrency,
    maxRedirects: policy["max-redirects"],
    maxBodyBytes: policy["max-body-bytes"],
    ...(expectedVersion ? { expectedVersion } : {}),
  };
  return { endpoints, settings, ...(policy["ca-file"] ? { caFile: policy["ca-file"] } : {}) };
}

export const defaultHealthDeps: HealthDeps = {
  // node:http loads undici as an ES module (its WebSocket getters): only a run that sends a request pays for it.
  request: async (request) => (await import("../net/http.ts")).httpRequest(request),
  monotonic: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

async function readCa(file: string, cwd: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UserError(`${file}: cannot read the CA file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) throw new UserError(`${file}: the CA file holds no CERTIFICATE block`);
  const { rootCertificates } = await import("node:tls");
  return [...rootCertificates, text];
}

export interface HealthRun {
  results: EndpointResult[];
  result: GateResult;
  outputs: { healthy: boolean; "failed-endpoints": string; results: string };
}

export async function runHealth(plan: HealthPlan, context: { cwd: string; deps?: HealthDeps }): Promise<HealthRun> {
  const settings = plan.caFile ? { ...plan.settings, ca: await readCa(plan.caFile, context.cwd) } : plan.settings;
  // The checks load with the first endpoint to check: their node:util builds its lazy exports when imported.
  const { checkEndpoints } = await import("./run.ts");
  const results = await checkEndpoints(plan.endpoints, settings, context.deps ?? defaultHealthDeps);
  const result = healthGateResult(results, settings);
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  return { results, result, outputs: { healthy: failed.length === 0, "failed-endpoints": failed.join(","), results: JSON.stringify(results) } };
}

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
