import { Octokit as OctokitCore } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import type { Api } from "@octokit/plugin-rest-endpoint-methods";
import { formatDuration } from "../core/duration.ts";
import { ExternalError, UserError } from "../core/errors.ts";
import type { OctokitFetchInit, OctokitFetchResponse } from "./octokit-fetch.ts";
import { Pacer } from "./pacer.ts";
import { REST_ROUTES } from "./rest-routes.ts";
import { shapeOf, shapeProblem } from "./response-shapes.ts";

// One retry layer (below): octokit's retry and throttling plugins each retried rate limits on their own, so one
// secondary limit cost up to sixteen requests; here each failure is retried once, by one rule.
const ShipgateOctokit = OctokitCore.plugin(restMethods, paginateRest);
export type Octokit = InstanceType<typeof ShipgateOctokit>;

type Routes = typeof REST_ROUTES;
/** Octokit's `rest` methods, typed by octokit, for the routes of REST_ROUTES only. */
type RestMethods = { [Scope in keyof Routes]: Pick<Api["rest"][Scope], keyof Routes[Scope] & keyof Api["rest"][Scope]> };

/** Octokit's plugin for `octokit.rest.*`, limited to REST_ROUTES; each method is made on its first use. */
function restMethods(octokit: OctokitCore): { rest: RestMethods } {
  const rest: Record<string, object> = {};
  for (const [scope, routes] of Object.entries(REST_ROUTES)) {
    const methods = {};
    for (const [name, route] of Object.entries(routes)) {
      const [method, url] = route.split(" ");
      Object.defineProperty(methods, name, {
        configurable: true,
        enumerable: true,
        get() {
          const value = octokit.request.defaults({ method, url });
          Object.defineProperty(methods, name, { value, enumerable: true });
          return value;
        },
      });
    }
    rest[scope] = methods;
  }
  return { rest: rest as RestMethods };
}

/** The default total time a run may spend on GitHub: waits, retries and answers included (docs/security.md). */
export const DEFAULT_TIME_BUDGET_MS = 300_000;
/** The longest single wait a rate limit may ask for; a longer one ends the run at once (exit 3). */
export const MAX_WAIT_SECONDS = 120;
/** GitHub: "Otherwise, wait for at least one minute before retrying" (a secondary limit without retry-after). */
const SECONDARY_FALLBACK_SECONDS = 60;

/** The time a run may spend on GitHub, shared by every client of the run. */
export interface TimeBudget {
  /** Epoch milliseconds after which no request starts and no wait begins. */
  deadline: number;
  totalMs: number;
  /** How a user changes it, for the message when it runs out, e.g. "--time-budget". */
  setBy: string;
}

export interface ClientSettings {
  token: string;
  /** REST base URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  baseUrl: string;
  /** Per-request timeout (never beyond the budget). */
  timeoutMs?: number;
  /** Retries of one request after a 5xx or no answer; also the rate-limit waits of the whole run. */
  retries?: number;
  /** Longest single rate-limit wait accepted (seconds of GitHub's clock, before `retryAfterBaseMs`). */
  maxWaitSeconds?: number;
  /** Milliseconds per second of wait; tests shrink it so that retry-after: 1 costs a millisecond. */
  retryAfterBaseMs?: number;
  /** Space writes 1 s apart, as GitHub asks. False only for tests against the API simulator. */
  throttleWrites?: boolean;
  budget?: TimeBudget;
  /** The pacing of the run, shared by its clients (a new one per client otherwise). */
  pacer?: Pacer;
  /** Progress while waiting or retrying: the step log, stderr on the CLI. */
  log?: (message: string) => void;
}

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

export function budgetOf(totalMs: number, setBy: string, now = Date.now()): TimeBudget {
  return { deadline: now + totalMs, totalMs, setBy };
}

/** A base URL that cannot work is a configuration error, not an outage to retry for a minute. */
function checkedBaseUrl(baseUrl: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "https:" && protocol !== "http:") {
    throw new UserError(`GITHUB_API_URL: "${baseUrl}" is not an http or https URL (e.g. https://api.github.com or https://HOST/api/v3)`);
  }
  return baseUrl.replace(/\/+$/, "");
}

