/**
 * One HTTP/1.1 exchange over node:http or node:https, the bottom shared by the health checks' adapter (http.ts)
 * and the request transport (transport.ts): send the request and its body, resolve with the response head, read
 * the body under a byte cap. A deadline (an AbortSignal) ends the exchange in any state, rejecting with the
 * signal's reason and destroying the socket. Nothing here touches the fetch globals: the first fetch() loads
 * undici, which costs an action more than all of Node's own start-up.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

export interface ExchangeOptions {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
  /**
   * "fresh": a connection of its own. "shared": Node's global agent, which keeps connections alive between
   * requests and, under NODE_USE_ENV_PROXY=1 (or --use-env-proxy), sends them through HTTP(S)_PROXY.
   */
  connection: "fresh" | "shared";
  /** PEM CA certificates trusted for https:// (in addition to Node's store); undefined keeps the default store. */
  ca?: string[];
}

/** Sends the request; resolves when the response head has arrived, its body not yet read. */
export async function openExchange(url: URL, options: ExchangeOptions): Promise<IncomingMessage> {
  try {
    return await sendOnce(url, options);
  } catch (error) {
    // A kept-alive connection the server closed while the request was leaving: the server never saw the request,
    // so it is sent again, once, on a new connection.
    if (!(error instanceof StaleConnection)) throw error;
    try {
      return await sendOnce(url, options);
    } catch (again) {
      throw again instanceof StaleConnection ? again.cause : again;
    }
  }
}

class StaleConnection extends Error {}

function sendOnce(url: URL, options: ExchangeOptions): Promise<IncomingMessage> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const secure = url.protocol === "https:";
    const headers = options.body ? { ...options.headers, "content-length": String(options.body.byteLength) } : options.headers;
    let request: http.ClientRequest;
    try {
      request = (secure ? https : http).request(url, {
        method: options.method,
        headers,
        ...(options.connection === "fresh" ? { agent: false } : {}),
        ...(secure && options.ca ? { ca: options.ca } : {}),
      });
    } catch (error) {
      // An invalid header name or value: refused before anything is sent.
      reject(error);
      return;
    }
    const onAbort = (): void => {
      reject(signal.reason);
      request.destroy();
    };
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => {
      signal.removeEventListener("abort", onAbort);
      reject(request.reusedSocket && error.code === "ECONNRESET" ? new StaleConnection(error.message, { cause: error }) : error);
    });
    request.on("response", (response) => {
      signal.removeEventListener("abort", onAbort);
      resolve(response);
    });
    request.end(options.body);
  });
}

export interface BodyLimit {
  maxBytes: number;
  /** "truncate": keep the first maxBytes and stop the download; "refuse": reject with ResponseTooLarge. */
  overflow: "truncate" | "refuse";
}

const endedEarly = (): Error => Object.assign(new Error("response ended early"), { code: "ECONNRESET" });

/** A body over the cap, refused: the rest is never downloaded. */
export class ResponseTooLarge extends Error {}

/**
 * Reads `body` (the response itself, or a decoder fed by it) to its end under the limit. A deadline or a
 * connection that closes before the end rejects; `response` is destroyed whenever the read stops early.
 */
export function readBody(response: IncomingMessage, body: NodeJS.ReadableStream & { destroy(): void }, limit: BodyLimit, signal: AbortSignal): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: { bytes: Buffer; truncated: boolean } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome);
    };
    const stop = (): void => {
      body.destroy();
      response.destroy();
    };
    const onAbort = (): void => {
      settle({ error: signal.reason });
      stop();
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    // The connection was lost before the read began.
    if (response.errored) {
      settle({ error: response.errored });
      return;
    }
    if (response.destroyed && !response.complete) {
      settle({ error: endedEarly() });
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    body.on("data", (chunk: Buffer) => {
      if (settled) return;
      const room = limit.maxBytes - size;
      if (chunk.length > room) {
        if (limit.overflow === "truncate") {
          chunks.push(chunk.subarray(0, room));
          settle({ bytes: Buffer.concat(chunks), truncated: true });
        } else {
          settle({ error: new ResponseTooLarge(`response is larger than the ${limit.maxBytes} bytes accepted`) });
        }
        stop();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    body.on("end", () => settle({ bytes: Buffer.concat(chunks), truncated: false }));
    body.on("error", (error) => settle({ error }));
    if (body !== response) response.on("error", (error) => settle({ error }));
    // A connection that closes before the body ended is a reset, even when no error is emitted.
    const early = (): void => settle({ error: endedEarly() });
    body.on("close", early);
    if (body !== response) response.on("close", () => (response.complete ? undefined : early()));
  });
}
