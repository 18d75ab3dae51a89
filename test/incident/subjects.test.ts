/**
 * Mode reconcile with real certificates: cert-gate checks real TLS servers on 127.0.0.1 and PEM files, its reports
 * become subjects, and the incident protocol keeps one issue per failing target on the API simulator, closes it when
 * the certificate is renewed, and never duplicates on a re-run or when two runs reconcile at the same moment.
 */
import { copyFile } from "node:fs/promises";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { certIncidentSubjects } from "../../src/certs/subjects.ts";
import { runCertGate } from "../../src/certs/run.ts";
import { resolveCertOptions } from "../../src/certs/settings.ts";
import { UserError } from "../../src/core/errors.ts";
import { parseIncidentMarker } from "../../src/incident/marker.ts";
import { parseSubjects, reconcileSubjects } from "../../src/incident/subjects.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import { Pki, daysFromNow, type Issued } from "../certs/pki.ts";
import { faults, type Simulator } from "../simulator/index.ts";
import { commentsOf, issuesOf, OWNER, REPO, runInfo, settingsWith, trackerFor } from "./support.ts";
import { startTestSimulator } from "../simulator/setup.ts";

let pki: Pki;
let inter: Issued;
let fresh: Issued;
let expiring: Issued;
const servers: tls.Server[] = [];
let sim: Simulator;

/** A TLS server whose certificate the test can renew in place, as an operator would. */
async function renewableServer(leaf: Issued): Promise<{ port: number; renew: (next: Issued) => void }> {
  const server = tls.createServer({ key: leaf.keyPem, cert: leaf.certPem + inter.certPem });
  server.on("secureConnection", (socket) => socket.end());
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, renew: (next) => server.setSecureContext({ key: next.keyPem, cert: next.certPem + inter.certPem }) };
}

beforeAll(async () => {
  pki = await Pki.create();
  const root = await pki.root("root", { notAfter: daysFromNow(3650) });
  inter = await pki.intermediate("inter", root, { notAfter: daysFromNow(3000) });
  const sans = ["DNS:localhost", "IP:127.0.0.1"];
  fresh = await pki.leaf("fresh", inter, { sans, notAfter: daysFromNow(200) });
  expiring = await pki.leaf("expiring", inter, { sans, notAfter: daysFromNow(10) });
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await pki?.dispose();
});
beforeEach(async () => {
  sim = await startTestSimulator({ startTime: "2026-03-03T06:17:00Z", repos: [`${OWNER}/${REPO}`] });
});

const settings = settingsWith();

/** What the cert-monitor workflow does: cert-gate, then the incident action's reconcile with its subjects. */
async function monitor(targets: string[], files: string[] = [], runId?: string) {
  const options = resolveCertOptions(defaultPolicy().gates.certs, { targets, files, caFile: "root.pem", minDays: 30 });
  const { reports } = await runCertGate(options, { cwd: pki.dir, now: new Date() });
  const subjects = certIncidentSubjects(reports);
  const run = runInfo({ workflow: "Certificate monitor", environment: "", event: "schedule", ...(runId ? { runId } : {}) });
  return { subjects, outcomes: await reconcileSubjects(trackerFor(sim), settings, run, subjects, new Date()) };
}

const incidents = () => issuesOf(sim).filter((issue) => issue.labels.includes("incident"));

