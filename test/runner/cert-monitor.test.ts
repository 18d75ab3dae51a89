/**
 * Runner contract of the cert-monitor workflow's two steps: dist/cert-gate.js against a real TLS server on 127.0.0.1,
 * its `incident-subjects` output fed to dist/incident.js in mode reconcile against the API simulator, as the
 * workflow does. Run `npm run build` first when running it locally.
 */
import { writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseIncidentMarker } from "../../src/incident/marker.ts";
import { Pki, daysFromNow, type Issued } from "../certs/pki.ts";
import type { Simulator } from "../simulator/index.ts";
import { runActionBundle } from "../support/runner.ts";
import { startTestSimulator } from "../simulator/setup.ts";

let pki: Pki;
let inter: Issued;
let fresh: Issued;
let expiring: Issued;
let server: tls.Server;
let port: number;
let sim: Simulator;

beforeAll(async () => {
  pki = await Pki.create();
  const root = await pki.root("root", { notAfter: daysFromNow(3650) });
  inter = await pki.intermediate("inter", root, { notAfter: daysFromNow(3000) });
  const sans = ["DNS:localhost", "IP:127.0.0.1"];
  fresh = await pki.leaf("fresh", inter, { sans, notAfter: daysFromNow(200) });
  expiring = await pki.leaf("expiring", inter, { sans, notAfter: daysFromNow(10) });
  server = tls.createServer({ key: expiring.keyPem, cert: expiring.certPem + inter.certPem });
  server.on("secureConnection", (socket) => socket.end());
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  await writeFile(pki.file("policy.yml"), `gates:\n  certs:\n    targets: ["127.0.0.1:${port}"]\n    min-days: 30\n    ca-file: root.pem\nincidents:\n  on-call: [alice]\n`);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pki?.dispose();
});
beforeEach(async () => {
  sim = await startTestSimulator({ repos: ["octo-org/octo-repo"] });
});

const issues = () => sim.state.repo("octo-org", "octo-repo")!.issues.list();

async function monitorRun(runId: string) {
  const gate = await runActionBundle("dist/cert-gate.js", { workspace: pki.dir, inputs: { config: "policy.yml" } });
  const incident = await runActionBundle("dist/incident.js", {
    workspace: pki.dir,
    apiUrl: sim.url,
    eventName: "schedule",
    inputs: { mode: "reconcile", subjects: gate.outputs["incident-subjects"] ?? "", config: "policy.yml", token: "ghs_test" },
    env: { GITHUB_RUN_ID: runId, GITHUB_WORKFLOW: "Certificate monitor" },
  });
  return { gate, incident };
}

describe("cert-monitor steps (runner contract)", () => {
  it("opens one issue for the expiring target, keeps it on the next run, and closes it when renewed", async () => {
    const first = await monitorRun("501");
    expect(first.gate.exitCode).toBe(1);
    expect(JSON.parse(first.gate.outputs["incident-subjects"]!)).toMatchObject([{ key: `cert:127.0.0.1:${port}`, failed: true }]);
    expect(first.incident.exitCode).toBe(0);
    expect(first.incident.outputs).toMatchObject({ "action-taken": "reconciled", "issue-number": "1", severity: "P3", status: "pass" });
    expect(JSON.parse(first.incident.outputs.reconciled!)).toEqual([{ key: `cert:127.0.0.1:${port}`, action: "opened", issue: 1, followUp: null }]);
    expect(issues()).toHaveLength(1);
    expect(issues()[0]).toMatchObject({ title: `[P3] TLS certificate of 127.0.0.1:${port}`, assignees: ["alice"], state: "open" });
    expect(parseIncidentMarker(issues()[0]!.body)?.key).toBe(`cert:127.0.0.1:${port}`);

    const second = await monitorRun("502");
    expect(JSON.parse(second.incident.outputs.reconciled!)).toMatchObject([{ action: "commented", issue: 1 }]);
    expect(issues()).toHaveLength(1);

    server.setSecureContext({ key: fresh.keyPem, cert: fresh.certPem + inter.certPem });
    try {
      const renewed = await monitorRun("503");
      expect(renewed.gate.exitCode).toBe(0);
      expect(renewed.incident.outputs).toMatchObject({ "action-taken": "reconciled", "issue-number": "" });
      expect(JSON.parse(renewed.incident.outputs.reconciled!)).toMatchObject([{ action: "closed", issue: 1 }]);
      expect(issues().map((i) => i.state)).toEqual(["closed"]);
      const quiet = await monitorRun("504");
      expect(quiet.incident.outputs["action-taken"]).toBe("none");
    } finally {
      server.setSecureContext({ key: expiring.keyPem, cert: expiring.certPem + inter.certPem });
    }
  }, 60_000);

  it("exits 2 naming the input when subjects are malformed or missing", async () => {
    const run = (inputs: Record<string, string>) =>
      runActionBundle("dist/incident.js", { workspace: pki.dir, apiUrl: sim.url, inputs: { token: "ghs_test", config: "policy.yml", ...inputs }, env: { GITHUB_RUN_ID: "600" } });
    const malformed = await run({ mode: "reconcile", subjects: '[{"key":"a"' });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.failure).toMatch(/input "subjects": not valid JSON/);
    const missing = await run({ mode: "reconcile" });
    expect(missing.exitCode).toBe(2);
    expect(missing.failure).toMatch(/input "subjects" is required with mode reconcile/);
    const misplaced = await run({ mode: "failure", subjects: "[]" });
    expect(misplaced.exitCode).toBe(2);
    expect(issues()).toHaveLength(0);
  }, 60_000);
});
