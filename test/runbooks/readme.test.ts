/**
 * The README's runbook snippets, run as written through `shipgate runbook` against the API simulator: the weekly
 * maintenance and the quarterly access review are opened once, their automated items ticked with evidence, closed
 * when people tick the rest (a bot's tick does not count), escalated once when overdue.
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { parseChecklist } from "../../src/runbooks/checklist.ts";
import { apiFor } from "../simulator/helpers.ts";
import { denyToActor, setOrganization, setSecret } from "../simulator/routes/access.ts";
import type { Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { tempDir } from "../support/temp.ts";

const OWNER = "acme";
const REPO = "app";
const README = path.resolve(import.meta.dirname, "../../README.md");

/** The README's YAML block that holds `marker`. */
async function snippet(marker: string): Promise<string> {
  const text = await readFile(README, "utf8");
  const block = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).find((yaml) => yaml.includes(marker));
  if (!block) throw new Error(`README.md has no yaml block with ${marker}`);
  return block;
}

let sim: Simulator;
let cwd: string;
let server: Server;
let healthUrl: string;

beforeEach(async () => {
  sim = await startTestSimulator({
    startTime: "2026-12-06T01:00:00Z",
    repos: [`${OWNER}/${REPO}`],
    tokens: { shipgate: { access: "write", login: "github-actions[bot]" }, alice: { access: "write", login: "alice" }, renovate: { access: "write", login: "renovate[bot]" } },
  });
  cwd = tempDir("runbook-readme");
  await mkdir(path.join(cwd, "scripts"));
  await writeFile(path.join(cwd, "scripts/disk-space.sh"), '#!/bin/sh\necho "disk: 38 % free (minimum $1 %)"\n');
  await writeFile(path.join(cwd, "scripts/restore-test.sh"), '#!/bin/sh\necho "restored 1200 tables"\n');
  await chmod(path.join(cwd, "scripts/disk-space.sh"), 0o755);
  await chmod(path.join(cwd, "scripts/restore-test.sh"), 0o755);
  server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  healthUrl = `http://127.0.0.1:${address.port}/health`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(cwd, { recursive: true, force: true });
});

async function writePolicy(marker: string): Promise<void> {
  const yaml = (await snippet(marker)).replace("https://app.example.com/health", healthUrl);
  await writeFile(path.join(cwd, "policy.yml"), yaml);
}

async function runbook(at: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string; json: Record<string, unknown> | undefined }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["runbook", "--repo", `${OWNER}/${REPO}`, "--config", "policy.yml", "--at", at, "--json", ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: { ...simulatorEnv(sim, "shipgate"), GITHUB_RUN_ID: "4242", GITHUB_SERVER_URL: "https://github.com" },
    now: () => new Date(at),
  });
  return { code, stdout, stderr, json: code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : undefined };
}

const issues = () => sim.state.repo(OWNER, REPO)!.issues.list();
const comments = (issue: number) => sim.state.repo(OWNER, REPO)!.comments.list((c) => c.issueNumber === issue);

/** A person (or a bot) edits the issue body through the API, as the web editor does. */
async function editAs(token: string, number: number, edit: (body: string) => string): Promise<void> {
  const octokit = apiFor(sim, { token });
  const { data } = await octokit.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: number });
  await octokit.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: number, body: edit(data.body ?? "") });
}

const tick = (text: string) => (body: string) => body.replace(`- [ ] ${text}`, `- [x] ${text}`);

