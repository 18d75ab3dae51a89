import type { RepoState, SimulatorState, User } from "./state.ts";

/** What a route handler gets: the request, already matched to its operation and validated, and the state. */
export interface RouteContext {
  operationId: string;
  method: string;
  /** Path parameters, coerced to their declared types (pull_number is a number). */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their declared types; absent ones are absent. */
  query: Record<string, unknown>;
  /** The parsed JSON body (already validated against the operation's schema). */
  body: unknown;
  state: SimulatorState;
  /** The user the request's token stands for. */
  actor: User;
  urls: Urls;
  /** The repository named by the owner/repo path parameters; answers 404 when it does not exist. */
  repo(): RepoState;
  /** One page of items as GitHub pages list endpoints (per_page, page), with the Link header set. */
  paginate<T>(items: T[], options?: { maxPerPage?: number }): T[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (context: RouteContext) => RouteResult | Promise<RouteResult>;

/** Routes keyed by the official operationId, e.g. "checks/create". */
export type RouteTable = Record<string, RouteHandler>;

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  state: SimulatorState;
  actor: User;
}

/**
 * A GraphQL resolver: answers the request's `data` when it recognises the query (by operation name or by a
 * field it selects), or undefined to let the next one try.
 */
export type GraphqlResolver = (request: GraphqlRequest) => Record<string, unknown> | undefined;

/** Links the simulator writes into representations (url, html_url, ...). */
export interface Urls {
  /** REST base, with /api/v3 when the request used it. */
  api: string;
  /** The web base (https://github.com on github.com): the simulator's own origin. */
  html: string;
}

/** Thrown by a route to answer with a GitHub error document. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.body = { message, documentation_url: "https://docs.github.com/rest", ...extra };
  }
}

export function notFound(): HttpError {
  return new HttpError(404, "Not Found");
}

export function validationFailed(resource: string, field: string, code: string, message?: string): HttpError {
  return new HttpError(422, "Validation Failed", { errors: [{ resource, field, code, ...(message ? { message } : {}) }] });
}