export function createOctokit(settings: ClientSettings): Octokit {
  const baseUrl = checkedBaseUrl(settings.baseUrl);
  const retries = settings.retries ?? 3;
  const budget = settings.budget ?? budgetOf(DEFAULT_TIME_BUDGET_MS, "the client's budget");
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const octokit = new ShipgateOctokit({
    auth: settings.token || undefined,
    baseUrl,
    userAgent: "shipgate",
    request: { fetch: fetchWithin(budget, timeoutMs) },
  });
  const policy: RetryPolicy = {
    retries,
    maxWaitSeconds: settings.maxWaitSeconds ?? MAX_WAIT_SECONDS,
    secondMs: settings.retryAfterBaseMs ?? 1000,
    budget,
    pacer: settings.pacer ?? new Pacer(realClock, retries, settings.throttleWrites !== false),
    log: settings.log ?? (() => undefined),
    apiPath: new URL(baseUrl).pathname.replace(/\/+$/, ""),
  };
  const parse = octokit.request.endpoint.parse as unknown as Parse;
  octokit.hook.wrap("request", (request, options) => sendWithRetries(policy, parse, request as unknown as Send, options as unknown as RequestOptions) as never);
  return octokit;
}

/**
 * Octokit's fetch: a timeout on every request, cut short by the run's budget (a server that never answers must
 * not hang a job), over node:http(s) rather than the global fetch, whose first call costs more than Node's start.
 */
function fetchWithin(budget: TimeBudget, timeoutMs: number): typeof fetch {
  const within = async (input: string | URL, init?: OctokitFetchInit): Promise<OctokitFetchResponse> => {
    const timeout = AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, budget.deadline - Date.now())));
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // node:http imported as an ES module loads undici (its WebSocket getters): only a run that sends a request pays.
    const { octokitFetch } = await import("./octokit-fetch.ts");
    return octokitFetch(input, { ...init, signal });
  };
  // Octokit types its option as the global fetch; it reads only what OctokitFetchResponse has (octokit-fetch.ts).
  return within as unknown as typeof fetch;
}

interface RetryPolicy {
  retries: number;
  maxWaitSeconds: number;
  secondMs: number;
  budget: TimeBudget;
  pacer: Pacer;
  log: (message: string) => void;
  /** "/api/v3" on GitHub Enterprise Server, "" on github.com: stripped before matching routes. */
  apiPath: string;
  /** Set once a request that was allowed retries got no answer on any attempt. */
  unreachable?: ExternalError;
}

interface RequestOptions {
  method: string;
  url: string;
  query?: string;
  request?: { retries?: number };
  [key: string]: unknown;
}

type Send = (options: RequestOptions) => Promise<OctokitResponse>;
type Parse = (options: RequestOptions) => { url: string; method: string };

interface OctokitResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** What to do after a failed attempt. */
type Next = { retry: false } | { retry: true; waitSeconds: number; reason: string; rateLimit: boolean };

async function sendWithRetries(policy: RetryPolicy, parse: Parse, send: Send, options: RequestOptions): Promise<OctokitResponse> {
  const parsed = parse(options);
  const path = pathOf(parsed.url, policy.apiPath);
  const what = `${parsed.method} ${path}`;
  const isGraphQL = path.endsWith("/graphql");
  const isWrite = isGraphQL ? /^\s*mutation\b/.test(String(options.query ?? "")) : !["GET", "HEAD"].includes(parsed.method);
  const allowedRetries = options.request?.retries ?? policy.retries;
  if (policy.unreachable) throw new ExternalError(`${what}: not tried, ${policy.unreachable.message}`);
  if (policy.pacer.gaveUp) throw new ExternalError(`${what}: not sent: ${policy.pacer.gaveUp}`);

  for (let attempt = 0; ; attempt++) {
    await waitOutPause(policy, what);
    let next: Next;
    let failure: unknown;
    try {
      const response = await policy.pacer.schedule(isWrite, () => send(options));
      next = rateLimitedGraphql(response, policy, what);
      if (!next.retry) return checkedAnswer(response, parsed.method, isGraphQL ? "/graphql" : path, what);
      failure = Object.assign(new Error(`GraphQL rate limit exceeded`), { status: 200, response });
    } catch (error) {
      if (error instanceof ExternalError) throw error;
      failure = error;
      if (budgetLeft(policy) <= 0 && isUnanswered(error)) throw budgetSpent(policy, `an answer to ${what}`);
      next = nextStep(error, attempt, allowedRetries, policy, what);
    }
    if (!next.retry) {
      if (allowedRetries > 0 && attempt >= allowedRetries && (isUnanswered(failure) || isHttpStatus(failure, 500, 502, 503, 504))) {
        policy.unreachable = new ExternalError(`${apiOrigin(parsed.url)} still failed after ${allowedRetries} retries earlier in this run`);
      }
      if (isRateLimited(failure) && policy.pacer.rateLimitWaitsLeft <= 0) policy.pacer.giveUp(`GitHub's rate limit outlasted the ${policy.retries} waits of this run`);
      throw failure;
    }
    await waitBeforeRetry(policy, what, next, attempt, allowedRetries);
  }
}