describe("cert-monitor: one incident per failing certificate", () => {
  it("opens one issue for the failing target, updates it on later runs, and closes it once the certificate is renewed", async () => {
    const healthy = await renewableServer(fresh);
    const renewable = await renewableServer(expiring);
    const targets = [`127.0.0.1:${healthy.port}`, `127.0.0.1:${renewable.port}`];

    const first = await monitor(targets);
    expect(first.subjects.map((s) => [s.key, s.failed])).toEqual([
      [`cert:127.0.0.1:${healthy.port}`, false],
      [`cert:127.0.0.1:${renewable.port}`, true],
    ]);
    expect(first.outcomes.map((o) => o.action)).toEqual(["none", "opened"]);
    expect(incidents()).toHaveLength(1);
    const [issue] = incidents();
    expect(issue).toMatchObject({ state: "open", title: `[P3] TLS certificate of 127.0.0.1:${renewable.port}` });
    expect(parseIncidentMarker(issue!.body)?.key).toBe(`cert:127.0.0.1:${renewable.port}`);
    expect(issue!.body).toMatch(/expires in (9|10) days/);
    expect(issue!.body).not.toContain("Failed jobs and steps");

    // The next day's run: the same issue gets a comment; the re-run of that run adds nothing.
    const second = await monitor(targets, [], "7001");
    expect(second.outcomes.map((o) => o.action)).toEqual(["none", "commented"]);
    const afterSecond = commentsOf(sim, issue!.number).length;
    const rerun = await monitor(targets, [], "7001");
    expect(rerun.outcomes.map((o) => o.action)).toEqual(["none", "commented"]);
    expect(commentsOf(sim, issue!.number)).toHaveLength(afterSecond);
    expect(incidents()).toHaveLength(1);

    renewable.renew(fresh);
    const renewed = await monitor(targets);
    expect(renewed.outcomes.map((o) => o.action)).toEqual(["none", "closed"]);
    expect(incidents().map((i) => [i.number, i.state])).toEqual([[issue!.number, "closed"]]);
    expect(commentsOf(sim, issue!.number).at(-1)?.body).toContain(`found TLS certificate of 127.0.0.1&#58;${renewable.port} fine again`);

    const quiet = await monitor(targets);
    expect(quiet.outcomes.map((o) => o.action)).toEqual(["none", "none"]);
    expect(incidents()).toHaveLength(1);
  }, 60_000);

  it("keeps one issue per target when two runs reconcile at the same moment", async () => {
    const a = await renewableServer(expiring);
    const b = await renewableServer(expiring);
    const targets = [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`];
    await Promise.all([monitor(targets), monitor(targets)]);
    await monitor(targets);
    const open = incidents().filter((i) => i.state === "open");
    expect(open.map((i) => parseIncidentMarker(i.body)?.key).sort()).toEqual(targets.map((t) => `cert:${t}`).sort());
  }, 60_000);

  it("reports PEM file certificates one by one, and closes the issue when the file holds a renewed certificate", async () => {
    await copyFile(expiring.certFile, pki.file("deployed.pem"));
    const first = await monitor([], ["deployed.pem"]);
    expect(first.outcomes.map((o) => [o.key, o.action])).toEqual([["cert:file:deployed.pem#1", "opened"]]);
    await copyFile(fresh.certFile, pki.file("deployed.pem"));
    const renewed = await monitor([], ["deployed.pem"]);
    expect(renewed.outcomes.map((o) => [o.key, o.action])).toEqual([["cert:file:deployed.pem#1", "closed"]]);
    expect(incidents().map((i) => i.state)).toEqual(["closed"]);
  }, 60_000);

  it("converges after a failure between two targets' writes: the re-run leaves one issue per target", async () => {
    const a = await renewableServer(expiring);
    const b = await renewableServer(expiring);
    const targets = [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`];
    // The first target's issue is created; every create after it fails, so the run stops half-way.
    const fault = sim.inject({ ...faults.serverError(500), operationId: "issues/create", after: 1, times: Infinity });
    const failed = await monitor(targets, [], "7100").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(fault.applied).toBeGreaterThan(0);
    expect(incidents()).toHaveLength(1);
    fault.spec.times = 0;
    const again = await monitor(targets, [], "7100");
    expect(again.outcomes.map((o) => o.action)).toEqual(["opened", "opened"]);
    expect(incidents().map((i) => parseIncidentMarker(i.body)?.key)).toEqual(targets.map((t) => `cert:${t}`));
    expect(incidents().every((i) => commentsOf(sim, i.number).length === 0)).toBe(true);
  }, 60_000);
});

describe("parseSubjects", () => {
  const cases: { name: string; json: string; error: RegExp }[] = [
    { name: "not JSON", json: "[{", error: /input "subjects": not valid JSON/ },
    { name: "not a list", json: '{"key":"a"}', error: /expected a JSON list/ },
    { name: "an entry that is no object", json: "[1]", error: /subjects"\[0\]: expected an object/ },
    { name: "an empty key", json: '[{"key":" ","title":"t","failed":true}]', error: /subjects"\[0\]\.key: expected a non-empty string/ },
    { name: "a missing title", json: '[{"key":"k","failed":true}]', error: /subjects"\[0\]\.title/ },
    { name: "failed as text", json: '[{"key":"k","title":"t","failed":"yes"}]', error: /subjects"\[0\]\.failed: expected true or false/ },
    { name: "details of numbers", json: '[{"key":"k","title":"t","failed":true,"details":[1]}]', error: /subjects"\[0\]\.details\[0\]: expected a string/ },
    { name: "a key given twice", json: '[{"key":"k","title":"a","failed":true},{"key":"k","title":"b","failed":false}]', error: /subjects"\[1\]\.key: "k" is given twice/ },
    { name: "too many subjects", json: JSON.stringify(Array.from({ length: 201 }, (_, i) => ({ key: `k${i}`, title: "t", failed: false }))), error: /201 subjects; at most 200/ },
    { name: "a huge key", json: JSON.stringify([{ key: "k".repeat(201), title: "t", failed: true }]), error: /longer than 200 characters/ },
  ];
  it.each(cases)("refuses $name with a message naming the input", ({ json, error }) => {
    expect(() => parseSubjects(json, 'input "subjects"')).toThrow(UserError);
    expect(() => parseSubjects(json, 'input "subjects"')).toThrow(error);
  });

  it("reads subjects with a detail string or a list of details", () => {
    expect(parseSubjects('[{"key":"a","title":"A","failed":true,"details":"one"},{"key":"b","title":"B","failed":false}]', "x")).toEqual([
      { key: "a", title: "A", failed: true, details: ["one"] },
      { key: "b", title: "B", failed: false, details: [] },
    ]);
  });
});
