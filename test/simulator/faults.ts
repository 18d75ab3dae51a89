/**
 * Faults a test injects to see how a client copes: error answers (5xx, rate limits, auth), slow answers,
 * connections that hang, and connections reset without an answer.
 */

export interface FaultSpec {
  /** Which requests: all given criteria must hold (none given = every request). */
  operationId?: string;
  method?: string;
  /** The request path without query and without /api/v3: an exact string or a pattern. */
  path?: string | RegExp;
  /** How many matching requests the fault applies to (default 1; Infinity for all). */
  times?: number;
  /** Let this many matching requests through before the fault applies (default 0). */
  after?: number;
  /** Answer with this status instead of running the route. */
  status?: number;
  headers?: Record<string, string>;
  /** The JSON body of the answer; defaults to GitHub's error document for the status. */
  body?: unknown;
  /** The body sent as written instead (broken JSON, an HTML page), with `headers` (content-type JSON by default). */
  rawBody?: string;
  /** Wait this long before answering (with `status`) or before running the route (without). */
  delayMs?: number;
  /** Never answer; the connection is released on close() or after the simulator's hang limit. */
  hang?: boolean;
  /** Destroy the connection without an answer. */
  reset?: boolean;
}

export interface Fault {
  readonly spec: FaultSpec;
  /** Matching requests seen so far (including those let through by `after`). */
  seen: number;
  /** Requests the fault was applied to. */
  applied: number;
}

export interface RequestFacts {
  operationId: string | undefined;
  method: string;
  path: string;
}

function matches(spec: FaultSpec, request: RequestFacts): boolean {
  if (spec.operationId !== undefined && spec.operationId !== request.operationId) return false;
  if (spec.method !== undefined && spec.method.toUpperCase() !== request.method) return false;
  if (typeof spec.path === "string" && spec.path !== request.path) return false;
  if (spec.path instanceof RegExp && !spec.path.test(request.path)) return false;
  return true;
}

export class FaultList {
  private readonly faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    if (spec.status === undefined && !spec.hang && !spec.reset && spec.delayMs === undefined) {
      throw new Error("inject: give a status, hang, reset or delayMs");
    }
    const fault: Fault = { spec, seen: 0, applied: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault that applies to this request, counting it as seen by every fault it matches. */
  take(request: RequestFacts): Fault | undefined {
    let chosen: Fault | undefined;
    for (const fault of this.faults) {
      if (!matches(fault.spec, request)) continue;
      if (fault.applied >= (fault.spec.times ?? 1)) continue;
      fault.seen++;
      if (chosen === undefined && fault.seen > (fault.spec.after ?? 0)) {
        fault.applied++;
        chosen = fault;
      }
    }
    return chosen;
  }

  clear(): void {
    this.faults.length = 0;
  }
}

const documentation = "https://docs.github.com/rest";

/** Ready-made faults as GitHub sends them. */
export const faults = {
  serverError(status: 500 | 502 | 503 | 504 = 502): FaultSpec {
    return { status, body: { message: status === 503 ? "Service Unavailable" : "Server Error" } };
  },
  /** The secondary (abuse) rate limit: 403 with retry-after, recognised by its message. */
  secondaryRateLimit(retryAfterSeconds = 1): FaultSpec {
    return {
      status: 403,
      headers: { "retry-after": String(retryAfterSeconds) },
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: documentation },
    };
  },
  /** The primary rate limit: 403 with x-ratelimit-remaining 0 and the reset time (epoch seconds). */
  primaryRateLimit(resetInSeconds = 1, now = Date.now()): FaultSpec {
    return {
      status: 403,
      headers: { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-reset": String(Math.ceil(now / 1000) + resetInSeconds) },
      body: { message: "API rate limit exceeded for installation.", documentation_url: documentation },
    };
  },
  /** 200 with JSON cut off in the middle, as a proxy that drops the connection's end sends it. */
  brokenJson(): FaultSpec {
    return { status: 200, rawBody: '{"number": 1, "title": "cut' };
  },
  /** 200 with a web page, as a captive portal or the web UI behind a wrong GITHUB_API_URL answers. */
  htmlPage(): FaultSpec {
    return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, rawBody: "<!DOCTYPE html><html><body>Sign in</body></html>" };
  },
  tooManyRequests(retryAfterSeconds = 1): FaultSpec {
    return { status: 429, headers: { "retry-after": String(retryAfterSeconds) }, body: { message: "Too Many Requests", documentation_url: documentation } };
  },
  badCredentials(): FaultSpec {
    return { status: 401, body: { message: "Bad credentials", documentation_url: documentation } };
  },
  notFound(): FaultSpec {
    return { status: 404, body: { message: "Not Found", documentation_url: documentation } };
  },
  hang(): FaultSpec {
    return { hang: true };
  },
  reset(): FaultSpec {
    return { reset: true };
  },
};
