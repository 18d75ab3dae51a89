import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultList } from "./faults.ts";
import type { Fault, FaultSpec } from "./faults.ts";
import { githubApi } from "./openapi.ts";
import type { OpenApiDescription, SchemaProblem } from "./openapi.ts";
import { paginate } from "./pagination.ts";
import { HttpError, notFound } from "./route.ts";
import { oversizedFields } from "./limits.ts";
import type { GraphqlResolver, RouteContext, RouteHandler, RouteResult, RouteTable, Urls } from "./route.ts";
import { defaultGraphqlResolvers } from "./routes/graphql.ts";
import { defaultRoutes } from "./routes/index.ts";
import { conform } from "./shape.ts";
import { SimulatorState } from "./state.ts";
import type { User } from "./state.ts";

export type TokenAccess = "write" | "read";

export interface SimulatorOptions {
  /**
   * Tokens the simulator accepts, each with its access ("read" is a fork pull request's GITHUB_TOKEN: every
   * write answers 403). Without this, any token or none is accepted with write access.
   */
  tokens?: Record<string, TokenAccess | { access: TokenAccess; login?: string }>;
  /** The user a request acts as when its token names none (default github-actions[bot]). */
  actor?: string;
  /** Routes added to (or replacing) the built-in ones, keyed by operationId. */
  routes?: RouteTable;
  graphql?: GraphqlResolver[];
  /** Start of the simulated clock used for timestamps. */
  startTime?: string;
  /** A hanging request is cut after this long even if close() is never called (default 30 s). */
  hangLimitMs?: number;
  /** Request bodies above this size answer 413 (default 10 MB). */
  maxBodyBytes?: number;
}

export interface RequestRecord {
  method: string;
  /** Path without the query and without any /api/v3 prefix. */
  path: string;
  /** The query string without "?". */
  query: string;
  operationId: string | undefined;
  /** 0 when no answer was sent (a hang, a reset, a client that went away). */
  status: number;
  /** The parsed request body, if any. */
  body: unknown;
  /** What happened besides the route running: "fault", "hang", "reset", "unauthorized", "read-only". */
  outcome?: string;
}

export interface Violation {
  kind: "request" | "response" | "unimplemented" | "internal";
  method: string;
  path: string;
  operationId: string | undefined;
  problems: SchemaProblem[];
}

export interface Simulator {
  /** REST base URL (octokit baseUrl, GITHUB_API_URL). `${url}/api/v3` works too, as on GHES. */
  url: string;
  graphqlUrl: string;
  state: SimulatorState;
  requests: RequestRecord[];
  /** Requests the official API does not have and responses it would not give; must be empty after a test. */
  violations: Violation[];
  inject(spec: FaultSpec): Fault;
  clearFaults(): void;
  /** Adds or replaces a route after start. */
  route(operationId: string, handler: RouteHandler): void;
  graphql(resolver: GraphqlResolver): void;
  /** Returns the violations recorded so far and forgets them (for tests that provoke them on purpose). */
  takeViolations(): Violation[];
  /** Releases hanging connections, stops the server, and throws if violations were left unexamined. */
  close(): Promise<void>;
}

const GHES_PREFIX = "/api/v3";
const DOCS = "https://docs.github.com/rest";
const READ_METHODS = new Set(["GET", "HEAD"]);

interface Pending {
  timer: NodeJS.Timeout;
  release: () => void;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, {
    ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + 3600),
    "x-ratelimit-used": "1",
    "x-ratelimit-resource": "core",
    ...headers,
  });
  response.end(text);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve("too large");
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** One request on its way through the simulator, and how to answer it. */
interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  method: string;
  /** Without the /api/v3 prefix. */
  path: string;
  url: URL;
  urls: Urls;
  record: RequestRecord;
  reply(status: number, body: unknown, headers?: Record<string, string>): void;
  violation(kind: Violation["kind"], problems: SchemaProblem[]): void;
}

