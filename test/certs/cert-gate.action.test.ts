/** Runner contract of the cert-gate action: runs dist/cert-gate.js as the runner does (run `npm run build` first). */
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { Pki, daysFromNow } from "./pki.ts";
import { closeAll, tlsServer } from "./servers.ts";

let pki: Pki;
const ports: Record<string, number> = {};

beforeAll(async () => {
  pki = await Pki.create();
  const root = await pki.root("root", { notAfter: daysFromNow(3650) });
  const inter = await pki.intermediate("inter", root, { notAfter: daysFromNow(3000) });
  const sans = ["DNS:localhost", "IP:127.0.0.1"];
  const good = await pki.leaf("good", inter, { sans, notAfter: daysFromNow(200) });
  const soon = await pki.leaf("soon", inter, { sans, notAfter: daysFromNow(10) });
  ports.good = await tlsServer({ host: "127.0.0.1", keyPem: good.keyPem, chainPem: good.certPem + inter.certPem });
  ports.soon = await tlsServer({ host: "127.0.0.1", keyPem: soon.keyPem, chainPem: soon.certPem + inter.certPem });
  await writeFile(pki.file("policy.yml"), "gates:\n  certs:\n    min-days: 30\n    ca-file: root.pem\n");
});

afterAll(async () => {
  await closeAll();
  await pki?.dispose();
});

describe("cert-gate action", () => {
  it("passes healthy targets and sets its outputs", async () => {
    const result = await runActionBundle("dist/cert-gate.js", {
      workspace: pki.dir,
      inputs: { targets: `127.0.0.1:${ports.good}`, config: "policy.yml" },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ status: "pass", passed: "true", "failed-targets": "" });
    expect(Number(result.outputs["min-days-left"])).toBeGreaterThanOrEqual(199);
    const rows = JSON.parse(result.outputs.results!) as { ok: boolean; port: number }[];
    expect(rows).toMatchObject([{ ok: true, port: ports.good }]);
    expect(result.summary).toContain(`127.0.0.1:${ports.good}`);
  });

  it("fails with one annotation per failing target and a table row per target", async () => {
    const result = await runActionBundle("dist/cert-gate.js", {
      workspace: pki.dir,
      inputs: { targets: `127.0.0.1:${ports.good}\n127.0.0.1:${ports.soon}`, config: "policy.yml", "min-days": "30" },
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs["failed-targets"]).toBe(`127.0.0.1:${ports.soon}`);
    expect(result.annotations.filter((a) => a.level === "error" && a.properties.title)).toHaveLength(1);
    expect(result.summary.match(/^\| (✅|❌) `127\.0\.0\.1:\d+` \| \d{4}-\d\d-\d\d \(-?\d+ d\) \|/gm)).toHaveLength(2);
    expect(result.failure).toMatch(/^cert-gate: certs: 1 of 2 certificates failed/);
  });

  it("exits 2 on a bad input, naming it", async () => {
    const result = await runActionBundle("dist/cert-gate.js", { workspace: pki.dir, inputs: { targets: "localhost", "min-days": "soon" } });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toMatch(/input "min-days": expected a whole number/);
  });
});
