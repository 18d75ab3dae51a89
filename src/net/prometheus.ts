/**
 * A small client for the Prometheus HTTP API (instant and range queries). Every request has a timeout;
 * network failures, timeouts, 429 and 5xx are retried a bounded number of times; the response is validated
 * before anything reads it. Sample values stay IEEE numbers: "NaN" -> NaN, "+Inf" -> Infinity.
 */
import { ExternalError, UserError } from "../core/errors.ts";
import type { TransportResponse } from "./transport.ts";

export type PrometheusAuth = { type: "bearer"; token: string } | { type: "basic"; username: string; password: string };

export interface PrometheusClientOptions {
  /** Base URL of the server, e.g. https://prometheus.example.com or http://host:9090/prefix. */
  url: string;
  auth?: PrometheusAuth;
  /** Per attempt, in milliseconds. */
  timeoutMs?: number;
  /** Extra attempts after the first for network failures, timeouts, 429 and 5xx. */
  retries?: number;
  /** Delay before the first retry; doubled for each further one. */
  retryDelayMs?: number;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Sample {
  /** Unix time in seconds, as Prometheus reports it. */
  time: number;
  value: number;
}

export interface Series {
  labels: Record<string, string>;
  samples: Sample[];
}

/** A query's result: vectors and scalars become series of one sample; matrices keep every sample. */
export interface QueryResult {
  resultType: "vector" | "matrix" | "scalar";
  series: Series[];
  warnings: string[];
}

export interface PrometheusClient {
  readonly url: string;
  instant(query: string, time: Date): Promise<QueryResult>;
  range(query: string, start: Date, end: Date, stepSeconds: number): Promise<QueryResult>;
}

const DEFAULTS = { timeoutMs: 10_000, retries: 2, retryDelayMs: 500, maxResponseBytes: 32 * 1024 * 1024 };

/** Prometheus writes sample values as strings so that NaN and infinities survive JSON. */
export function parseSampleValue(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function parseSample(raw: unknown, where: string): Sample {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== "number" || !Number.isFinite(raw[0])) {
    throw new Error(`${where}: expected a [time, "value"] pair`);
  }
  const value = parseSampleValue(raw[1]);
  if (value === undefined) throw new Error(`${where}: sample value ${JSON.stringify(raw[1]).slice(0, 40)} is not a number`);
  return { time: raw[0], value };
}

function parseLabels(raw: unknown, where: string): Record<string, string> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`${where}: expected a label object`);
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string") throw new Error(`${where}: label ${name} is not a string`);
    labels[name] = value;
  }
  return labels;
}

/** Checks the documented response envelope and converts it; throws a plain Error naming what is wrong. */
export function parseQueryResponse(body: unknown): QueryResult {
  if (typeof body !== "object" || body === null) throw new Error("expected a JSON object");
  const envelope = body as { status?: unknown; data?: unknown; warnings?: unknown };
  if (envelope.status !== "success") throw new Error(`status is ${JSON.stringify(envelope.status)}, expected "success"`);
  const data = envelope.data as { resultType?: unknown; result?: unknown } | undefined;
  if (typeof data !== "object" || data === null) throw new Error("data is missing");
  const warnings = Array.isArray(envelope.warnings) ? envelope.warnings.filter((w): w is string => typeof w === "string") : [];
  const { resultType, result } = data;
  if (resultType === "scalar") return { resultType, series: [{ labels: {}, samples: [parseSample(result, "scalar result")] }], warnings };
  if (resultType !== "vector" && resultType !== "matrix") {
    throw new Error(`resultType ${JSON.stringify(resultType)} is not usable; a query must return a vector, matrix or scalar`);
  }
  if (!Array.isArray(result)) throw new Error("result is not a list");
  const series = result.map((item: unknown, index): Series => {
    const where = `result[${index}]`;
    if (typeof item !== "object" || item === null) throw new Error(`${where}: expected an object`);
    const entry = item as { metric?: unknown; value?: unknown; values?: unknown; histogram?: unknown; histograms?: unknown };
    const labels = parseLabels(entry.metric ?? {}, `${where}.metric`);
    if (resultType === "vector") {
      if (entry.value === undefined && entry.histogram !== undefined) throw new Error(`${where}: native histograms are not supported; query a quantile`);
      return { labels, samples: [parseSample(entry.value, `${where}.value`)] };
    }
    if (entry.values === undefined && entry.histograms !== undefined) throw new Error(`${where}: native histograms are not supported; query a quantile`);
    if (!Array.isArray(entry.values)) throw new Error(`${where}.values: expected a list`);
    return { labels, samples: entry.values.map((raw: unknown, i) => parseSample(raw, `${where}.values[${i}]`)) };
  });
  return { resultType, series, warnings };
}