function pathOf(url: string, apiPath: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    pathname = url.split("?")[0] ?? url;
  }
  return apiPath && pathname.startsWith(apiPath) ? pathname.slice(apiPath.length) || "/" : pathname;
}

function budgetLeft(policy: RetryPolicy): number {
  return policy.budget.deadline - Date.now();
}

function budgetSpent(policy: RetryPolicy, waitingFor: string): ExternalError {
  return new ExternalError(`the time budget of ${formatDuration(policy.budget.totalMs)} (${policy.budget.setBy}) ran out while waiting for ${waitingFor}`);
}

async function waitOutPause(policy: RetryPolicy, what: string): Promise<void> {
  const pause = policy.pacer.pauseLeft();
  if (pause <= 0) return;
  if (pause > budgetLeft(policy)) throw budgetSpent(policy, `GitHub's rate limit to lift before ${what}`);
  await new Promise((resolve) => setTimeout(resolve, pause));
}

async function waitBeforeRetry(policy: RetryPolicy, what: string, next: Extract<Next, { retry: true }>, attempt: number, allowedRetries: number): Promise<void> {
  const ms = next.waitSeconds * policy.secondMs;
  if (ms > budgetLeft(policy)) throw budgetSpent(policy, `${next.reason} on ${what} (GitHub asked for ${next.waitSeconds}s more)`);
  const count = next.rateLimit ? `rate-limit wait ${policy.retries - policy.pacer.rateLimitWaitsLeft} of ${policy.retries}` : `retry ${attempt + 1} of ${allowedRetries}`;
  policy.log(`GitHub: ${next.reason} on ${what}; waiting ${next.waitSeconds}s (${count}, ${formatDuration(Math.max(0, budgetLeft(policy)))} of the time budget left)`);
  if (next.rateLimit) policy.pacer.pauseUntil(Date.now() + ms);
  else await new Promise((resolve) => setTimeout(resolve, ms));
}

/** GitHub answers a GraphQL query over its limit with 200 and an error of type RATE_LIMITED. */
function rateLimitedGraphql(response: OctokitResponse, policy: RetryPolicy, what: string): Next {
  const errors = (response.data as { errors?: { type?: string }[] } | null)?.errors;
  if (!Array.isArray(errors) || !errors.some((e) => e?.type === "RATE_LIMITED")) return { retry: false };
  return rateLimitWait(policy, what, "GraphQL rate limit", resetWaitSeconds(response.headers));
}

function resetWaitSeconds(headers: Record<string, string | number | undefined>): number {
  const reset = Number(headers["x-ratelimit-reset"]);
  // One second more, so the retry comes after the reset.
  return Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - Date.now() / 1000) + 1) : SECONDARY_FALLBACK_SECONDS;
}

function rateLimitWait(policy: RetryPolicy, what: string, reason: string, waitSeconds: number): Next {
  if (waitSeconds > policy.maxWaitSeconds) {
    throw new ExternalError(`${what}: GitHub ${reason} asks to wait ${waitSeconds}s, more than the ${policy.maxWaitSeconds}s shipgate waits at once`);
  }
  if (policy.pacer.rateLimitWaitsLeft <= 0) return { retry: false };
  policy.pacer.rateLimitWaitsLeft--;
  return { retry: true, waitSeconds, reason, rateLimit: true };
}

/**
 * The one rule of retries. Rate limits (403/429 that say so): wait as GitHub says (retry-after, else until
 * x-ratelimit-reset, else a minute for a secondary limit), counted against the run's rate-limit waits, the same
 * for every request. 5xx and no answer: back off 1, 2, 4 s, counted per request. Anything else is final.
 */
function nextStep(error: unknown, attempt: number, allowedRetries: number, policy: RetryPolicy, what: string): Next {
  const e = error as HttpLikeError;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  const hasRetryAfter = headers["retry-after"] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0;
  if (isRateLimited(error)) {
    const secondary = /secondary rate limit/i.test(e.message ?? "") || (hasRetryAfter && headers["x-ratelimit-remaining"] !== "0");
    const kind = secondary ? "secondary rate limit" : "rate limit";
    if (hasRetryAfter) return rateLimitWait(policy, what, `${kind} (retry-after ${retryAfter}s)`, Math.max(1, Math.ceil(retryAfter)));
    if (headers["x-ratelimit-remaining"] === "0") return rateLimitWait(policy, what, `${kind} (until x-ratelimit-reset)`, resetWaitSeconds(headers));
    // Without a header GitHub asks for at least a minute, longer on each repeat.
    const used = policy.retries - policy.pacer.rateLimitWaitsLeft;
    return rateLimitWait(policy, what, kind, SECONDARY_FALLBACK_SECONDS * 2 ** used);
  }
  if (attempt >= allowedRetries) return { retry: false };
  if (isUnanswered(error)) return { retry: true, waitSeconds: 2 ** attempt, reason: `no answer (${e.message ?? "network error"})`, rateLimit: false };
  if (typeof e.status === "number" && [500, 502, 503, 504].includes(e.status)) {
    return { retry: true, waitSeconds: hasRetryAfter ? Math.min(policy.maxWaitSeconds, Math.max(1, retryAfter)) : 2 ** attempt, reason: `HTTP ${e.status}`, rateLimit: false };
  }
  return { retry: false };
}

