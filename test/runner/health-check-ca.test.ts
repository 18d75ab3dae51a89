/**
 * Runner contract of dist/health-check.js with the policy's `health.ca-file`: an https:// endpoint whose certificate
 * is issued by a private root, trusted through that file. Run `npm run build` first when running it locally.
 */
import { writeFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pki, daysFromNow } from "../certs/pki.ts";
import { runActionBundle } from "../support/runner.ts";

let pki: Pki;
let server: https.Server;
let port: number;

beforeAll(async () => {
  pki = await Pki.create();
  const root = await pki.root("private-root", { notAfter: daysFromNow(3650) });
  const leaf = await pki.leaf("service", root, { sans: ["IP:127.0.0.1"], notAfter: daysFromNow(90) });
  server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (_req, res) => res.end('{"status":"up"}'));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  await writeFile(pki.file("ca.pem"), root.certPem);
  await writeFile(pki.file("policy.yml"), `health:\n  ca-file: ca.pem\n  endpoints:\n    - url: https://127.0.0.1:${port}/health\n`);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pki?.dispose();
});

describe("health-check with a CA file (runner contract)", () => {
  it("trusts the policy's CA file for an https endpoint: exit 0, healthy", async () => {
    const result = await runActionBundle("dist/health-check.js", { workspace: pki.dir, inputs: { config: "policy.yml" } });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.healthy).toBe("true");
  });
});
