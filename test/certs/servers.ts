/** Real TLS and TCP servers on loopback for the certificate tests; every one is closed by closeAll(). */
import net, { type AddressInfo } from "node:net";
import tls from "node:tls";

const open: net.Server[] = [];
const sockets = new Set<net.Socket>();

function track(socket: net.Socket): void {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  socket.on("error", () => socket.destroy());
}

async function listen(server: net.Server, host: string): Promise<number> {
  open.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** A TLS server presenting `chainPem` (leaf first) with `keyPem`; `sni` maps server names to other certificates. */
export function tlsServer(options: { host: string; keyPem: string; chainPem: string; sni?: Record<string, { keyPem: string; chainPem: string }> }): Promise<number> {
  const contexts = new Map(Object.entries(options.sni ?? {}).map(([name, c]) => [name, tls.createSecureContext({ key: c.keyPem, cert: c.chainPem })]));
  const server = tls.createServer({
    key: options.keyPem,
    cert: options.chainPem,
    SNICallback: (name, callback) => callback(null, contexts.get(name)),
  });
  server.on("secureConnection", (socket) => {
    track(socket);
    socket.end();
  });
  server.on("connection", track);
  server.on("tlsClientError", () => undefined);
  return listen(server, options.host);
}

/** Accepts TCP connections and never answers: the client must time out. */
export function silentServer(host: string): Promise<number> {
  const server = net.createServer((socket) => track(socket));
  return listen(server, host);
}

/** Speaks plain HTTP where TLS is expected: the handshake fails for good, not worth a retry. */
export function plainTextServer(host: string): Promise<number> {
  const server = net.createServer((socket) => {
    track(socket);
    socket.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
  });
  return listen(server, host);
}

/** A port that refuses connections: a server bound and closed again. */
export async function closedPort(host: string): Promise<number> {
  const server = net.createServer();
  const port = await listen(server, host);
  open.splice(open.indexOf(server), 1);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function hasIpv6Loopback(): Promise<boolean> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "::1", () => resolve());
    });
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
}

export async function closeAll(): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await Promise.all(open.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}
