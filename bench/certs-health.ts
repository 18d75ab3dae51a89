/**
 * Speed of the certificate gate and the health checks on loopback: chain evaluation against the full system
 * trust store, TLS targets at several concurrency bounds, and HTTP endpoints at several concurrency bounds.
 */
import { X509Certificate } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { trustStore } from "../src/certs/chain.ts";
import { evaluatePresentedChain } from "../src/certs/evaluate.ts";
import { checkHosts } from "../src/certs/check.ts";
import { defaultCertDeps } from "../src/certs/run.ts";
import { compileEndpoint } from "../src/health/expectations.ts";
import { checkEndpoints, defaultHealthDeps } from "../src/health/run.ts";
import { hostnameError, systemTrustAnchors } from "../src/net/tls.ts";
import { Pki, daysFromNow } from "../test/certs/pki.ts";

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const pki = await Pki.create();
  const rows: [string, string, string][] = [];
  const root = await pki.root("root", { notAfter: daysFromNow(3650) });
  const inter = await pki.intermediate("inter", root, { notAfter: daysFromNow(3000) });
  const leaf = await pki.leaf("leaf", inter, { sans: ["DNS:localhost", "IP:127.0.0.1"], notAfter: daysFromNow(300) });
  const anchors = [...systemTrustAnchors(), new X509Certificate(root.certPem)];
  const store = trustStore(anchors);
  const presented = [new X509Certificate(leaf.certPem), new X509Certificate(inter.certPem)];
  const evaluations = 2000;
  const evalMs = await timed(() => {
    for (let i = 0; i < evaluations; i++) {
      evaluatePresentedChain({ presented, store, expectedName: "localhost", hostnameError, now: new Date(), thresholds: { minDays: 30, warnDays: 45 } });
    }
  });
  rows.push(["chain evaluations", String(evaluations), `${(evalMs / evaluations).toFixed(3)} ms each (${anchors.length} anchors)`]);

  const tlsServer = tls.createServer({ key: leaf.keyPem, cert: leaf.certPem + inter.certPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", () => resolve()));
  const tlsPort = (tlsServer.address() as AddressInfo).port;
  const targets = Array.from({ length: 60 }, (_, i) => ({ kind: "host" as const, label: `t${i}`, host: "127.0.0.1", port: tlsPort }));
  const certDeps = await defaultCertDeps();
  for (const concurrency of [1, 8, 32]) {
    const ms = await timed(() =>
      checkHosts(targets, { minDays: 30, warnDays: 45, timeoutMs: 5000, retries: 0, concurrency, budgetMs: 60000, anchors }, certDeps, new Date()),
    );
    rows.push([`TLS targets, concurrency ${concurrency}`, String(targets.length), `${ms.toFixed(0)} ms total`]);
  }
  tlsServer.close();

  const httpServer = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"up","version":"1.0.0"}');
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve()));
  const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const endpoints = Array.from({ length: 200 }, (_, i) =>
    compileEndpoint({ name: `e${i}`, url: `${base}/h?${i}`, method: "GET", headers: {}, status: 200, json: { status: "up" }, "version-json-path": "version" }, `bench ${i}`, { followRedirects: false }),
  );
  for (const concurrency of [1, 4, 16]) {
    const ms = await timed(() =>
      checkEndpoints(
        endpoints,
        { timeoutMs: 5000, retries: 0, backoffMs: 0, maxBackoffMs: 0, budgetMs: 60000, concurrency, maxRedirects: 0, maxBodyBytes: 1 << 20, expectedVersion: "1.0.0" },
        defaultHealthDeps,
      ),
    );
    rows.push([`HTTP endpoints, concurrency ${concurrency}`, String(endpoints.length), `${ms.toFixed(0)} ms total`]);
  }
  httpServer.close();
  await pki.dispose();

  console.log("| certs/health | items | time |\n| --- | --- | --- |");
  for (const [what, items, time] of rows) console.log(`| ${what} | ${items} | ${time} |`);
}

if (import.meta.main) await run();