/** Validates the server URL: http(s), no credentials in it (they belong in environment variables). */
export function normalizeServerUrl(raw: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`${where}: "${raw}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UserError(`${where}: expected an http or https URL, got ${url.protocol}`);
  if (url.username || url.password) throw new UserError(`${where}: the URL must not contain credentials; name environment variables for them instead`);
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

function authorization(auth: PrometheusAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if (auth.type === "bearer") return { authorization: `Bearer ${auth.token}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}` };
}

/** The server's own error text from a JSON error envelope, else the start of the body. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { errorType?: unknown; error?: unknown };
    if (typeof body.error === "string") return `${typeof body.errorType === "string" ? `${body.errorType}: ` : ""}${body.error}`;
  } catch {
    // not JSON: show the text itself
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}

class RetryableFailure extends Error {}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = normalizeServerUrl(options.url, "prometheus url");
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const retryDelayMs = options.retryDelayMs ?? DEFAULTS.retryDelayMs;
  const maxBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const sleep = options.sleep ?? defaultSleep;
  // fetch named a user-agent ("node") when none was given; some gateways refuse a request without one.
  const headers = { ...authorization(options.auth), accept: "application/json", "content-type": "application/x-www-form-urlencoded", "user-agent": "shipgate" };

  async function attempt(endpoint: URL, form: URLSearchParams): Promise<QueryResult> {
    let response: TransportResponse;
    const signal = AbortSignal.timeout(timeoutMs);
    // node:http imported as an ES module loads undici (its WebSocket getters): only a run that sends a query pays.
    const { send } = await import("./transport.ts");
    try {
      response = await send({ url: endpoint, method: "POST", headers, body: form.toString(), signal });
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new RetryableFailure(`no answer within ${timeoutMs} ms`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RetryableFailure(`cannot connect: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    let text: string;
    try {
      text = (await response.read(maxBytes)).toString("utf8");
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") throw new RetryableFailure(`no complete answer within ${timeoutMs} ms`);
      throw new ExternalError(`prometheus ${endpoint.href}: ${(error as Error).message}`);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableFailure(`HTTP ${response.status} ${errorDetail(text)}`.trim());
    }
    if (response.status === 400 || response.status === 422) {
      // Prometheus rejected the query itself (bad_data, execution): a configuration error, not an outage.
      throw new UserError(`prometheus rejected the query ${JSON.stringify(form.get("query"))}: ${errorDetail(text)}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new ExternalError(`prometheus ${endpoint.href}: HTTP ${response.status}: the credentials were not accepted (check the token or username/password environment variables)`);
    }
    if (response.status !== 200) throw new ExternalError(`prometheus ${endpoint.href}: HTTP ${response.status} ${errorDetail(text)}`.trim());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ExternalError(`prometheus ${endpoint.href}: the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
    }
    try {
      return parseQueryResponse(body);
    } catch (error) {
      throw new ExternalError(`prometheus ${endpoint.href}: unexpected answer: ${(error as Error).message}`);
    }
  }

  async function request(path: string, form: URLSearchParams): Promise<QueryResult> {
    const endpoint = new URL(path, base);
    let last = "";
    for (let attemptNo = 0; attemptNo <= retries; attemptNo++) {
      if (attemptNo > 0) await sleep(retryDelayMs * 2 ** (attemptNo - 1));
      try {
        return await attempt(endpoint, form);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        last = error.message;
      }
    }
    const attempts = retries + 1;
    throw new ExternalError(`prometheus ${endpoint.href}: ${last} (${attempts} attempt${attempts === 1 ? "" : "s"})`);
  }

  const seconds = (date: Date): string => (date.getTime() / 1000).toFixed(3);

  return {
    url: base.href,
    instant: (query, time) => request("api/v1/query", new URLSearchParams({ query, time: seconds(time) })),
    range: (query, start, end, stepSeconds) =>
      request("api/v1/query_range", new URLSearchParams({ query, start: seconds(start), end: seconds(end), step: String(stepSeconds) })),
  };
}
