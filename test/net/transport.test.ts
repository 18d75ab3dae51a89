/**
 * The request transport (src/net/transport.ts) against real servers on 127.0.0.1: what the GitHub and Prometheus
 * clients relied on from fetch. Redirects as fetch's "follow", deadlines rejecting with the signal's reason, network
 * failures as TypeError("fetch failed"), content codings decoded, a cap on the body, bodies sent byte for byte.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_REDIRECTS, ResponseTooLarge, send, type TransportRequest } from "../../src/net/transport.ts";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

interface TestServer {
  url: string;
  seen: Seen[];
  /** Resolves when a connection to the server has closed. */
  closedConnections: Promise<void>[];
}

const servers: { server: Server; sockets: Set<Socket> }[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<TestServer> {
  const seen: Seen[] = [];
  const closedConnections: Promise<void>[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    closedConnections.push(new Promise((resolve) => socket.on("close", () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ server, sockets });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, closedConnections };
}

afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function request(url: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  return { url, method: "GET", headers: {}, signal: AbortSignal.timeout(10_000), ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { cause?: Error & { code?: string } }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { cause?: Error & { code?: string } };
}

function redirectingTo(location: (req: IncomingMessage) => string | undefined, status: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const target = location(req);
    if (target === undefined) {
      res.writeHead(200, { "content-type": "text/plain" }).end(`final ${req.method}`);
      return;
    }
    res.writeHead(status, { location: target }).end("moved");
  };
}

describe("redirects are followed as fetch's default does", () => {
  for (const status of [301, 302, 303]) {
    it(`${status} turns a POST into a GET without its body or the headers describing it`, async () => {
      const server = await serve(redirectingTo((req) => (req.url === "/start" ? "/next" : undefined), status));
      const response = await send(request(`${server.url}/start`, { method: "POST", headers: { "content-type": "application/json", "x-kept": "yes" }, body: '{"a":1}' }));
      expect(response.status).toBe(200);
      expect(response.redirected).toBe(true);
      expect(response.url).toBe(`${server.url}/next`);
      expect((await response.read()).toString()).toBe("final GET");
      expect(server.seen.map((s) => [s.method, s.url, s.body.toString(), s.headers["content-type"], s.headers["x-kept"]])).toEqual([
        ["POST", "/start", '{"a":1}', "application/json", "yes"],
        ["GET", "/next", "", undefined, "yes"],
      ]);
    });
  }

  for (const status of [307, 308]) {
    it(`${status} sends the same method and body again`, async () => {
      const server = await serve(redirectingTo((req) => (req.url === "/start" ? "/next" : undefined), status));
      const body = Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 0x80]);
      const response = await send(request(`${server.url}/start`, { method: "PATCH", headers: { "content-type": "application/octet-stream" }, body }));
      expect((await response.read()).toString()).toBe("final PATCH");
      expect(server.seen.map((s) => [s.method, s.url, s.body.equals(body)])).toEqual([
        ["PATCH", "/start", true],
        ["PATCH", "/next", true],
      ]);
    });
  }

  it("303 keeps a GET a GET, and a 301 keeps a PUT a PUT", async () => {
    const seeOther = await serve(redirectingTo((req) => (req.url === "/see" ? "/a" : undefined), 303));
    const moved = await serve(redirectingTo((req) => (req.url === "/moved" ? "/b" : undefined), 301));
    expect((await (await send(request(`${seeOther.url}/see`))).read()).toString()).toBe("final GET");
    expect((await (await send(request(`${moved.url}/moved`, { method: "PUT", body: "x" }))).read()).toString()).toBe("final PUT");
    expect(moved.seen.map((s) => s.body.toString())).toEqual(["x", "x"]);
  });

  it("drops the Authorization header on a redirect to another origin, and keeps it on the same origin", async () => {
    const other = await serve(redirectingTo(() => undefined, 200));
    const first = await serve(redirectingTo((req) => ({ "/same": "/here", "/away": `${other.url}/there` })[req.url ?? ""], 302));
    const headers = { authorization: "token secret", cookie: "a=b", "x-other": "kept" };
    await (await send(request(`${first.url}/same`, { headers }))).read();
    await (await send(request(`${first.url}/away`, { headers }))).read();
    expect(first.seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ["/same", "token secret"],
      ["/here", "token secret"],
      ["/away", "token secret"],
    ]);
    expect(other.seen.map((s) => [s.url, s.headers.authorization, s.headers.cookie, s.headers["x-other"]])).toEqual([["/there", undefined, undefined, "kept"]]);
  });

  it(`follows ${MAX_REDIRECTS} redirects and refuses the next one`, async () => {
    // /hop/N redirects to /hop/N+1 until /hop/20, which answers.
    const server = await serve(redirectingTo((req) => {
      const n = Number(req.url?.split("/")[2]);
      return n < MAX_REDIRECTS ? `/hop/${n + 1}` : undefined;
    }, 301));
    const response = await send(request(`${server.url}/hop/0`));
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.url}/hop/${MAX_REDIRECTS}`);
    await response.read();
    const before = server.seen.length;
    const error = await rejection(send(request(`${server.url}/hop/-1`)));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("fetch failed");
    expect(error.cause?.message).toBe("redirect count exceeded");
    // The 21st redirect was answered but not followed.
    expect(server.seen.length - before).toBe(MAX_REDIRECTS + 1);
  });

  it('returns the redirect itself with redirect: "manual" and rejects it with redirect: "error"', async () => {
    const server = await serve(redirectingTo((req) => (req.url === "/start" ? "/next" : undefined), 302));
    const manual = await send(request(`${server.url}/start`, { redirect: "manual" }));
    expect([manual.status, manual.header("location"), manual.redirected]).toEqual([302, "/next", false]);
    expect((await manual.read()).toString()).toBe("moved");
    const error = await rejection(send(request(`${server.url}/start`, { redirect: "error" })));
    expect([error.name, error.message]).toEqual(["TypeError", "fetch failed"]);
    expect(server.seen.map((s) => s.url)).toEqual(["/start", "/start"]);
  });
});

describe("a deadline ends the request with the signal's reason, like fetch", () => {
  it("a server that accepts and never answers: TimeoutError, and the connection is closed", async () => {
    let connected = 0;
    const server = await serve(() => {
      connected++;
    });
    const error = await rejection(send(request(`${server.url}/hang`, { signal: AbortSignal.timeout(100) })));
    expect([error.name, error.constructor.name]).toEqual(["TimeoutError", "DOMException"]);
    expect(connected).toBe(1);
    await Promise.all(server.closedConnections);
  });

  it("a body that stops half way: reading it rejects with TimeoutError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"half":');
    });
    const response = await send(request(`${server.url}/half`, { signal: AbortSignal.timeout(200) }));
    expect(response.status).toBe(200);
    const error = await rejection(response.read());
    expect(error.name).toBe("TimeoutError");
    await Promise.all(server.closedConnections);
  });

  it("an aborted signal's own reason is what rejects (AbortError)", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = send(request(`${server.url}/x`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error.name).toBe("AbortError");
    expect(error).toBe(controller.signal.reason);
  });
});

describe("network failures are TypeError('fetch failed') with the cause, as undici reports them", () => {
  it("a refused connection", async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    const { server: listening } = servers.pop()!;
    await new Promise<void>((resolve) => listening.close(() => resolve()));
    const error = await rejection(send(request(`${url}/`)));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("fetch failed");
    expect(error.cause?.code).toBe("ECONNREFUSED");
    expect(error.cause?.message).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it("a connection lost after the head, before the body is read: reading rejects at once, not at the deadline", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("part", () => req.socket.destroy());
    });
    const response = await send(request(`${server.url}/lost`, { signal: AbortSignal.timeout(60_000) }));
    await Promise.all(server.closedConnections);
    const error = await rejection(response.read());
    expect((error as Error & { code?: string }).code).toBe("ECONNRESET");
  });

  it("a connection reset before any answer", async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await rejection(send(request(`${server.url}/`)));
    expect([error.name, error.message, error.cause?.code]).toEqual(["TypeError", "fetch failed", "ECONNRESET"]);
  });
});

describe("the answer", () => {
  it("is decoded from gzip, br or deflate (zlib or raw) even though it was not asked for", async () => {
    const text = `{"data":"${"é".repeat(5000)}"}`;
    const encoded: Record<string, [string, Buffer]> = {
      "/gzip": ["gzip", gzipSync(text)],
      "/br": ["br", brotliCompressSync(text)],
      "/deflate": ["deflate", deflateSync(text)],
      "/raw-deflate": ["deflate", deflateRawSync(text)],
      "/twice": ["deflate, gzip", gzipSync(deflateSync(text))],
    };
    const server = await serve((req, res) => {
      const [coding, bytes] = encoded[req.url ?? ""]!;
      res.writeHead(200, { "content-type": "application/json", "content-encoding": coding }).end(bytes);
    });
    for (const path of Object.keys(encoded)) {
      const response = await send(request(`${server.url}${path}`));
      expect([path, (await response.read(1_000_000)).toString("utf8")]).toEqual([path, text]);
    }
    expect(server.seen.map((s) => s.headers["accept-encoding"])).toEqual(Object.keys(encoded).map(() => undefined));
  });

  it("larger than the cap is refused: at once when its length is declared, else once the cap is passed, never downloaded to its end", async () => {
    const chunk = Buffer.alloc(64 * 1024, 97);
    const server = await serve((req, res) => {
      if (req.url === "/declared") {
        res.writeHead(200, { "content-length": String(5000) }).end(Buffer.alloc(5000, 97));
        return;
      }
      // An endless chunked body: only a reader that stops ends this exchange.
      res.writeHead(200, { "content-type": "text/plain" });
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on("drain", more);
      more();
    });
    const declared = await rejection((await send(request(`${server.url}/declared`))).read(1000));
    expect(declared).toBeInstanceOf(ResponseTooLarge);
    expect(declared.message).toBe("response of 5000 bytes is larger than the 1000 accepted");
    const endless = await rejection((await send(request(`${server.url}/endless`))).read(100_000));
    expect(endless.message).toBe("response is larger than the 100000 bytes accepted");
    // The endless answer ends only because the reader closed the connection.
    await Promise.all(server.closedConnections);
  });

  it("is capped after decoding: a small gzip of a large body is refused", async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    const server = await serve((_req, res) => res.writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) }).end(bomb));
    expect(bomb.length).toBeLessThan(100_000);
    const error = await rejection((await send(request(`${server.url}/bomb`))).read(100_000));
    expect(error.message).toBe("response is larger than the 100000 bytes accepted");
  });

  it("gives repeated headers joined, set-cookie one by one, names in order, as fetch's Headers", async () => {
    const server = await serve((_req, res) => {
      res.setHeader("X-Zeta", ["1", "2"]);
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.setHeader("Content-Type", "text/plain");
      res.end("ok");
    });
    const response = await send(request(`${server.url}/`));
    await response.read();
    expect(response.headers.filter(([name]) => ["content-type", "set-cookie", "x-zeta"].includes(name))).toEqual([
      ["content-type", "text/plain"],
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
      ["x-zeta", "1, 2"],
    ]);
    expect([response.header("X-Zeta"), response.header("missing"), response.statusText]).toEqual(["1, 2", null, "OK"]);
  });
});

describe("the request", () => {
  it("a POST body arrives byte for byte with its length", async () => {
    const server = await serve((_req, res) => res.writeHead(201).end());
    const text = "query=rate(http_requests_total[5m]) & é ✓ \u{1F680}\r\n\0end";
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const asText = await send(request(`${server.url}/text`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: text }));
    const asBytes = await send(request(`${server.url}/bytes`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes }));
    expect([asText.status, asBytes.status]).toEqual([201, 201]);
    const [first, second] = server.seen;
    expect(first!.body.equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(first!.headers["content-length"]).toBe(String(Buffer.byteLength(text)));
    expect(first!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(second!.body.equals(bytes)).toBe(true);
    expect(second!.headers["content-length"]).toBe("256");
  });

  it("a kept-alive connection closed by the server as the next request leaves: sent again, once, on a new one", async () => {
    const requestsOnSocket = new Map<Socket, number>();
    const server = await serve((req, res) => {
      const count = (requestsOnSocket.get(req.socket) ?? 0) + 1;
      requestsOnSocket.set(req.socket, count);
      if (count === 2) req.socket.destroy();
      else res.end(`answer to ${req.url}`);
    });
    expect((await (await send(request(`${server.url}/first`))).read()).toString()).toBe("answer to /first");
    expect((await (await send(request(`${server.url}/second`))).read()).toString()).toBe("answer to /second");
    expect(server.seen.map((s) => s.url)).toEqual(["/first", "/second", "/second"]);
    expect(server.closedConnections).toHaveLength(2);
  });

  it("requests in a row share a kept-alive connection", async () => {
    const server = await serve((_req, res) => res.end("ok"));
    for (let i = 0; i < 3; i++) await (await send(request(`${server.url}/${i}`))).read();
    expect(server.closedConnections).toHaveLength(1);
  });
});

describe("URLs the transport refuses", () => {
  it("refuses to start with a URL that is not http or https, and to follow a redirect to one", async () => {
    await expect(send(request("file:///etc/passwd"))).rejects.toMatchObject({ name: "TypeError", message: "fetch failed", cause: { message: "file: URLs are not supported" } });
    const server = await serve((_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
    await expect(send(request(`${server.url}/go`))).rejects.toMatchObject({ name: "TypeError", message: "fetch failed", cause: { message: "redirect to a file: URL" } });
    expect(server.seen.map((seen) => seen.url)).toEqual(["/go"]);
  });

  it("refuses a URL that does not parse, and a redirect whose location does not", async () => {
    await expect(send(request("not a url"))).rejects.toMatchObject({ name: "TypeError", message: "Failed to parse URL from not a url" });
    const server = await serve((_req, res) => res.writeHead(301, { location: "http://[bad" }).end());
    await expect(send(request(`${server.url}/go`))).rejects.toMatchObject({ name: "TypeError", message: "fetch failed" });
  });
});
