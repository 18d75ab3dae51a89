/**
 * Requests with fetch's semantics, for the GitHub and Prometheus clients, over node:http(s) (exchange.ts) rather
 * than fetch, whose first call loads undici (30-40 ms, more than `node -e 0`). What those clients relied on from
 * fetch is kept: redirects followed as fetch's "follow" does, a deadline rejecting with the signal's reason,
 * network failures as TypeError("fetch failed", { cause }), content codings decoded, kept-alive connections,
 * and NODE_USE_ENV_PROXY's proxies (Node's global agent honours them as fetch does).
 */
import type { IncomingMessage } from "node:http";
import { openExchange, readBody, ResponseTooLarge } from "./exchange.ts";

export type RedirectMode = "follow" | "manual" | "error";

export interface TransportRequest {
  url: string | URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
  /** As fetch's `redirect`; undefined follows. */
  redirect?: RedirectMode;
}

export interface TransportResponse {
  status: number;
  statusText: string;
  /** The URL that gave this response, after redirects, without its fragment. */
  url: string;
  redirected: boolean;
  /** As fetch's Headers iterate: lower-case names in order, repeated headers joined with ", ", set-cookie one pair each. */
  headers: [string, string][];
  /** The (joined) value of a header, or null, as Headers.get. */
  header(name: string): string | null;
  /**
   * The body decoded from its content coding, read to its end: once. Past maxBytes (declared by content-length, or
   * read) it rejects with ResponseTooLarge and the rest is never downloaded.
   */
  read(maxBytes?: number): Promise<Buffer>;
}

export { ResponseTooLarge };

/** fetch's limit: the 21st redirect is a network error. */
export const MAX_REDIRECTS = 20;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Headers that describe the request body, dropped with it when a redirect turns the request into a GET. */
const bodyHeaders = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
/** Credentials that fetch never sends to another origin than the one they were given for. */
const originBoundHeaders = ["authorization", "proxy-authorization", "cookie", "host"];

/** undici's shape of a request that got no HTTP answer; @octokit/request reports `cause.message`. */
function networkError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return lower;
}

function bytesOf(body: string | Uint8Array | undefined, headers: Record<string, string>): Uint8Array | undefined {
  if (typeof body !== "string") return body;
  // fetch's type for a string body that names none.
  headers["content-type"] ??= "text/plain;charset=UTF-8";
  return Buffer.from(body, "utf8");
}

