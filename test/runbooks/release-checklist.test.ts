/**
 * The pre-release checklist as a go/no-go criterion, through the CLI against the API simulator: opened for a
 * version from the runbook of runbooks.release-checklist; go/no-go fails while an item is open or ticked by a bot
 * only, and passes once people ticked every item or marked it N/A with a reason.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { parseChecklist } from "../../src/runbooks/checklist.ts";
import { apiFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { tempDir } from "../support/temp.ts";

const OWNER = "acme";
const REPO = "app";
const SHA = "c".repeat(40);
const POLICY = `
runbooks:
  release-checklist: pre-release
  list:
    - name: pre-release
      title: Pre-release checklist
      due: 2d
      owners: [alice]
      items:
        - text: "Manual test: sign-up"
        - text: "Manual test: signals"
        - text: "Manual test: payment"
        - text: "Manual test: account"
        - text: Performance within the SLA
        - text: Smoke tests 100 %
          command: { argv: [${JSON.stringify(process.execPath)}, -e, "console.log('42 of 42 smoke tests passed')"], timeout: 1m }
`;

let sim: Simulator;
let cwd: string;

beforeEach(async () => {
  sim = await startTestSimulator({
    startTime: "2026-12-02T09:00:00Z",
    repos: [`${OWNER}/${REPO}`],
    tokens: { shipgate: { access: "write", login: "github-actions[bot]" }, alice: { access: "write", login: "alice" }, renovate: { access: "write", login: "renovate[bot]" } },
  });
  cwd = tempDir("release-checklist");
  await writeFile(path.join(cwd, "policy.yml"), POLICY);
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function shipgate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...args, "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml"], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: simulatorEnv(sim, "shipgate"),
    now: () => new Date("2026-12-02T10:00:00Z"),
  });
  return { code, stdout, stderr };
}

async function editAs(token: string, number: number, edit: (body: string) => string): Promise<void> {
  const octokit = apiFor(sim, { token });
  const { data } = await octokit.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: number });
  await octokit.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: number, body: edit(data.body ?? "") });
}

const goNoGo = async (release = "1.4.0") => {
  const run = await shipgate(["go-no-go", "--sha", SHA, "--release", release, "--json"]);
  return { ...run, json: JSON.parse(run.stdout) as { go: boolean; title: string; gate: { findings: { message: string }[] } } };
};

describe("release checklist in go/no-go", () => {
  it("fails while incomplete or ticked by a bot, passes when people ticked every item or gave a reason for N/A", async () => {
    const opened = await shipgate(["runbook", "--release", "v1.4.0", "--json"]);
    expect(opened.code, opened.stderr).toBe(0);
    const issue = sim.state.repo(OWNER, REPO)!.issues.list()[0]!;
    expect(issue.title).toBe("Pre-release checklist — 1.4.0");
    // The automated item gets its evidence; a person ticks it.
    expect(parseChecklist(issue.body).at(-1)).toMatchObject({ checked: false, evidence: expect.stringContaining("42 of 42 smoke tests passed") });
    // Opening again finds it.
    await shipgate(["runbook", "--release", "1.4.0"]);
    expect(sim.state.repo(OWNER, REPO)!.issues.list()).toHaveLength(1);

    const none = await goNoGo();
    expect(none.code).toBe(1);
    expect(none.json.title).toContain("release checklist #1: 6 of 6 items open");

    await editAs("renovate", issue.number, (body) => body.replace(/- \[ \]/g, "- [x]"));
    const byBot = await goNoGo();
    expect(byBot.code).toBe(1);
    expect(byBot.json.gate.findings.map((f) => f.message).join("\n")).toContain("ticked by the bot renovate, which does not count");

    await editAs("alice", issue.number, (body) => body.replace(/- \[x\]/g, "- [ ]"));
    await editAs("alice", issue.number, (body) => body.replace(/- \[ \] (Manual test|Smoke)/g, "- [x] $1").replace("Performance within the SLA", "Performance within the SLA N/A"));
    const noReason = await goNoGo();
    expect(noReason.code).toBe(1);
    expect(noReason.json.title).toContain("1 of 6 items open");

    await editAs("alice", issue.number, (body) => body.replace("Performance within the SLA N/A", "Performance within the SLA N/A: no change to the hot paths"));
    const complete = await goNoGo();
    expect(complete.code, complete.stdout).toBe(0);
    expect(complete.json.go).toBe(true);
    expect(complete.json.title).toContain("release checklist complete");
  });

  it("fails when the release has no checklist", async () => {
    const missing = await goNoGo("2.0.0");
    expect(missing.code).toBe(1);
    expect(missing.json.title).toContain("release checklist of 2.0.0 missing");
  });
});
