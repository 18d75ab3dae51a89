/**
 * The README's weekly report workflow, as its step runs: the dora-metrics bundle with report-issue and not-before,
 * against a history in the API simulator. One issue per week with figures and Mermaid charts; re-running keeps
 * that one issue; `shipgate dora --json` gives the same figures; the early one of the two crons does nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../../src/cli/main.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { repoRoot, runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";
import { buildHistory } from "./history.ts";

const SUMMER_MONDAY_0900 = "2026-04-20T07:00:00Z";
const POLICY = "windows:\n  timezone: Europe/Paris\nanalytics:\n  weeks: 4\n";
const REPO = "acme/shop";

let sim: Simulator;
let workspace: string;

function reportIssues() {
  return sim.state.repo("acme", "shop")!.issues.list((i) => i.labels.includes("delivery-report"));
}

/** The README's workflow: its schedules and the `with:` of its dora-metrics step. */
function readmeWorkflow(): { crons: string[]; inputs: Record<string, string> } {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Delivery analytics"));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  const workflow = parse(yaml) as { on: { schedule: { cron: string }[] }; jobs: { report: { steps: { uses?: string; with?: Record<string, unknown> }[] } } };
  const step = workflow.jobs.report.steps.find((s) => s.uses?.includes("/actions/dora-metrics@"))!;
  return { crons: workflow.on.schedule.map((s) => s.cron), inputs: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)])) };
}

async function weeklyStep(at: string) {
  return runActionBundle("dist/dora-metrics.js", {
    workspace,
    apiUrl: sim.url,
    inputs: { ...readmeWorkflow().inputs, token: "t" },
    env: { ...simulatorEnv(sim), GITHUB_REPOSITORY: REPO, GITHUB_REPOSITORY_OWNER: "acme", SHIPGATE_TEST_CLOCK: at, GITHUB_EVENT_NAME: "schedule" },
  });
}

async function dora(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["dora", "--repo", REPO, ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: workspace, env: simulatorEnv(sim, "t"), now: () => new Date(SUMMER_MONDAY_0900) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  sim = await startTestSimulator();
  buildHistory(sim.state, { repo: REPO, seed: 7, from: "2026-02-09T00:00:00Z", until: SUMMER_MONDAY_0900, productionPerDay: 3 });
  workspace = tempDir("weekly-report");
  mkdirSync(path.join(workspace, ".github"));
  writeFileSync(path.join(workspace, ".github/shipgate.yml"), POLICY);
});

describe("the weekly delivery report", () => {
  it("is scheduled by the README at 09:00 in Paris in summer and in winter, on Mondays", () => {
    const { crons, inputs } = readmeWorkflow();
    expect(crons).toEqual(["0 7 * * 1", "0 8 * * 1"]);
    expect(inputs).toEqual({ "report-issue": "true", "not-before": "mon 09:00" });
    const paris = (utc: string) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(utc));
    expect([paris("2026-07-06T07:00:00Z"), paris("2026-01-05T08:00:00Z")]).toEqual(["Mon 09:00", "Mon 09:00"]);
  });

  it("does nothing on the run of the other cron, before Monday 09:00 in Paris", async () => {
    const early = await weeklyStep("2026-04-20T06:00:00Z");
    expect(early.exitCode, early.stdout).toBe(0);
    expect(early.outputs["issue-number"]).toBe("");
    expect(reportIssues()).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it("opens one issue for the week with the figures and charts, and --json gives the same figures", async () => {
    const run = await weeklyStep(SUMMER_MONDAY_0900);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ week: "2026-W16", "issue-action": "opened" });
    const [issue, ...others] = reportIssues();
    expect(others).toHaveLength(0);
    expect(issue!.title).toBe("Delivery report 2026-W16");
    expect(String(issue!.number)).toBe(run.outputs["issue-number"]);
    const body = issue!.body!;
    expect(body.match(/```mermaid\nxychart-beta/g)).toHaveLength(3);
    expect(body).toContain('title "Production deployments per week"');
    expect(body).toContain('x-axis ["W13", "W14", "W15", "W16"]');
    expect(run.summary).toContain("xychart-beta");

    const cli = await dora(["--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const json = JSON.parse(cli.stdout) as { week: string; report: { body: string }; production: { weeks: { deploymentFrequency: { deployments: number }; changeFailureRate: { percent: number | null; count: number; of: number } }[] } };
    expect(json.week).toBe("2026-W16");
    expect(json.report.body).toBe(body);
    const last = json.production.weeks.at(-1)!;
    expect(body).toContain(`| Deployment frequency | ${last.deploymentFrequency.deployments} (`);
    expect(body).toContain(`bar [${json.production.weeks.map((w) => w.deploymentFrequency.deployments).join(", ")}]`);
    expect(body).toContain(`| Change failure rate | ${last.changeFailureRate.percent} % (${last.changeFailureRate.count} of ${last.changeFailureRate.of})`);
  });

  it("updates that issue when run again, never opens a second one", async () => {
    const first = reportIssues()[0]!;
    const again = await weeklyStep("2026-04-20T08:00:00Z");
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ "issue-number": String(first.number), "issue-action": "unchanged" });
    first.body = `${first.body}\nedited by hand`;
    const third = await weeklyStep("2026-04-20T08:30:00Z");
    expect(third.outputs["issue-action"]).toBe("updated");
    expect(reportIssues()).toHaveLength(1);
    expect(reportIssues()[0]!.body).not.toContain("edited by hand");
  });

  it("in winter, skips 08:00 in Paris (07:00 UTC) and reports at 09:00 (08:00 UTC)", async () => {
    const early = await dora(["--at", "2026-03-16T07:00:00Z", "--not-before", "mon 09:00", "--json"]);
    expect(JSON.parse(early.stdout)).toMatchObject({ status: "skip" });
    const onTime = await dora(["--at", "2026-03-16T08:00:00Z", "--not-before", "mon 09:00", "--json"]);
    expect(JSON.parse(onTime.stdout)).toMatchObject({ week: "2026-W11" });
  });

  it("refuses a wrong not-before or time zone alike at both doors, exit 2", async () => {
    const bad = await dora(["--not-before", "monday 9am"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--not-before: expected a weekday and local time such as "mon 09:00", got "monday 9am"/);
    const zone = await dora(["--timezone", "Mars/Olympus"]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toMatch(/--timezone: "Mars\/Olympus" is not an IANA time zone/);
    const step = await runActionBundle("dist/dora-metrics.js", { workspace, apiUrl: sim.url, inputs: { "not-before": "monday 9am", token: "t" }, env: { GITHUB_REPOSITORY: REPO } });
    expect(step.exitCode).toBe(2);
    expect(step.failure).toMatch(/input "not-before": expected a weekday and local time such as "mon 09:00", got "monday 9am"/);
  });
});