describe("README: weekly maintenance", () => {
  it("opens one issue per occurrence, ticks the automated items with evidence, and closes it once people tick the rest", async () => {
    await writePolicy("name: weekly-maintenance");
    // Sunday 6 December 2026, 02:30 in Paris.
    const first = await runbook("2026-12-06T01:30:00Z");
    expect(first.code, first.stderr).toBe(0);
    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue.title).toBe("Weekly maintenance — 2026-12-06");
    expect(issue.assignees).toEqual(["alice"]);
    const items = parseChecklist(issue.body);
    const byText = (start: string) => items.find((item) => item.text.startsWith(start))!;
    expect(byText("Disk space")).toMatchObject({ checked: true });
    expect(byText("Disk space").evidence).toContain("disk: 38 % free (minimum 20 %)");
    expect(byText("Disk space").evidence).toContain("https://github.com/acme/app/actions/runs/4242");
    expect(byText("Full backup").evidence).toMatch(/restore took \d+ s against an RTO of 4 h \(RPO 1 h\): within the RTO/);
    expect(byText("Health of every service")).toMatchObject({ checked: true });
    expect(byText("Database integrity check")).toMatchObject({ checked: false, evidence: null });

    // A re-run finds the issue by its marker.
    const again = await runbook("2026-12-06T01:45:00Z");
    expect(again.json).toMatchObject({ occurrences: [{ occurrence: "2026-12-06", action: "none", issue: { number: issue.number } }] });
    expect(issues()).toHaveLength(1);

    // Partly ticked: stays open, the open items listed.
    await editAs("alice", issue.number, (body) => tick("Database integrity check")(tick("Slow queries reviewed")(body)));
    const partly = await runbook("2026-12-06T02:00:00Z");
    expect(partly.json).toMatchObject({ occurrences: [{ action: "none", verdict: { complete: false } }] });
    const open = (partly.json as { occurrences: { verdict: { open: { text: string }[] } }[] }).occurrences[0]!.verdict.open.map((item) => item.text);
    expect(open).toEqual(["Logs older than 30 days cleaned up", "Notes of what was found"]);

    // A bot ticks the last manual items: that does not count.
    await editAs("renovate", issue.number, (body) => tick("Notes of what was found")(tick("Logs older than 30 days cleaned up")(body)));
    const byBot = await runbook("2026-12-06T02:10:00Z");
    const notes = (byBot.json as { occurrences: { verdict: { open: { text: string; note: string }[] } }[] }).occurrences[0]!.verdict.open;
    expect(notes.map((item) => item.note)).toEqual(["ticked by the bot renovate, which does not count: a person ticks it", "ticked by the bot renovate, which does not count: a person ticks it"]);
    expect(issues()[0]!.state).toBe("open");

    // alice unticks and ticks one again, and marks the other not applicable: complete, closed, who ticked what recorded.
    await editAs("alice", issue.number, (body) => body.replace("- [x] Logs older than 30 days cleaned up", "- [ ] Logs older than 30 days cleaned up").replace("- [x] Notes of what was found", "- [ ] Notes of what was found"));
    await editAs("alice", issue.number, (body) => tick("Logs older than 30 days cleaned up")(body).replace("Notes of what was found", "Notes of what was found N/A: nothing found"));
    const done = await runbook("2026-12-06T02:20:00Z");
    expect(done.json).toMatchObject({ occurrences: [{ action: "closed", verdict: { complete: true } }] });
    expect(issues()[0]).toMatchObject({ state: "closed", stateReason: "completed" });
    const record = comments(issue.number).find((c) => c.body.includes("shipgate:runbook-completed"))!.body;
    expect(record).toMatch(/\| Database integrity check \| ✅ done \| alice \|/);
    expect(record).toMatch(/\| Disk space above 20 % free \| ✅ done \| shipgate \(automated check\) \|/);
    expect(record).toMatch(/\| Notes of what was found N\/A: nothing found \| ➖ N\/A \| alice \| .* \| nothing found \|/);

    // The next Sunday opens the next occurrence, linked to this one.
    const next = await runbook("2026-12-13T01:30:00Z");
    expect(next.json).toMatchObject({ occurrences: [{ occurrence: "2026-12-13", action: "opened" }] });
    expect(issues()).toHaveLength(2);
    expect(issues()[1]!.body).toContain(`**Previous occurrence:** #${issue.number}`);
  });

  it("escalates once when overdue, at the local end of a window shortened by the spring-forward change", async () => {
    await writePolicy("name: weekly-maintenance");
    // Sunday 28 March 2027: Paris skips 02:00-03:00, so the window is 03:00-04:00 CEST (01:00-02:00 UTC).
    const opened = await runbook("2027-03-28T01:30:00Z");
    expect(opened.json).toMatchObject({ occurrences: [{ occurrence: "2027-03-28", action: "opened" }] });
    // 03:45 CEST: two hours after the 02:00 that did not happen, but not yet the local 04:00.
    const before = await runbook("2027-03-28T01:45:00Z");
    expect(before.json).toMatchObject({ occurrences: [{ action: "none" }] });
    const late = await runbook("2027-03-28T02:05:00Z");
    expect(late.json).toMatchObject({ occurrences: [{ action: "escalated" }] });
    const issue = issues()[0]!;
    expect(issue.labels).toContain("runbook-overdue");
    expect(issue.assignees.sort()).toEqual(["alice", "bob"]);
    const overdue = comments(issue.number).filter((c) => c.body.includes("shipgate:runbook-overdue"));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.body).toContain("Overdue by 5 min");
    expect(overdue[0]!.body).toContain("cc @alice @acme/dba @acme/sre");
    // Once: later runs keep it escalated without writing again.
    const later = await runbook("2027-03-28T05:00:00Z");
    expect(later.json).toMatchObject({ occurrences: [{ action: "none" }] });
    expect(comments(issue.number).filter((c) => c.body.includes("shipgate:runbook-overdue"))).toHaveLength(1);
  });

  it("escalates at the local end of the window on the fall-back day, an hour later than two hours after the start", async () => {
    await writePolicy("name: weekly-maintenance");
    // Sunday 31 October 2027: Paris repeats 02:00-03:00; 02:00 CEST is 00:00 UTC, 04:00 CET is 03:00 UTC.
    await runbook("2027-10-31T00:30:00Z");
    const notYet = await runbook("2027-10-31T02:30:00Z");
    expect(notYet.json).toMatchObject({ occurrences: [{ action: "none" }] });
    const late = await runbook("2027-10-31T03:01:00Z");
    expect(late.json).toMatchObject({ occurrences: [{ action: "escalated" }] });
  });
});

