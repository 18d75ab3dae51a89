import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BUMP_CHOICES } from "../../src/release/plan.ts";

/**
 * The release template calls the reusable workflow, which runs the release-branch action: the three must agree on
 * input names, choices and permissions (the reusable one is written by hand, as a dispatch template's inputs
 * cannot become the defaults of workflow_call inputs).
 */

const root = path.resolve(import.meta.dirname, "../..");

interface Input {
  type?: string;
  options?: string[];
  required?: boolean;
}
interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Record<string, string>;
  steps?: { uses?: string; with?: Record<string, unknown> }[];
}
interface Workflow {
  on: { workflow_dispatch?: { inputs: Record<string, Input> }; workflow_call?: { inputs: Record<string, Input> } };
  jobs: Record<string, Job>;
}

async function yamlFile<T>(file: string): Promise<T> {
  return parse(await readFile(path.join(root, file), "utf8")) as T;
}

describe("release template, reusable workflow and action agree", async () => {
  const template = await yamlFile<Workflow>("workflows-templates/release.yml");
  const reusable = await yamlFile<Workflow>(".github/workflows/release.yml");
  const action = await yamlFile<{ inputs: Record<string, unknown> }>("actions/release-branch/action.yml");
  const caller = template.jobs.release!;
  const called = reusable.jobs.release!;
  const callInputs = reusable.on.workflow_call!.inputs;
  const dispatchInputs = template.on.workflow_dispatch!.inputs;

  it("the template calls the reusable workflow with inputs it declares, the required ones included", () => {
    expect(caller.uses).toBe("shipgate/shipgate/.github/workflows/release.yml@v1");
    const passed = Object.keys(caller.with ?? {});
    for (const name of passed) expect(Object.keys(callInputs), `with: ${name}`).toContain(name);
    for (const [name, input] of Object.entries(callInputs)) if (input.required) expect(passed).toContain(name);
  });

  it("every dispatch input reaches the reusable workflow, with the same type", () => {
    for (const [name, input] of Object.entries(dispatchInputs)) {
      expect(Object.keys(caller.with ?? {}), name).toContain(name);
      expect(callInputs[name]?.type, name).toBe(input.type === "choice" ? "string" : input.type);
    }
  });

  it("the choices are the action's modes and bumps", () => {
    expect(dispatchInputs.mode?.options).toEqual(["start", "finish", "hotfix"]);
    expect(dispatchInputs.bump?.options).toEqual([...BUMP_CHOICES]);
  });

  it("the caller grants exactly what the called job asks", () => {
    expect(caller.permissions).toEqual(called.permissions);
  });

  it("the reusable workflow passes only inputs the action declares", () => {
    const step = called.steps?.find((s) => s.uses === "./.shipgate/actions/release-branch");
    expect(step).toBeDefined();
    for (const name of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs), name).toContain(name);
  });
});

describe("concurrency: a finish is never the pending run GitHub cancels", async () => {
  const template = parse(await readFile(path.join(root, "workflows-templates/release.yml"), "utf8")) as { concurrency: { group: string; "cancel-in-progress": boolean } };
  const reusable = parse(await readFile(path.join(root, ".github/workflows/release.yml"), "utf8")) as { jobs: { release: { concurrency: { group: string; "cancel-in-progress": boolean } } } };

  // GitHub: "any previously pending job or workflow in the concurrency group will be canceled" when a new one queues.
  it.each([
    ["the template", template.concurrency],
    ["the reusable workflow", reusable.jobs.release.concurrency],
  ])("%s gives each finish a group of its own and never cancels a running one", (_name, concurrency) => {
    expect(concurrency["cancel-in-progress"]).toBe(false);
    expect(concurrency.group).toContain("format('finish-{0}', github.run_id)");
    expect(concurrency.group).toMatch(/'start' \}\}$/);
  });
});
