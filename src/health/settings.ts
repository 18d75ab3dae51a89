/** The health checks' settings: inputs and flags override `health:` of the policy file, which overrides the defaults. */
import { UserError } from "../core/errors.ts";
import type { HealthEndpointPolicy, HealthPolicy } from "../policy/types.ts";
import { compileEndpoint, type Endpoint } from "./expectations.ts";

export interface HealthSettings {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  budgetMs: number;
  concurrency: number;
  maxRedirects: number;
  maxBodyBytes: number;
  expectedVersion?: string;
  ca?: string[];
}

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