describe("README: quarterly access review", () => {
  it("opens the review with its findings as items, closes it when ticked, escalates it when overdue", async () => {
    await writePolicy("name: access-review");
    sim.state.setPermission(`${OWNER}/${REPO}`, "mallory", "admin");
    const opened = await runbook("2026-10-05T09:30:00Z");
    expect(opened.code, opened.stderr).toBe(0);
    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue.title).toBe("Quarterly access review — 2026-10-05");
    const items = parseChecklist(issue.body);
    expect(items.some((item) => item.text.includes("mallory"))).toBe(true);
    expect(items.at(-1)!.text).toBe("Inactive accounts removed");
    expect(issue.body).toContain("shipgate:access-review");

    const overdue = await runbook("2026-10-19T09:31:00Z");
    expect(overdue.json).toMatchObject({ occurrences: [{ action: "escalated" }] });
    expect(issues()[0]!.labels).toContain("runbook-overdue");

    await editAs("alice", issue.number, (body) => body.replace(/- \[ \]/g, "- [x]"));
    const closed = await runbook("2026-10-20T09:00:00Z");
    expect(closed.json).toMatchObject({ occurrences: [{ action: "closed" }] });
    expect(issues()[0]!.state).toBe("closed");

    // The next quarter's review compares with this one's record.
    sim.state.setPermission(`${OWNER}/${REPO}`, "trent", "write");
    const next = await runbook("2027-01-04T09:30:00Z");
    expect(next.json).toMatchObject({ occurrences: [{ occurrence: "2027-01-04", action: "opened" }] });
    expect(issues()[1]!.body).toContain(`**Previous occurrence:** #${issue.number}`);
    expect(issues()[1]!.body).toContain("trent");
  });

  it("in an organization, lists what a token without organization scope could not see, never passing it silently", async () => {
    await writePolicy("name: access-review");
    setOrganization(sim.state, OWNER, { owners: ["olivia"], members: ["alice"], without2fa: ["alice"] });
    sim.state.setPermission(`${OWNER}/${REPO}`, "alice", "admin");
    setSecret(sim.state, `${OWNER}/${REPO}`, "NPM_TOKEN", { updatedAt: "2026-01-01T00:00:00Z" });
    denyToActor(sim.state, "github-actions[bot]", "orgs/list-members", 403);
    denyToActor(sim.state, "github-actions[bot]", "repos/list-teams", 403);
    const opened = await runbook("2026-10-05T09:30:00Z");
    expect(opened.code, opened.stderr).toBe(0);
    const body = issues()[0]!.body!;
    expect(body).toContain("Not seen by the token");
    const items = parseChecklist(body).map((item) => item.text);
    expect(items.some((text) => text.includes("NPM") && text.includes("TOKEN"))).toBe(true);
    expect(items.some((text) => text.includes("alice"))).toBe(true);
  });
});
