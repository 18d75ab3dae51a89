/** The pure parts of delivery analytics, by tables of cases: weeks, levels, outcomes, failed changes, rework, SLAs, CSV. */
import { describe, expect, it } from "vitest";
import { analyticsCsv } from "../../src/analytics/csv.ts";
import { evaluateDelivery, percentile } from "../../src/analytics/evaluate.ts";
import { changeFailureRateLevel, deploymentFrequencyLevel, leadTimeLevel, recoveryTimeLevel } from "../../src/analytics/levels.ts";
import type { AnalyticsSettings, DeliveryData, DeploymentRecord, IncidentIssueRecord } from "../../src/analytics/model.ts";
import { outcomeOf } from "../../src/analytics/outcomes.ts";
import { renderWeeklyReport } from "../../src/analytics/report.ts";
import { completeWeeksBefore, minutesIntoWeek, parseWeekMoment } from "../../src/analytics/weeks.ts";
import { incidentMarker } from "../../src/incident/marker.ts";

const H = 3_600_000;

describe("weeks", () => {
  it.each([
    // Paris: the week of the spring change is 167 h, the week of the autumn change 169 h.
    ["Europe/Paris", "2026-04-06T08:00:00Z", ["2026-W13", "2026-W14"], ["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z"], [167, 168]],
    ["Europe/Paris", "2026-11-02T08:00:00Z", ["2026-W43", "2026-W44"], ["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"], [169, 168]],
    // New York changes on other dates than Europe.
    ["America/New_York", "2026-03-16T13:00:00Z", ["2026-W10", "2026-W11"], ["2026-03-02T05:00:00.000Z", "2026-03-09T04:00:00.000Z"], [167, 168]],
    // ISO weeks across a year: 29 Dec 2025 is in 2026-W01.
    ["UTC", "2026-01-12T09:00:00Z", ["2026-W01", "2026-W02"], ["2025-12-29T00:00:00.000Z", "2026-01-05T00:00:00.000Z"], [168, 168]],
  ])("%s before %s", (zone, at, names, starts, hours) => {
    const weeks = completeWeeksBefore(Date.parse(at), 2, zone);
    expect(weeks.map((w) => w.name)).toEqual(names);
    expect(weeks.map((w) => new Date(w.start).toISOString())).toEqual(starts);
    expect(weeks.map((w) => (w.end - w.start) / H)).toEqual(hours);
  });

  it.each([
    ["mon 09:00", 540],
    ["SUN 23:59", 6 * 1440 + 1439],
    ["monday 09:00", undefined],
    ["mon 9:00", undefined],
    ["mon 24:00", undefined],
  ])("reads the weekly moment %s", (text, minutes) => {
    expect(parseWeekMoment(text)).toBe(minutes);
  });

  it("tells the local time into the week, on wall clocks across a change", () => {
    expect(minutesIntoWeek(Date.parse("2026-03-30T07:00:00Z"), "Europe/Paris")).toBe(540);
    expect(minutesIntoWeek(Date.parse("2026-03-23T08:00:00Z"), "Europe/Paris")).toBe(540);
    expect(minutesIntoWeek(Date.parse("2026-03-23T07:00:00Z"), "Europe/Paris")).toBe(480);
  });
});

describe("DORA levels (2024 clusters)", () => {
  it.each([
    [3, "elite"], [1, "elite"], [0.5, "high"], [1 / 7, "high"], [0.1, "medium"], [1 / 30, "medium"], [0.01, "low"], [0, "low"],
  ] as const)("deployment frequency %s/day is %s", (perDay, level) => expect(deploymentFrequencyLevel(perDay)).toBe(level));
  it.each([
    [2 * H, "elite"], [24 * H - 1, "elite"], [24 * H, "high"], [7 * 24 * H, "medium"], [30 * 24 * H, "low"],
  ] as const)("lead time %s ms is %s", (ms, level) => expect(leadTimeLevel(ms)).toBe(level));
  it.each([
    [0, "elite"], [7.4, "elite"], [7.6, "medium"], [15, "medium"], [15.1, "high"], [30, "high"], [30.1, "low"], [100, "low"],
  ] as const)("change fail rate %s %% is %s", (percent, level) => expect(changeFailureRateLevel(percent)).toBe(level));
  it.each([
    [59 * 60_000, "elite"], [H, "high"], [23 * H, "high"], [3 * 24 * H, "medium"], [8 * 24 * H, "low"],
  ] as const)("recovery time %s ms is %s", (ms, level) => expect(recoveryTimeLevel(ms)).toBe(level));
});

