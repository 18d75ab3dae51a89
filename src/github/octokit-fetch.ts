/**
 * The fetch that Octokit is given (`request: { fetch }`), over src/net/transport.ts instead of the global fetch,
 * whose first call loads undici. Its Response has only what @octokit/request's fetch-wrapper reads: status,
 * statusText, url, headers (iterated, and get), text() and arrayBuffer(). `body` is read only with
 * parseSuccessResponseBody: false, which shipgate never sets. Nothing here touches the undici globals (fetch,
 * Headers, Response, Request, FormData): any access to one of them loads undici.
 */
import { send, type RedirectMode, type TransportResponse } from "../net/transport.ts";

/** What @octokit/request passes to fetch. */
export interface OctokitFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer | null;
  redirect?: RedirectMode;
  signal?: AbortSignal | null;
}

export class OctokitFetchHeaders {
  readonly #response: TransportResponse;

  constructor(response: TransportResponse) {
    this.#response = response;
  }

  get(name: string): string | null {
    return this.#response.header(name);
  }

  has(name: string): boolean {
    return this.#response.header(name) !== null;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#response.headers[Symbol.iterator]();
  }

  entries(): IterableIterator<[string, string]> {
    return this[Symbol.iterator]();
  }
}

export class OctokitFetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly redirected: boolean;
  readonly ok: boolean;
  readonly headers: OctokitFetchHeaders;
  readonly #response: TransportResponse;

  constructor(response: TransportResponse) {
    this.#response = response;
    this.status = response.status;
    this.statusText = response.statusText;
    this.url = response.url;
    this.redirected = response.redirected;
    this.ok = response.status >= 200 && response.status <= 299;
    this.headers = new OctokitFetchHeaders(response);
  }

  /** UTF-8, a leading byte-order mark dropped, as fetch's text(). */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.#response.read());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#response.read();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}

function requestBody(body: OctokitFetchInit["body"]): string | Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  return body instanceof ArrayBuffer ? new Uint8Array(body) : body;
}

/** fetch(input, init) for Octokit; a deadline is required (the client always gives one). */
export async function octokitFetch(input: string | URL, init: OctokitFetchInit & { signal: AbortSignal }): Promise<OctokitFetchResponse> {
  const body = requestBody(init.body);
  const response = await send({
    url: input,
    method: init.method ?? "GET",
    headers: init.headers ?? {},
    ...(body === undefined ? {} : { body }),
    signal: init.signal,
    ...(init.redirect ? { redirect: init.redirect } : {}),
  });
  return new OctokitFetchResponse(response);
}
