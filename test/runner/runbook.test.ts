/**
 * Runner contract of the runbook action (dist/runbook.js, run as the runner does) with the API simulator as
 * GITHUB_API_URL, with the starter workflow's inputs (none). Run `npm run build` first when running it locally.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSimulator } from "../simulator/setup.ts";
import { runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

const REPOSITORY = "octo-org/octo-repo";
let workspace: string;

beforeAll(async () => {
  workspace = tempDir("runbook-action");
  await mkdir(path.join(workspace, ".github"));
  await writeFile(
    path.join(workspace, ".github/shipgate.yml"),
    "runbooks:\n  list:\n    - name: daily\n      title: Daily checks <b>@everyone</b>\n      schedule: every day 06:00\n      items:\n        - text: Backups present\n",
  );
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe("runbook action (runner contract)", () => {
  it("opens today's occurrence once and says so in its outputs and summary", async () => {
    const sim = await startTestSimulator({ repos: [REPOSITORY] });
    const run = () => runActionBundle("dist/runbook.js", { workspace, apiUrl: sim.url, inputs: { token: "ghs_test", at: "2026-12-02T07:00:00Z" }, env: { GITHUB_RUN_ID: "77" } });
    const first = await run();
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ "issue-number": "1", action: "opened", "open-items": "1", status: "pass" });
    expect(JSON.parse(first.outputs.occurrences!)).toEqual([{ runbook: "daily", occurrence: "2026-12-02", issue: 1, action: "opened", open: 1 }]);
    expect(first.summary).toContain("[#1](");
    const second = await run();
    expect(second.outputs).toMatchObject({ "issue-number": "1", action: "none" });
    const issues = sim.state.repo("octo-org", "octo-repo")!.issues.list();
    expect(issues).toHaveLength(1);
    // The title is plain text, as GitHub shows it; the body's heading is Markdown, neutralised.
    expect(issues[0]!.title).toBe("Daily checks <b>@everyone</b> — 2026-12-02");
    expect(issues[0]!.body).not.toContain("<b>");
    expect(issues[0]!.body).not.toMatch(/@everyone/);
  }, 60_000);
});