describe("percentiles by nearest rank", () => {
  it.each([
    [[], 50, null], [[5], 50, 5], [[1, 2], 50, 1], [[1, 2, 3], 50, 2], [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9], [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
  ])("%j p%s = %s", (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

const deployment = (id: number, statuses: [string, string][], extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id, environment: "production", sha: `${id}`.padStart(40, "0"), ref: "main", task: "deploy", description: null, createdAt: "2026-03-02T10:00:00Z",
  statuses: statuses.map(([state, createdAt]) => ({ state: state as DeploymentRecord["statuses"][number]["state"], createdAt })), ...extra,
});

describe("how a deployment ended", () => {
  it.each([
    ["success, later inactive", [["inactive", "2026-03-02T12:00:00Z"], ["success", "2026-03-02T10:05:00Z"], ["in_progress", "2026-03-02T10:01:00Z"]], "success", "2026-03-02T10:05:00Z"],
    ["error", [["error", "2026-03-02T10:03:00Z"]], "failure", "2026-03-02T10:03:00Z"],
    ["replaced before finishing", [["queued", "2026-03-02T10:00:10Z"], ["inactive", "2026-03-02T10:02:00Z"]], "cancelled", "2026-03-02T10:02:00Z"],
    ["still running", [["in_progress", "2026-03-02T10:00:10Z"]], "pending", null],
  ])("%s", (_, statuses, outcome, finished) => {
    const result = outcomeOf(deployment(1, statuses as [string, string][]), []);
    expect(result.outcome).toBe(outcome);
    expect(result.finishedAt).toBe(finished === null ? null : Date.parse(finished));
  });

  it("reads a deployment without statuses from the last run of its commit started before it", () => {
    const d = deployment(2, []);
    const run = (id: number, createdAt: string, conclusion: string | null, headSha = d.sha) => ({ id, name: "Deploy", headSha, status: conclusion === null ? "in_progress" : "completed", conclusion, createdAt, updatedAt: "2026-03-02T10:09:00Z", url: `https://github.com/a/b/actions/runs/${id}` });
    expect(outcomeOf(d, [run(1, "2026-03-02T09:00:00Z", "failure"), run(2, "2026-03-02T09:59:30Z", "success"), run(3, "2026-03-02T11:00:00Z", "failure")])).toMatchObject({ outcome: "success", source: "workflow-run", run: { id: 2 } });
    expect(outcomeOf(d, [run(4, "2026-03-02T09:59:30Z", "failure", "f".repeat(40))])).toMatchObject({ outcome: "unknown", source: "none" });
    expect(outcomeOf(d, [run(5, "2026-03-02T09:59:30Z", null)]).outcome).toBe("pending");
  });
});

const settings: AnalyticsSettings = {
  timezone: "UTC", weeks: 1, production: ["production"], environments: [], failureWindowMs: 24 * H, lookbackMs: 30 * 24 * H, hotfixRefs: ["hotfix/*"],
  incidentLabel: "incident", responseSlaMs: { P1: 15 * 60_000, P2: H, P3: 4 * H, P4: 24 * H }, report: { label: "delivery-report", title: "Delivery report {week}" }, maxDeployments: 5000,
};

function incident(number: number, detectedAt: string, extra: Partial<IncidentIssueRecord> = {}, severity = "P1"): IncidentIssueRecord {
  const due = new Date(Date.parse(detectedAt) + settings.responseSlaMs[severity as "P1"]).toISOString();
  const meta = { key: "Deploy/production", severity: severity as "P1", detectedAt, openedAt: detectedAt, responseDue: due, resolutionDue: null, run: "1" };
  return { number, url: `https://github.com/a/b/issues/${number}`, title: "t", body: incidentMarker(meta), state: "open", createdAt: detectedAt, closedAt: null, labels: ["incident", "environment:production"], comments: [], ...extra };
}

const commit = (oid: string, authoredAt: string, parents: string[] = []) => ({ oid, authoredAt, committedAt: authoredAt, parents });
const ok = (at: string): [string, string] => ["success", at];

describe("failed changes, rework, recovery and SLAs (one week, UTC)", () => {
  // Week 2026-W10: Monday 2 March 2026.
  const weeks = completeWeeksBefore(Date.parse("2026-03-09T09:00:00Z"), 1, "UTC");
  const now = Date.parse("2026-03-09T09:00:00Z");
  const sha = (n: number) => `${n}`.padStart(40, "0");
  const data: DeliveryData = {
    deployments: [
      deployment(1, [ok("2026-03-02T10:10:00Z")], { sha: sha(1), createdAt: "2026-03-02T10:00:00Z" }),
      // Ships 2 and 3; an incident 2 h later blames it.
      deployment(2, [ok("2026-03-03T10:10:00Z")], { sha: sha(3), createdAt: "2026-03-03T10:00:00Z" }),
      // Made while the incident is open, from a hotfix branch: unplanned twice over, counted once.
      deployment(3, [ok("2026-03-03T13:10:00Z")], { sha: sha(4), ref: "hotfix/1.0.1", createdAt: "2026-03-03T13:00:00Z" }),
      // Fails, recovered by the next success.
      deployment(4, [["failure", "2026-03-04T10:10:00Z"]], { sha: sha(5), createdAt: "2026-03-04T10:00:00Z" }),
      deployment(5, [ok("2026-03-04T11:10:00Z")], { sha: sha(5), createdAt: "2026-03-04T11:00:00Z" }),
      // Rolled back within the window by deployment 7, which redeploys sha 4.
      deployment(6, [ok("2026-03-05T10:10:00Z")], { sha: sha(6), createdAt: "2026-03-05T10:00:00Z" }),
      deployment(7, [ok("2026-03-05T11:10:00Z")], { sha: sha(4), ref: sha(4), createdAt: "2026-03-05T11:00:00Z" }),
      // Staging does not count for DORA.
      deployment(8, [["failure", "2026-03-05T10:10:00Z"]], { environment: "staging", createdAt: "2026-03-05T10:00:00Z" }),
    ],
    commits: [commit(sha(1), "2026-03-01T10:00:00Z"), commit(sha(2), "2026-03-02T12:00:00Z", [sha(1)]), commit(sha(3), "2026-03-03T08:10:00Z", [sha(2)]), commit(sha(4), "2026-03-03T12:10:00Z", [sha(3)]), commit(sha(5), "2026-03-04T09:10:00Z", [sha(4)]), commit(sha(6), "2026-03-05T09:10:00Z", [sha(5)])],
    incidents: [
      incident(10, "2026-03-03T12:10:00Z", { state: "closed", closedAt: "2026-03-03T14:10:00Z", comments: [{ createdAt: "2026-03-03T12:11:00Z", byBot: true, body: "bot" }, { createdAt: "2026-03-03T12:20:00Z", byBot: false, body: "on it" }] }),
      incident(11, "2026-03-08T20:00:00Z", {}, "P4"),
      incident(12, "2026-03-06T20:00:00Z", { comments: [{ createdAt: "2026-03-06T20:05:00Z", byBot: false, body: "<!-- shipgate:incident-failure run=2 -->" }] }, "P2"),
      { ...incident(13, "2026-03-06T20:00:00Z"), body: "written by hand" },
    ],
    releases: [],
    runsOfDeployments: {},
  };
  const result = evaluateDelivery(data, settings, weeks, now);
  const week = result.production.weeks[0]!;
  const point = (id: number) => result.points.deployments.find((d) => d.id === id)!;

  it("blames an incident on the latest successful deployment before it, and a rollback on the deployment it undid", () => {
    expect(point(2).failedChange).toEqual({ reason: "incident", incident: 10 });
    expect(point(6).failedChange).toEqual({ reason: "rollback", by: 7 });
    expect(point(3).failedChange).toBeNull();
    expect(week.changeFailureRate).toMatchObject({ count: 2, of: 6, percent: 33.33, level: "low" });
  });

  it("ships each commit once, with its lead time from its authored date", () => {
    expect(result.points.changes.filter((c) => c.deployment === 2).map((c) => c.leadTimeMs).sort()).toEqual([2 * H, 22 * H + 10 * 60_000].sort());
    expect(result.points.changes.filter((c) => c.deployment === 7)).toEqual([]);
    expect(week.leadTime.samples).toBe(6);
  });

  it("counts hotfix refs and deployments during an open incident as rework", () => {
    expect(point(3).unplanned).toBe("ref hotfix/1.0.1 is a hotfix ref");
    expect(week.reworkRate).toMatchObject({ count: 1, of: 6 });
  });

  it("measures recovery from incidents and from failed deployments", () => {
    expect(result.points.recoveries.map((r) => [r.kind, r.of, r.recoveryMs])).toEqual(
      expect.arrayContaining([["incident", 10, 2 * H], ["failed-deployment", 4, H], ["incident", 11, null]]),
    );
    expect(week.recoveryTime).toMatchObject({ samples: 2, unrecovered: 2 });
  });

  it("judges SLAs: a person's response in time, none when due (shipgate's own comments do not count), not due yet", () => {
    const sla = Object.fromEntries(result.points.incidents.map((i) => [i.number, i.sla]));
    expect(sla).toEqual({ 10: "hit", 11: "pending", 12: "missed" });
    expect(result.points.skipped).toEqual([{ kind: "incident", number: 13, why: "no shipgate incident marker in its body" }]);
    expect(week.incidents.P1.sla).toMatchObject({ count: 1, of: 1 });
    expect(result.actionItems.map((a) => a.kind)).toEqual(expect.arrayContaining(["sla-breach", "open-incident"]));
  });

  it("writes deployment success and duration for staging on its own", () => {
    const staging = result.environments.find((e) => e.environment === "staging")!;
    expect(staging.period.successRate).toMatchObject({ count: 0, of: 1 });
  });

  it("renders environment names inert in the report and CSV fields never start a formula", () => {
    const hostile = evaluateDelivery({ ...data, deployments: [deployment(9, [ok("2026-03-02T10:10:00Z")], { environment: "=cmd|@team [x](http://e)" })] }, settings, weeks, now);
    const report = renderWeeklyReport(hostile, settings, "shipgate dora");
    expect(report.body).not.toContain("@team");
    expect(report.body).not.toContain("[x](http");
    const csv = analyticsCsv({ ...hostile, environments: [{ ...hostile.environments[0]!, environment: 'eu,"west"' }] });
    expect(csv.split("\r\n")[3]!.startsWith('"environment:eu,""west""",2026-W10,')).toBe(true);
  });
});
