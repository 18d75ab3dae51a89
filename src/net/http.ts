/**
 * HTTP adapter for health checks: one request with a deadline covering connect, redirects and the body, a cap on
 * the bytes read (the rest is never downloaded), and redirects followed only when asked, with a hop limit.
 * Failures are returned, not thrown, so the caller can decide on retries.
 */
import type { IncomingMessage } from "node:http";
import { openExchange, readBody } from "./exchange.ts";

export interface HttpRequest {
  url: string;
  method: "GET" | "HEAD";
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  followRedirects: boolean;
  maxRedirects: number;
  /** PEM CA certificates trusted for https:// (in addition to Node's store); undefined keeps the default store. */
  ca?: string[];
}

export interface HttpResponse {
  ok: true;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The body was longer than maxBodyBytes: `body` holds only its start. */
  bodyTruncated: boolean;
  /** URLs of the redirects followed, in order. */
  redirects: string[];
  /** The URL that gave this response. */
  url: string;
  latencyMs: number;
}

export type HttpFailureKind = "timeout" | "reset" | "unreachable" | "tls" | "redirects" | "protocol";

export interface HttpFailure {
  ok: false;
  kind: HttpFailureKind;
  message: string;
  redirects: string[];
  latencyMs: number;
}

const USER_AGENT = "shipgate-health-check";
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

interface Hop {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  bodyTruncated: boolean;
}

function headersOf(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function classify(error: NodeJS.ErrnoException, url: URL): { kind: HttpFailureKind; message: string } {
  const code = error.code ?? "";
  const where = url.host;
  if (code === "ECONNRESET" || code === "EPIPE") return { kind: "reset", message: `${where} reset the connection (${code})` };
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"].includes(code)) {
    return { kind: "unreachable", message: `cannot connect to ${where} (${code})` };
  }
  if (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || /CERT|SELF_SIGNED|UNABLE_TO/.test(code)) {
    return { kind: "tls", message: `TLS with ${where} failed (${code})` };
  }
  return { kind: "protocol", message: `request to ${where} failed (${code || "invalid response"})` };
}

/** One exchange on a connection of its own (a pooled socket would hide a server that stopped accepting). */
async function exchange(url: URL, request: HttpRequest, headers: Record<string, string>, signal: AbortSignal): Promise<Hop> {
  const response = await openExchange(url, {
    method: request.method,
    headers: { "user-agent": USER_AGENT, accept: "*/*", ...headers },
    signal,
    connection: "fresh",
    ...(request.ca ? { ca: request.ca } : {}),
  });
  const { bytes, truncated } = await readBody(response, response, { maxBytes: request.maxBodyBytes, overflow: "truncate" }, signal);
  return { status: response.statusCode ?? 0, headers: headersOf(response), body: bytes, bodyTruncated: truncated };
}

/** Sends the request, following redirects when asked; resolves with the final response or a failure. */
export async function httpRequest(request: HttpRequest, clock: () => number = () => performance.now()): Promise<HttpResponse | HttpFailure> {
  const started = clock();
  const signal = AbortSignal.timeout(request.timeoutMs);
  const redirects: string[] = [];
  let url = new URL(request.url);
  const origin = url.origin;
  for (;;) {
    let hop: Hop;
    try {
      // Custom headers (possibly credentials) go only to the origin they were written for.
      hop = await exchange(url, request, url.origin === origin ? request.headers : {}, signal);
    } catch (error) {
      const latencyMs = Math.round(clock() - started);
      if (signal.aborted) return { ok: false, kind: "timeout", message: `no complete response from ${url.host} within ${request.timeoutMs} ms`, redirects, latencyMs };
      return { ok: false, ...classify(error as NodeJS.ErrnoException, url), redirects, latencyMs };
    }
    const location = hop.headers["location"];
    if (!request.followRedirects || !redirectStatuses.has(hop.status) || !location) {
      return { ok: true, ...hop, redirects, url: url.href, latencyMs: Math.round(clock() - started) };
    }
    if (redirects.length >= request.maxRedirects) {
      return { ok: false, kind: "redirects", message: `more than ${request.maxRedirects} redirects (last to ${url.href})`, redirects, latencyMs: Math.round(clock() - started) };
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return { ok: false, kind: "protocol", message: `${url.host} redirected to an invalid URL`, redirects, latencyMs: Math.round(clock() - started) };
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      return { ok: false, kind: "protocol", message: `${url.host} redirected to a ${next.protocol} URL, which is not followed`, redirects, latencyMs: Math.round(clock() - started) };
    }
    redirects.push(next.href);
    url = next;
  }
}