const NOT_JSON = Symbol("not JSON");

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function errorBody(status: number): Record<string, unknown> {
  const messages: Record<number, string> = { 401: "Bad credentials", 403: "Forbidden", 404: "Not Found", 422: "Validation Failed", 429: "Too Many Requests" };
  return { message: messages[status] ?? (status >= 500 ? "Server Error" : "Error"), documentation_url: DOCS };
}

class SimulatorServer implements Simulator {
  url = "";
  graphqlUrl = "";
  readonly state: SimulatorState;
  readonly requests: RequestRecord[] = [];
  violations: Violation[] = [];
  private readonly api: OpenApiDescription;
  private readonly routes: RouteTable;
  private readonly resolvers: GraphqlResolver[];
  private readonly faults = new FaultList();
  private readonly pending = new Set<Pending>();
  private readonly options: SimulatorOptions;
  private readonly server: Server;
  private origin = "";
  private closed = false;

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.api = githubApi();
    this.state = new SimulatorState(options.startTime ? { startTime: options.startTime } : {});
    this.routes = defaultRoutes();
    for (const operationId of Object.keys(this.routes)) {
      if (!this.api.operation(operationId)) throw new Error(`test/simulator/routes: ${operationId} is not an operationId of GitHub's API`);
    }
    for (const [operationId, handler] of Object.entries(options.routes ?? {})) this.route(operationId, handler);
    this.resolvers = [...(options.graphql ?? []), ...defaultGraphqlResolvers()];
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.violations.push({ kind: "internal", method: request.method ?? "", path: request.url ?? "", operationId: undefined, problems: [{ at: "simulator", message: String(error instanceof Error ? error.stack : error) }] });
        send(response, 500, errorBody(500));
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = this.origin;
    this.graphqlUrl = `${this.origin}/graphql`;
  }

  route(operationId: string, handler: RouteHandler): void {
    if (!this.api.operation(operationId)) throw new Error(`route: ${operationId} is not an operationId of GitHub's API`);
    this.routes[operationId] = handler;
  }

  graphql(resolver: GraphqlResolver): void {
    this.resolvers.push(resolver);
  }

  inject(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  takeViolations(): Violation[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const pending of [...this.pending]) pending.release();
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
    expectNoViolations(this);
  }

  /**
   * Waits, bounded: until the time is up (true), or until close() or the client going away releases it (false).
   * The simulator never keeps a test process alive.
   */
  private wait(ms: number, response: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const pending: Pending = {
        timer: setTimeout(() => finish(true), ms),
        release: () => finish(false),
      };
      const finish = (elapsed: boolean) => {
        clearTimeout(pending.timer);
        this.pending.delete(pending);
        response.off("close", onClose);
        resolve(elapsed);
      };
      const onClose = () => finish(false);
      response.once("close", onClose);
      this.pending.add(pending);
    });
  }

  private actorFor(request: IncomingMessage): { user: User; access: TokenAccess } | "unauthorized" {
    const fallback = this.options.actor ?? "github-actions[bot]";
    const header = request.headers.authorization ?? "";
    const [scheme = "", token = ""] = header.split(/\s+/, 2);
    if (!this.options.tokens) return { user: this.state.user(fallback), access: "write" };
    if (!["token", "bearer"].includes(scheme.toLowerCase())) return "unauthorized";
    const grant = Object.hasOwn(this.options.tokens, token) ? this.options.tokens[token] : undefined;
    if (grant === undefined) return "unauthorized";
    const access = typeof grant === "string" ? grant : grant.access;
    const login = typeof grant === "string" ? fallback : (grant.login ?? fallback);
    return { user: this.state.user(login), access };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const url = new URL(request.url ?? "/", this.origin);
    const ghes = url.pathname === GHES_PREFIX || url.pathname.startsWith(`${GHES_PREFIX}/`);
    const path = ghes ? url.pathname.slice(GHES_PREFIX.length) || "/" : url.pathname;
    const record: RequestRecord = { method, path, query: url.search.slice(1), operationId: undefined, status: 0, body: undefined };
    this.requests.push(record);
    const exchange: Exchange = {
      request,
      response,
      method,
      path,
      url,
      urls: { api: ghes ? `${this.origin}${GHES_PREFIX}` : this.origin, html: this.origin },
      record,
      reply: (status, body, headers) => {
        record.status = status;
        send(response, status, body, headers);
      },
      violation: (kind, problems) => this.violations.push({ kind, method, path, operationId: record.operationId, problems }),
    };
    const raw = await readBody(request, this.options.maxBodyBytes ?? 10 * 1024 * 1024);
    if (raw === "too large") return exchange.reply(413, { message: "Request body too large", documentation_url: DOCS });
    if (method === "POST" && (url.pathname === "/graphql" || url.pathname === "/api/graphql")) {
      record.operationId = "graphql";
      return this.handleGraphql(exchange, raw);
    }
    return this.handleRest(exchange, raw);
  }

  private async handleRest(exchange: Exchange, raw: Buffer): Promise<void> {
    const { request, method, path, url, urls, record, reply, violation } = exchange;
    const matched = this.api.match(method, path);
    if ("error" in matched) {
      violation("request", [{ at: "path", message: matched.error }]);
      return reply(404, { message: "Not Found", documentation_url: DOCS });
    }
    const { operation, pathParams } = matched;
    record.operationId = operation.operationId;

    const contentType = request.headers["content-type"] ?? "";
    const declaredOther = operation.otherBodyTypes.some((type) => contentType.startsWith(type));
    const body = declaredOther ? raw : parseJson(raw);
    if (body === NOT_JSON) {
      violation("request", [{ at: "body", message: "is not JSON" }]);
      return reply(400, { message: "Problems parsing JSON", documentation_url: DOCS });
    }
    record.body = body;
    const checked = this.api.checkParameters(operation, pathParams, url.searchParams);
    if (checked.problems.length > 0) {
      violation("request", checked.problems);
      return reply(400, { message: "Invalid request parameters", errors: checked.problems, documentation_url: DOCS });
    }
    const bodyProblems = declaredOther ? [] : this.api.checkBody(operation, body);
    if (bodyProblems.length > 0) {
      violation("request", bodyProblems);
      return reply(422, { message: "Invalid request.", errors: bodyProblems, documentation_url: DOCS });
    }

    const fault = this.faults.take({ operationId: record.operationId, method, path });
    if (fault && (await this.applyFault(fault, exchange))) return;

    const tooLong = oversizedFields(operation.operationId, body);
    if (tooLong.length > 0) {
      violation("request", tooLong);
      return reply(422, { message: "Validation Failed", errors: tooLong.map((p) => ({ resource: operation.operationId, field: p.at, code: "custom", message: `${p.at} ${p.message}` })), documentation_url: DOCS });
    }

    const actor = this.actorFor(request);
    if (actor === "unauthorized") {
      record.outcome = "unauthorized";
      return reply(401, { message: "Bad credentials", documentation_url: DOCS });
    }
    if (actor.access === "read" && !READ_METHODS.has(method)) {
      record.outcome = "read-only";
      return reply(403, { message: "Resource not accessible by integration", documentation_url: DOCS });
    }

    const handler = this.routes[operation.operationId];
    if (!handler) {
      violation("unimplemented", [{ at: "route", message: `the simulator has no route for ${operation.operationId} (add one in test/simulator/routes/)` }]);
      return reply(501, { message: `${operation.operationId} is not simulated`, documentation_url: DOCS });
    }

    const linkHeaders: Record<string, string> = {};
    const context: RouteContext = {
      operationId: operation.operationId,
      method,
      params: checked.path,
      query: checked.query,
      body,
      state: this.state,
      actor: actor.user,
      urls,
      repo: () => {
        const found = this.state.repo(String(checked.path.owner), String(checked.path.repo));
        if (!found) throw notFound();
        return found;
      },
      paginate: (items, options) => {
        const page = paginate(items, checked.query, options?.maxPerPage);
        const link = page.link(`${urls.api}${path}`, url.searchParams);
        if (link) linkHeaders.link = link;
        return page.items;
      },
    };

    let result: RouteResult;
    try {
      result = await handler(context);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: error.body };
    }
    let responseBody = result.body;
    const pointer = this.api.responseSchemaPointer(operation, result.status);
    if (result.status < 300 && !operation.statuses.has(String(result.status))) {
      violation("response", [{ at: "status", message: `${operation.operationId} does not answer ${result.status} in GitHub's API` }]);
    } else if (pointer && responseBody !== undefined) {
      responseBody = conform(this.api, this.api.at(pointer), responseBody);
      const problems = this.api.checkDocument("response", pointer, responseBody);
      if (problems.length > 0) violation("response", problems);
    }
    reply(result.status, responseBody, { ...linkHeaders, ...result.headers });
  }

  /** Applies a fault; true when it answered (or dropped) the request, false when the route should still run. */
  private async applyFault(fault: Fault, exchange: Exchange): Promise<boolean> {
    const { spec } = fault;
    const { record, response } = exchange;
    record.outcome = "fault";
    if (spec.reset) {
      record.outcome = "reset";
      response.socket?.destroy();
      return true;
    }
    if (spec.hang) {
      record.outcome = "hang";
      await this.wait(this.options.hangLimitMs ?? 30_000, response);
      response.socket?.destroy();
      return true;
    }
    if (spec.delayMs !== undefined) {
      if (!(await this.wait(spec.delayMs, response))) {
        response.socket?.destroy();
        return true;
      }
    }
    if (spec.status === undefined) return false;
    record.status = spec.status;
    if (spec.rawBody !== undefined) {
      response.writeHead(spec.status, { "content-type": "application/json; charset=utf-8", ...spec.headers });
      response.end(spec.rawBody);
    } else send(response, spec.status, spec.body ?? errorBody(spec.status), spec.headers ?? {});
    return true;
  }

  private async handleGraphql(exchange: Exchange, raw: Buffer): Promise<void> {
    const { request, method, path, record, reply, violation } = exchange;
    const body = parseJson(raw);
    record.body = body === NOT_JSON ? undefined : body;
    const fault = this.faults.take({ operationId: "graphql", method, path });
    if (fault && (await this.applyFault(fault, exchange))) return;
    const actor = this.actorFor(request);
    if (actor === "unauthorized") return reply(401, { message: "Bad credentials", documentation_url: DOCS });
    const document = record.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!document || typeof document.query !== "string") {
      violation("request", [{ at: "body/query", message: "a GraphQL request needs a query string" }]);
      return reply(400, { message: "Problems parsing JSON", documentation_url: DOCS });
    }
    if (actor.access === "read" && /^\s*mutation\b/.test(document.query)) {
      return reply(200, { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] });
    }
    const graphqlRequest = {
      query: document.query,
      variables: (document.variables ?? {}) as Record<string, unknown>,
      ...(typeof document.operationName === "string" ? { operationName: document.operationName } : {}),
      state: this.state,
      actor: actor.user,
    };
    for (const resolver of this.resolvers) {
      const data = resolver(graphqlRequest);
      if (data !== undefined) return reply(200, { data });
    }
    violation("unimplemented", [{ at: "graphql", message: `no GraphQL resolver answers: ${document.query.slice(0, 200)}` }]);
    return reply(200, { data: null, errors: [{ message: "The simulator has no resolver for this query" }] });
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new SimulatorServer(options);
  await simulator.listen();
  return simulator;
}

function describe(violation: Violation): string {
  const where = `${violation.method} ${violation.path}${violation.operationId ? ` (${violation.operationId})` : ""}`;
  return `${violation.kind} violation on ${where}:\n${violation.problems.map((p) => `  ${p.at}: ${p.message}`).join("\n")}`;
}

/** Throws, listing them, when the simulator recorded violations of GitHub's API. */
export function expectNoViolations(simulator: Pick<Simulator, "violations">): void {
  if (simulator.violations.length === 0) return;
  throw new Error(`the GitHub API simulator recorded ${simulator.violations.length} violation(s):\n${simulator.violations.map(describe).join("\n")}`);
}
