import { Octokit as OctokitCore } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import { ExternalError, UserError } from "../core/errors.ts";

const ShipgateOctokit = OctokitCore.plugin(restEndpointMethods, paginateRest, retry, throttling);
export type Octokit = InstanceType<typeof ShipgateOctokit>;

export interface ClientSettings {
  token: string;
  /** REST base URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  baseUrl: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Retries for 5xx, network errors and rate limits. */
  retries?: number;
  /** Longest rate-limit wait we accept before giving up (seconds). */
  maxRateLimitWaitSeconds?: number;
  /** Multiplier for rate-limit waits; tests shrink it so that retry-after: 1 costs milliseconds. */
  retryAfterBaseMs?: number;
  /**
   * Space writes as GitHub asks (1 s apart, 3 s for writes that notify people). Default true. False keeps the
   * rate-limit handling and drops only the spacing: for tests against the API simulator, never for GitHub.
   */
  throttleWrites?: boolean;
  log?: (message: string) => void;
}

/** fetch with a timeout on every request: a server that never answers must not hang a job. */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

/** Write groups without the minimum time between writes (one at a time still, in order). */
function unspacedWrites(): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return { write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }), notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }) };
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
  const retries = settings.retries ?? 3;
  const maxWait = settings.maxRateLimitWaitSeconds ?? 120;
  const log = settings.log ?? (() => undefined);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const request = `${options.method ?? ""} ${options.url ?? ""}`.trim();
    if (retryCount < retries && retryAfter <= maxWait) {
      log(`GitHub ${kind} rate limit on ${request}; retrying after ${retryAfter}s`);
      return true;
    }
    log(`GitHub ${kind} rate limit on ${request}; giving up`);
    return false;
  };
  const octokit = new ShipgateOctokit({
    auth: settings.token || undefined,
    baseUrl: checkedBaseUrl(settings.baseUrl),
    userAgent: "shipgate",
    // No `retries` here: plugin-retry reads request.retries as "retry this request", whatever its status,
    // which would retry 403, 404 and 422 answers; the retry option below retries only what is worth retrying.
    request: { fetch: fetchWithTimeout(settings.timeoutMs ?? 30_000) },
    retry: { retries, retryAfterBaseValue: settings.retryAfterBaseMs ?? 1000 },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: settings.retryAfterBaseMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      ...(settings.throttleWrites === false ? unspacedWrites() : {}),
    },
  });
  giveUpAfterUnansweredRetries(octokit, retries);
  return octokit;
}

/**
 * Once a request that was allowed retries got no answer on any attempt (minutes of timeouts), the API is
 * unreachable for this run: later requests fail at once with that error instead of each waiting out their own
 * timeouts and retries (an incident run makes several requests; a silent server would hold it for many minutes).
 * A request without retries (a create that must not be repeated) never trips this, so its caller may look again.
 */
function giveUpAfterUnansweredRetries(octokit: Octokit, defaultRetries: number): void {
  let unreachable: HttpLikeError | undefined;
  // Wrapped after the plugins, so this sees each request's outcome after its retries.
  octokit.hook.wrap("request", async (request, options) => {
    if (unreachable) {
      throw Object.assign(new Error(`${unreachable.message ?? "network error"}; not tried again in this run`), { status: 500, request: unreachable.request });
    }
    try {
      return requireApiAnswer(await request(options));
    } catch (error) {
      const allowedRetries = (options.request as { retries?: number } | undefined)?.retries ?? defaultRetries;
      if (isUnanswered(error) && allowedRetries > 0) unreachable = error as HttpLikeError;
      throw error;
    }
  });
}

/**
 * A web page where the REST API should answer (GITHUB_API_URL naming the web UI instead of https://HOST/api/v3, a
 * proxy's login page) would otherwise reach code that expects JSON and fail there with a TypeError. No endpoint
 * shipgate calls answers with HTML.
 */
function requireApiAnswer<T extends { headers: Record<string, unknown>; url: string }>(response: T): T {
  const type = String(response.headers["content-type"] ?? "");
  if (type.startsWith("text/html")) {
    throw new Error(`${apiOrigin(response.url)} answered with an HTML page, not the GitHub API; on GitHub Enterprise Server, GITHUB_API_URL is https://HOST/api/v3`);
  }
  return response;
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
