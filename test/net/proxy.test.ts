/**
 * Proxies: as with fetch on Node 24, HTTP_PROXY / HTTPS_PROXY are used when NODE_USE_ENV_PROXY=1 (or
 * --use-env-proxy) says so, and ignored otherwise. Node's global agents, which the transport uses, read them.
 * A child Node sends one request through the transport with the proxy variables set, to a host that does not exist.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const node = path.join(root, "node_modules/.bin/node");

const child = `
const { send } = await import(${JSON.stringify(path.join(root, "src/net/transport.ts"))});
const outcome = await send({ url: process.argv[1], method: "GET", headers: {}, signal: AbortSignal.timeout(10_000) }).then(
  async (response) => ({ status: response.status, body: (await response.read()).toString() }),
  (error) => ({ error: error.message, cause: error.cause?.code }),
);
console.log(JSON.stringify(outcome));
`;

let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.end("through the proxy");
  });
  // A tunnel for https:// refused: the CONNECT line is what shows that the proxy was asked.
  proxy.on("connect", (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

async function sendFromChild(url: string, env: Record<string, string>): Promise<unknown> {
  const { NODE_USE_ENV_PROXY: _unset, ...parentEnv } = process.env;
  const { stdout } = await promisify(execFile)(node, ["--input-type=module", "-e", child, url], { cwd: root, env: { ...parentEnv, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: "", ...env } });
  return JSON.parse(stdout);
}

describe("HTTP(S)_PROXY", () => {
  it("are used under NODE_USE_ENV_PROXY=1: http:// through the proxy, https:// tunnelled by CONNECT", async () => {
    seen.length = 0;
    expect(await sendFromChild("http://api.example.invalid/repos", { NODE_USE_ENV_PROXY: "1" })).toEqual({ status: 200, body: "through the proxy" });
    expect(await sendFromChild("https://api.example.invalid/repos", { NODE_USE_ENV_PROXY: "1" })).toEqual({ error: "fetch failed", cause: "ERR_PROXY_TUNNEL" });
    expect(seen).toEqual(["GET http://api.example.invalid/repos", "CONNECT api.example.invalid:443"]);
  });

  it("are ignored without it, as fetch ignores them", async () => {
    seen.length = 0;
    expect(await sendFromChild("http://api.example.invalid/repos", {})).toEqual({ error: "fetch failed", cause: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
    expect(seen).toEqual([]);
  });
});
