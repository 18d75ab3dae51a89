/** A real HTTP server with the misbehaviours health checks must survive; closed by close(). */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface TestServer {
  base: string;
  /** Big responses whose connection closed before the whole body was sent. */
  abandonedBigBodies: number;
  close(): Promise<void>;
}

const BIG_BODY_BYTES = 8 * 1024 * 1024;

export async function startHealthServer(host: string): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const flapCounts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { abandonedBigBodies: 0 };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://test");
    switch (url.pathname) {
      case "/ok":
        return json(res, 200, { status: "up", version: "1.2.3", checks: [{ name: "db", state: "pass" }], "build.info": { sha: "abc" } }, { "x-app-version": "1.2.3" });
      case "/wrong-version":
        return json(res, 200, { status: "up", version: "1.2.2" }, { "x-app-version": "1.2.2" });
      case "/slow": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          json(res, 200, { status: "up" });
        }, 400);
        timers.add(timer);
        return;
      }
      case "/flap": {
        const id = url.searchParams.get("id") ?? "";
        const count = (flapCounts.get(id) ?? 0) + 1;
        flapCounts.set(id, count);
        return count <= 2 ? json(res, 503, { status: "starting" }) : json(res, 200, { status: "up", version: "1.2.3" });
      }
      case "/loop":
        res.writeHead(302, { location: "/loop-again" });
        return void res.end();
      case "/loop-again":
        res.writeHead(302, { location: "/loop" });
        return void res.end();
      case "/moved":
        res.writeHead(301, { location: "/ok" });
        return void res.end();
      case "/reset":
        req.socket.destroy();
        return;
      case "/hang":
        return;
      case "/cut":
        res.writeHead(200, { "content-type": "text/plain", "content-length": "1000" });
        res.write("only the start");
        setImmediate(() => req.socket.destroy());
        return;
      case "/stall":
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("partial body, then silence");
        return;
      case "/big": {
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = Buffer.alloc(64 * 1024, "x");
        let sent = 0;
        res.on("close", () => {
          if (!res.writableFinished) state.abandonedBigBodies++;
        });
        const pump = (): void => {
          while (sent < BIG_BODY_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end("healthy");
        };
        return pump();
      }
      default:
        return json(res, 404, { error: "not found" });
    }
  };

  const server = http.createServer(handler);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    get abandonedBigBodies() {
      return state.abandonedBigBodies;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
