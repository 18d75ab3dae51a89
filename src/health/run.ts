/** The health-check use case, shared by `shipgate health` and the `health-check` action. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import { mapLimit } from "../core/map-limit.ts";
import type { HttpFailure, HttpResponse } from "../net/http.ts";
import { evaluateObservation, type Observation } from "./evaluate.ts";
import type { Endpoint } from "./expectations.ts";
import type { HealthDeps } from "./ports.ts";
import type { HealthPlan, HealthSettings } from "./settings.ts";

/** One row per endpoint: the last attempt's observation and verdict. */
export interface EndpointResult {
  name: string;
  url: string;
  ok: boolean;
  /** HTTP status of the last attempt, null without a response. */
  status: number | null;
  latencyMs: number | null;
  attempts: number;
  /** What failed on the last attempt; empty when ok. */
  failures: string[];
  version: string | null;
  redirects: string[];
}

function observe(response: HttpResponse | HttpFailure): Observation {
  if (!response.ok) return { status: null, headers: {}, body: Buffer.alloc(0), bodyTruncated: false, latencyMs: response.latencyMs, redirects: response.redirects, error: response.message };
  return { status: response.status, headers: response.headers, body: response.body, bodyTruncated: response.bodyTruncated, latencyMs: response.latencyMs, redirects: response.redirects };
}

/** Attempts an endpoint until it passes, the retries are used up or the shared deadline passes. */
async function checkEndpoint(endpoint: Endpoint, settings: HealthSettings, deps: HealthDeps, deadline: number): Promise<EndpointResult> {
  const result: EndpointResult = { name: endpoint.name, url: endpoint.url, ok: false, status: null, latencyMs: null, attempts: 0, failures: [], version: null, redirects: [] };
  for (;;) {
    const remaining = Math.floor(deadline - deps.monotonic());
    if (remaining <= 0) {
      if (result.attempts === 0) result.failures = [`the total time budget of ${settings.budgetMs} ms ran out before the first attempt`];
      else result.failures = [...result.failures, `gave up after ${result.attempts} attempts: the total time budget of ${settings.budgetMs} ms ran out`];
      return result;
    }
    result.attempts++;
    const response = await deps.request({
      url: endpoint.url,
      method: endpoint.method,
      headers: endpoint.headers,
      // Whole milliseconds: the monotonic clock is fractional, and the timeout is shown in messages.
      timeoutMs: Math.max(1, Math.round(Math.min(settings.timeoutMs, remaining))),
      maxBodyBytes: settings.maxBodyBytes,
      followRedirects: endpoint.followRedirects,
      maxRedirects: settings.maxRedirects,
      ...(settings.ca ? { ca: settings.ca } : {}),
    });
    const observation = observe(response);
    const verdict = evaluateObservation(endpoint, observation, settings.expectedVersion, settings.maxBodyBytes);
    Object.assign(result, {
      ok: verdict.ok,
      status: observation.status,
      latencyMs: observation.latencyMs,
      failures: verdict.failures,
      version: verdict.version,
      redirects: observation.redirects,
    });
    if (verdict.ok || result.attempts > settings.retries) return result;
    const pause = Math.min(settings.backoffMs * 2 ** (result.attempts - 1), settings.maxBackoffMs, deadline - deps.monotonic());
    if (pause > 0) await deps.sleep(pause);
  }
}

/** Checks every endpoint, at most `concurrency` at a time, all within one time budget; rows keep the input order. */
export async function checkEndpoints(endpoints: Endpoint[], settings: HealthSettings, deps: HealthDeps): Promise<EndpointResult[]> {
  const deadline = deps.monotonic() + settings.budgetMs;
  return mapLimit(endpoints, settings.concurrency, (endpoint) => checkEndpoint(endpoint, settings, deps, deadline));
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

/** Reads the CA file of the plan, then checks every endpoint. */
export async function runHealth(plan: HealthPlan, context: { cwd: string; deps?: HealthDeps }): Promise<EndpointResult[]> {
  const settings = plan.caFile ? { ...plan.settings, ca: await readCa(plan.caFile, context.cwd) } : plan.settings;
  return checkEndpoints(plan.endpoints, settings, context.deps ?? defaultHealthDeps);
}
