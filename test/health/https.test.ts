import { writeFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { Pki, daysFromNow } from "../certs/pki.ts";

let pki: Pki;
let server: https.Server;
let base: string;

beforeAll(async () => {
  pki = await Pki.create();
  const root = await pki.root("root", { notAfter: daysFromNow(3650) });
  const leaf = await pki.leaf("svc", root, { sans: ["DNS:localhost", "IP:127.0.0.1"], notAfter: daysFromNow(100) });
  server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"up"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await writeFile(pki.file("trusting.yml"), `health:\n  ca-file: root.pem\n  retries: 0\n  endpoints:\n    - url: ${base}/health\n      json: { status: up }\n`);
  await writeFile(pki.file("plain.yml"), `health:\n  retries: 0\n  endpoints:\n    - url: ${base}/health\n`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await pki?.dispose();
});

async function health(config: string): Promise<{ code: number; json: { results: { ok: boolean; failures: string[] }[] } }> {
  let stdout = "";
  const code = await runCli(["health", "--config", config, "--json"], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: pki.dir, env: {}, now: () => new Date() });
  return { code, json: JSON.parse(stdout) };
}

describe("health checks over https", () => {
  it("trusts the policy's ca-file", async () => {
    const { code, json } = await health("trusting.yml");
    expect(json.results[0]!.failures).toEqual([]);
    expect(code).toBe(0);
  });

  it("fails a certificate the client does not trust, naming the TLS error", async () => {
    const { code, json } = await health("plain.yml");
    expect(code).toBe(1);
    expect(json.results[0]!.failures[0]).toMatch(/^TLS with 127\.0\.0\.1:\d+ failed \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)\)$/);
  });
});
