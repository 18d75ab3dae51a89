import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lintWorkflow } from "../../scripts/workflow-lint.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Starter templates reference shipgate by its release tag, which the release workflow moves; nothing else may. */
const shipgateTag = (uses: string): boolean => /^shipgate\/shipgate(\/actions\/[a-z-]+|\/\.github\/workflows\/[a-z-]+\.yml)?@v\d+$/.test(uses);

async function files(dir: string): Promise<string[]> {
  return (await readdir(path.join(root, dir))).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.posix.join(dir, name));
}

describe("workflow security rules (zizmor's classes)", async () => {
  const workflows = [...(await files(".github/workflows")), ...(await files("workflows-templates"))];
  it.each(workflows)("%s has none of the problems", async (file) => {
    const workflow = parse(await readFile(path.join(root, file), "utf8"));
    expect(lintWorkflow(workflow, file, { allowUses: file.startsWith("workflows-templates/") ? shipgateTag : undefined })).toEqual([]);
  });

  it("the rules catch each class they name", () => {
    const hostile = parse(`
on:
  pull_request_target:
  workflow_run:
    workflows: [ci]
permissions: write-all
jobs:
  build:
    permissions: read-all
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea
        with:
          script: console.log("\${{ github.head_ref }}")
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8
        with:
          persist-credentials: false
      - uses: ./local
  call:
    uses: acme/flows/.github/workflows/x.yml@main
    secrets: inherit
`);
    const problems = lintWorkflow(hostile, "bad.yml").map((p) => `${p.rule} ${p.where}`);
    expect(problems).toEqual([
      "dangerous-trigger bad.yml: on.pull_request_target",
      "dangerous-trigger bad.yml: on.workflow_run",
      "excessive-permissions bad.yml: permissions",
      "excessive-permissions bad.yml: jobs.build.permissions",
      "unpinned-uses bad.yml: jobs.build.steps[0].uses",
      "credential-persistence bad.yml: jobs.build.steps[0]",
      "template-injection bad.yml: jobs.build.steps[1].run",
      "template-injection bad.yml: jobs.build.steps[2].with.script",
      "secrets-inherit bad.yml: jobs.call.secrets",
      "unpinned-uses bad.yml: jobs.call.uses",
    ]);
  });

  it("lets a workflow_run follow-up through only when it checks out and runs nothing", () => {
    const followUp = (steps: string) => parse(`
on:
  workflow_run:
    workflows: [ci]
permissions: {}
jobs:
  gate:
    permissions:
      checks: write
    steps:
${steps}`);
    const pinnedAction = "      - uses: shipgate/shipgate/actions/approvals-gate@08c6903cd8c0fde910a37f88322edcfb5dd907a8\n";
    expect(lintWorkflow(followUp(pinnedAction), "follow-up.yml")).toEqual([]);
    const withScript = lintWorkflow(followUp(`${pinnedAction}      - run: npm test\n`), "follow-up.yml");
    expect(withScript.map((p) => `${p.rule} ${p.where}`)).toEqual(["dangerous-trigger follow-up.yml: on.workflow_run"]);
  });

  it.each(workflows.filter((f) => f.startsWith(".github/workflows/")))("%s, when called, runs shipgate from its own commit, never from a moving tag", async (file) => {
    const workflow = parse(await readFile(path.join(root, file), "utf8")) as { on: Record<string, unknown>; jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
    if (!("workflow_call" in workflow.on)) return;
    for (const job of Object.values(workflow.jobs)) {
      const steps = job.steps ?? [];
      expect(steps.filter((step) => step.uses?.startsWith("shipgate/shipgate"))).toEqual([]);
      const first = steps.findIndex((step) => step.uses?.startsWith("./.shipgate"));
      if (first === -1) continue;
      const checkout = steps.slice(0, first).find((step) => step.with?.path === ".shipgate");
      expect(checkout?.uses).toMatch(/^actions\/checkout@[0-9a-f]{40}$/);
      expect(checkout?.with).toMatchObject({ repository: "${{ job.workflow_repository }}", ref: "${{ job.workflow_sha || 'this-github-does-not-name-job.workflow_sha' }}" });
      expect(String(checkout?.with?.["persist-credentials"])).toBe("false");
    }
  });

  it("a workflow without top-level permissions gets the default token", () => {
    expect(lintWorkflow(parse("on: push\njobs: {}\n"), "x.yml").map((p) => p.rule)).toEqual(["excessive-permissions"]);
  });
});