/** Sends the request; resolves with the response head once the last redirect is followed, as fetch does. */
export async function send(request: TransportRequest): Promise<TransportResponse> {
  const { signal } = request;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (error) {
    throw new TypeError(`Failed to parse URL from ${String(request.url)}`, { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw networkError(new Error(`${url.protocol} URLs are not supported`));
  url.hash = "";
  let method = request.method.toUpperCase();
  const headers = lowerCased(request.headers);
  let body = bytesOf(request.body, headers);
  for (let redirects = 0; ; redirects++) {
    let response: IncomingMessage;
    try {
      response = await openExchange(url, { method, headers, ...(body ? { body } : {}), signal, connection: "shared" });
    } catch (error) {
      throw signal.aborted && error === signal.reason ? error : networkError(error);
    }
    // A connection lost before the body is read must not throw from the stream: readBody reports it (`errored`).
    response.on("error", () => undefined);
    const location = response.headers.location;
    const status = response.statusCode ?? 0;
    if (!redirectStatuses.has(status) || location === undefined || request.redirect === "manual") {
      return transportResponse(response, method, url, redirects > 0, signal);
    }
    // The redirect's own body is not wanted; reading it frees the connection for the next request.
    response.resume();
    if (request.redirect === "error") throw networkError(new Error(`unexpected redirect to ${location}`));
    let next: URL;
    try {
      next = new URL(location, url);
    } catch (error) {
      throw networkError(error);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") throw networkError(new Error(`redirect to a ${next.protocol} URL`));
    if (redirects >= MAX_REDIRECTS) throw networkError(new Error("redirect count exceeded"));
    if (((status === 301 || status === 302) && method === "POST") || (status === 303 && method !== "GET" && method !== "HEAD")) {
      method = "GET";
      body = undefined;
      for (const name of bodyHeaders) delete headers[name];
    }
    if (next.origin !== url.origin) for (const name of originBoundHeaders) delete headers[name];
    next.hash = "";
    url = next;
  }
}

/** Header pairs as fetch's Headers gives them (sorted by name, one pair per name but set-cookie). */
function headerPairs(raw: string[]): [string, string][] {
  const joined = new Map<string, string>();
  const cookies: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === "set-cookie") cookies.push(value);
    else joined.set(name, joined.has(name) ? `${joined.get(name)}, ${value}` : value);
  }
  const pairs: [string, string][] = [...joined];
  for (const cookie of cookies) pairs.push(["set-cookie", cookie]);
  return pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function transportResponse(response: IncomingMessage, method: string, url: URL, redirected: boolean, signal: AbortSignal): TransportResponse {
  const status = response.statusCode ?? 0;
  const headers = headerPairs(response.rawHeaders);
  const header = (name: string): string | null => {
    const lower = name.toLowerCase();
    const values = headers.filter(([key]) => key === lower).map(([, value]) => value);
    return values.length === 0 ? null : values.join(", ");
  };
  const bodiless = method === "HEAD" || status === 204 || status === 205 || status === 304;
  // Nothing will read these bodies; the connection goes back to the pool once the (empty) body has been read.
  if (bodiless) response.resume();
  let used = false;
  return {
    status,
    statusText: response.statusMessage ?? "",
    url: url.href,
    redirected,
    headers,
    header,
    async read(maxBytes = Infinity) {
      if (used) throw new TypeError("Body is unusable: Body has already been read");
      used = true;
      if (bodiless) return Buffer.alloc(0);
      const declared = Number(header("content-length") ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        throw new ResponseTooLarge(`response of ${declared} bytes is larger than the ${maxBytes} accepted`);
      }
      const decoded = await decodedBody(response, header("content-encoding"));
      return (await readBody(response, decoded, { maxBytes, overflow: "refuse" }, signal)).bytes;
    },
  };
}

type Decodable = NodeJS.ReadableStream & { destroy(error?: Error): void };
type Zlib = typeof import("node:zlib");
type TransformClass = typeof import("node:stream").Transform;

/**
 * "deflate" is the zlib format, but some servers send raw deflate under that name: the first byte tells them apart
 * (a zlib header's low nibble is 8, the deflate method), as undici does.
 */
function inflateEither(zlib: Zlib, Transform: TransformClass, options: import("node:zlib").ZlibOptions): InstanceType<TransformClass> {
  let inflate: ReturnType<Zlib["createInflate"]> | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.length === 0) return done();
      if (!inflate) {
        inflate = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
        inflate.on("data", (bytes: Buffer) => this.push(bytes));
        inflate.on("error", (error) => this.destroy(error));
      }
      inflate.write(chunk, () => done());
    },
    flush(done) {
      if (!inflate) return done();
      inflate.once("end", () => done());
      inflate.end();
    },
  });
}

/**
 * The body stream decoded from the codings the server applied (last applied, first undone). shipgate does not ask
 * for compression, so this is rare: node:zlib is loaded only then. An unknown coding is passed through, as fetch does.
 */
async function decodedBody(response: IncomingMessage, contentEncoding: string | null): Promise<Decodable> {
  const codings = (contentEncoding ?? "").split(",").map((coding) => coding.trim().toLowerCase()).filter((coding) => coding && coding !== "identity");
  if (codings.length === 0 || !codings.every((coding) => ["gzip", "x-gzip", "deflate", "br"].includes(coding))) return response;
  const [zlib, { Transform }] = await Promise.all([import("node:zlib"), import("node:stream")]);
  // As lenient as undici with a body cut at a flush point.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const brotliFlush = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };
  let stream: Decodable = response;
  for (const coding of codings.reverse()) {
    const decoder = coding === "br" ? zlib.createBrotliDecompress(brotliFlush) : coding === "deflate" ? inflateEither(zlib, Transform, flush) : zlib.createGunzip(flush);
    const source = stream;
    source.pipe(decoder);
    if (source !== response) source.on("error", (error: Error) => decoder.destroy(error));
    stream = decoder;
  }
  return stream;
}
