import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { daysFromNow, Pki } from "./pki.ts";

const now = new Date("2026-11-21T12:00:00Z");
let pki: Pki;

beforeAll(async () => {
  pki = await Pki.create();
  await pki.root("fresh", { notBefore: daysFromNow(-10, now), notAfter: daysFromNow(200, now) });
  await pki.root("expiring", { notBefore: daysFromNow(-10, now), notAfter: daysFromNow(10, now) });
  await mkdir(pki.file(".github"));
});
afterAll(async () => {
  await pki.dispose();
});

async function preflight(policy: string) {
  await writeFile(pki.file(".github/shipgate.yml"), policy);
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(["preflight", "--json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: pki.dir, env: {}, now: () => now });
  return { exitCode, stderr, json: JSON.parse(stdout || "null") as { status: string; gates: { gate: string; status: string }[] } | null };
}

const base = ["gates:", "  coverage:", "    enabled: false", "  approvals:", "    enabled: false", "  go-no-go:", "    enabled: false", "  certs:"];

describe("the certs gate in the umbrella", () => {
  const cases = [
    { name: "a PEM file far from expiry passes", files: ["fresh.pem"], exitCode: 0, status: "pass" },
    { name: "a PEM file expiring within min-days fails", files: ["fresh.pem", "expiring.pem"], exitCode: 1, status: "fail" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const result = await preflight([...base, "    min-days: 30", "    files:", ...c.files.map((f) => `      - ${f}`)].join("\n"));
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(c.exitCode);
      expect(result.json?.gates.map((g) => [g.gate, g.status])).toEqual([["certs", c.status]]);
    });
  }

  it("is left out when the policy names no targets and no files", async () => {
    const result = await preflight([...base, "    min-days: 30"].join("\n"));
    expect(result.json?.gates).toEqual([]);
  });
});