/**
 * An answer whose body the code cannot read (a proxy's HTML page, JSON cut short, an object without the fields the
 * adapters read) ends the run here with exit 3 naming the request, not later with a TypeError.
 */
function checkedAnswer(response: OctokitResponse, method: string, path: string, what: string): OctokitResponse {
  const type = String(response.headers["content-type"] ?? "");
  if (type.startsWith("text/html") || (typeof response.data === "string" && /^\s*</.test(response.data))) {
    throw new ExternalError(`${what}: ${apiOrigin(response.url)} answered with an HTML page, not the GitHub API; on GitHub Enterprise Server, GITHUB_API_URL is https://HOST/api/v3`);
  }
  if (response.status === 204 || method === "HEAD" || method === "DELETE") return response;
  // A GraphQL answer with errors is read by octokit.graphql, which reports them.
  const graphqlErrors = path === "/graphql" && Array.isArray((response.data as { errors?: unknown } | null)?.errors);
  const shape = graphqlErrors ? undefined : shapeOf(method, path);
  // The raw contents of a file (getContent with a raw media type) is text by request.
  if (typeof response.data === "string" && (type.includes("json") || shape !== undefined)) {
    throw new ExternalError(`${what}: GitHub answered HTTP ${response.status} with a body that is not JSON (${describeText(response.data)})`);
  }
  const problem = shape && shapeProblem(response.data, shape);
  if (problem) throw new ExternalError(`${what}: GitHub's answer is not what the API describes: ${problem}`);
  return response;
}

function describeText(text: string): string {
  const length = text.length;
  return length === 0 ? "empty" : `${length} characters`;
}

/** octokit reports a request that got no HTTP answer at all (refused, reset, timed out) as status 500 without a response. */
function isUnanswered(error: unknown): boolean {
  const e = error as HttpLikeError;
  return e.status === 500 && e.response === undefined && e.request !== undefined;
}

interface HttpLikeError {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/** Turns an octokit failure into an ExternalError whose message says what was asked and what came back. */
export function toExternalError(error: unknown, what: string): ExternalError {
  if (error instanceof ExternalError) return new ExternalError(`${what} failed: ${error.message}`);
  const e = error as HttpLikeError;
  const status = typeof e.status === "number" ? e.status : undefined;
  let hint = "";
  if (status === 401) hint = " (the token is missing, expired or invalid)";
  else if (isRateLimited(error) && status === 403) hint = " (rate limit exhausted)";
  else if (status === 403) hint = " (the token lacks a permission this needs)";
  else if (status === 404) hint = " (not found, or the token cannot see it)";
  else if (status === 429) hint = " (rate limited)";
  // Calling a request that got no answer "HTTP 500" would send people looking for a server error that never happened.
  const detail = isUnanswered(error)
    ? `no answer from ${apiOrigin(e.request?.url)} (${e.message ?? "network error"})`
    : status === undefined
      ? (e.message ?? String(error))
      : `HTTP ${status}${hint}: ${e.message ?? ""}`.trim();
  return new ExternalError(`${what} failed: ${detail}`);
}

function apiOrigin(url: string | undefined): string {
  if (!url) return "the API";
  try {
    return new URL(url).origin;
  } catch {
    return "the API";
  }
}

/** A 403 or 429 that says "rate limit", as opposed to a 403 for a missing permission. */
export function isRateLimited(error: unknown): boolean {
  const e = error as HttpLikeError;
  if (e.status === 429) return true;
  return e.status === 403 && (e.response?.headers?.["x-ratelimit-remaining"] === "0" || /rate limit/i.test(e.message ?? ""));
}

export function isHttpStatus(error: unknown, ...statuses: number[]): boolean {
  const status = (error as HttpLikeError).status;
  return typeof status === "number" && statuses.includes(status);
}
