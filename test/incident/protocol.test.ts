/**
 * The incident protocol against the GitHub API simulator (real HTTP on 127.0.0.1): one issue under concurrency,
 * recovery, flap damping, the follow-up issue and the SLA watch.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseIncidentMarker } from "../../src/incident/marker.ts";
import { reportFailure } from "../../src/incident/open.ts";
import { reportSuccess } from "../../src/incident/resolve.ts";
import { watchSla } from "../../src/incident/sla-watch.ts";
import type { Simulator } from "../simulator/index.ts";
import { barrier, commentsOf, issuesOf, minutesAfter, OWNER, REPO, runInfo, settingsWith, trackerFor } from "./support.ts";
import { startTestSimulator } from "../simulator/setup.ts";

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator({ startTime: "2026-03-03T10:00:00Z", repos: [`${OWNER}/${REPO}`] });
});

const t0 = new Date("2026-03-03T10:00:00Z");
const settings = settingsWith({ "on-call": ["alice"], escalation: ["@acme/sre-leads", "carol"] });

function incidentIssues() {
  return issuesOf(sim).filter((issue) => issue.labels.includes("incident"));
}

function failureMarkers(issue: number): string[] {
  return commentsOf(sim, issue)
    .map((c) => /<!-- shipgate:incident-failure run=(\d+) -->/.exec(c.body)?.[1])
    .filter((run): run is string => run !== undefined)
    .sort();
}

describe("two runs failing at the same moment", () => {
  it("end with one open incident when they run truly concurrently", async () => {
    const [a, b] = [runInfo(), runInfo()];
    const outcomes = await Promise.all([reportFailure(trackerFor(sim), settings, a, t0), reportFailure(trackerFor(sim), settings, b, t0)]);
    const open = incidentIssues().filter((issue) => issue.state === "open");
    expect(open).toHaveLength(1);
    expect(outcomes.map((o) => o.issue?.number)).toEqual([open[0]!.number, open[0]!.number]);
    expect(outcomes.map((o) => o.action).sort()).toEqual(["commented", "opened"]);
    // The run that did not open it is recorded on it, once.
    const other = outcomes.find((o) => o.action === "commented")!;
    expect(failureMarkers(open[0]!.number)).toHaveLength(1);
    expect(other.issue?.number).toBe(open[0]!.number);
  });

  it("end with one open incident when both create between the other's list and create", async () => {
    const [a, b] = [runInfo(), runInfo()];
    const meet = barrier(2);
    const outcomes = await Promise.all([
      reportFailure(trackerFor(sim), settings, a, t0, { beforeCreate: meet }),
      reportFailure(trackerFor(sim), settings, b, t0, { beforeCreate: meet }),
    ]);
    const all = incidentIssues();
    expect(all).toHaveLength(2);
    const [winner, loser] = all.sort((x, y) => x.number - y.number) as [(typeof all)[0], (typeof all)[0]];
    expect(winner.state).toBe("open");
    expect(loser).toMatchObject({ state: "closed", stateReason: "duplicate" });
    expect(commentsOf(sim, loser.number).map((c) => c.body)).toEqual([expect.stringContaining(`Duplicate of #${winner.number}`)]);
    const loserRun = parseIncidentMarker(loser.body)!.run;
    expect(failureMarkers(winner.number)).toEqual([loserRun]);
    expect(new Set(outcomes.map((o) => o.issue?.number))).toEqual(new Set([winner.number]));
  });
});

describe("two runs succeeding at the same moment", () => {
  it("close the incident and end with one follow-up issue, linked", async () => {
    await reportFailure(trackerFor(sim), settings, runInfo(), t0);
    const meet = barrier(2);
    const outcomes = await Promise.all([
      reportSuccess(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 10), { beforeCreate: meet }),
      reportSuccess(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 10), { beforeCreate: meet }),
    ]);
    const followUps = issuesOf(sim).filter((issue) => issue.labels.includes("incident-follow-up"));
    expect(followUps).toHaveLength(2);
    const [kept, duplicate] = followUps.sort((a, b) => a.number - b.number) as [(typeof followUps)[0], (typeof followUps)[0]];
    expect(kept.state).toBe("open");
    expect(duplicate).toMatchObject({ state: "closed", stateReason: "duplicate" });
    expect(outcomes.map((o) => o.followUp?.number)).toEqual([kept.number, kept.number]);
    const links = commentsOf(sim, 1).filter((c) => c.body.includes("Follow-up for the permanent fix"));
    expect(links.map((c) => c.body)).toEqual([expect.stringContaining(`#${kept.number}`)]);
  });
});

describe("lifecycle", () => {
  it("opens with severity, SLA, labels, assignees and the procedure; a repeat failure comments with a count", async () => {
    const first = await reportFailure(trackerFor(sim), settings, runInfo(), t0);
    expect(first).toMatchObject({ action: "opened", severity: "P2", key: "Deploy/production" });
    const [issue] = incidentIssues();
    expect(issue).toMatchObject({ title: "[P2] Deploy failed in production", assignees: ["alice"] });
    expect(issue!.labels.sort()).toEqual(["environment:production", "incident", "severity:P2"]);
    expect(parseIncidentMarker(issue!.body)).toMatchObject({ severity: "P2", responseDue: "2026-03-03T11:00:00.000Z", resolutionDue: null });
    for (const part of ["Detection", "Communication", "Investigation", "Resolution", "Closure", "Post-mortem"]) expect(issue!.body).toContain(part);

    const second = await reportFailure(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 5));
    const third = await reportFailure(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 6));
    expect([second.action, third.action]).toEqual(["commented", "commented"]);
    expect(incidentIssues()).toHaveLength(1);
    expect(commentsOf(sim, issue!.number).map((c) => /failure (\d) of this incident/.exec(c.body)?.[1])).toEqual(["2", "3"]);
  });

  it("recovery closes the incident with the time to resolve, opens a linked follow-up for P2, and a flap reopens it", async () => {
    await reportFailure(trackerFor(sim), settings, runInfo(), t0);
    const resolved = await reportSuccess(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 42));
    expect(resolved).toMatchObject({ action: "closed", severity: "P2" });
    const incident = incidentIssues()[0]!;
    expect(incident).toMatchObject({ state: "closed", stateReason: "completed" });
    const comments = commentsOf(sim, incident.number).map((c) => c.body);
    expect(comments.find((c) => c.includes("Resolved"))).toContain("Time to resolve: **42m**");

    const followUps = issuesOf(sim).filter((issue) => issue.labels.includes("incident-follow-up"));
    expect(followUps).toHaveLength(1);
    expect(resolved.followUp?.number).toBe(followUps[0]!.number);
    expect(followUps[0]!.body).toContain(`#${incident.number}`);
    expect(comments.find((c) => c.includes("Follow-up for the permanent fix"))).toContain(`#${followUps[0]!.number}`);

    // Running the success again changes nothing: no second follow-up, no second comment.
    const again = await reportSuccess(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 43));
    expect(again.action).toBe("none");
    expect(issuesOf(sim)).toHaveLength(2);

    const flap = await reportFailure(trackerFor(sim), settings, runInfo(), minutesAfter(t0, 60));
    expect(flap).toMatchObject({ action: "reopened", issue: { number: incident.number } });
    expect(incidentIssues()).toHaveLength(1);
    expect(incidentIssues()[0]!.state).toBe("open");
    expect(commentsOf(sim, incident.number).at(-1)!.body).toContain("Reopened");
  });

  it("opens a new incident when the failure comes after the flap window", async () => {
    await reportFailure(trackerFor(sim), settings, runInfo(), t0);
    await reportSuccess(trackerFor(sim), settings, runInfo({ environment: "production" }), minutesAfter(t0, 1));
    const later = await reportFailure(trackerFor(sim), settingsWith({ "flap-window": "1m" }), runInfo(), minutesAfter(t0, 90));
    expect(later.action).toBe("opened");
    expect(incidentIssues().filter((i) => i.state === "open")).toHaveLength(1);
    expect(incidentIssues()).toHaveLength(2);
  });

  it("keeps incidents of different keys apart and opens no follow-up below P2", async () => {
    await reportFailure(trackerFor(sim), settings, runInfo({ environment: "staging" }), t0);
    await reportFailure(trackerFor(sim), settings, runInfo({ environment: "production" }), t0);
    expect(incidentIssues().map((i) => i.title).sort()).toEqual(["[P2] Deploy failed in production", "[P3] Deploy failed in staging"]);
    const closed = await reportSuccess(trackerFor(sim), settings, runInfo({ environment: "staging" }), minutesAfter(t0, 3));
    expect(closed).toMatchObject({ action: "closed", severity: "P3", followUp: null });
    expect(incidentIssues().filter((i) => i.state === "open").map((i) => i.title)).toEqual(["[P2] Deploy failed in production"]);
  });
});

describe("SLA watch", () => {
  const p1 = settingsWith({ rules: [{ name: "prod", environment: ["production"], severity: "P1" }], escalation: ["@acme/sre-leads", "carol"], sla: { ...settingsWithDefaults(), P1: { response: "15m", resolution: "1h" } } });

  function settingsWithDefaults() {
    return { P1: { response: "15m" }, P2: { response: "1h" }, P3: { response: "4h" }, P4: { response: "24h" } };
  }

  it("labels a breached incident once and mentions the escalation contacts once", async () => {
    const opened = await reportFailure(trackerFor(sim), p1, runInfo(), t0);
    const number = opened.issue!.number;
    expect((await watchSla(trackerFor(sim), p1, minutesAfter(t0, 10))).breaches).toEqual([]);
    expect(issuesOf(sim)[0]!.labels).not.toContain("sla-breached");

    const report = await watchSla(trackerFor(sim), p1, minutesAfter(t0, 16));
    expect(report.breaches).toEqual([{ issue: expect.objectContaining({ number }), severity: "P1", kinds: ["response"], changed: true }]);
    expect(issuesOf(sim)[0]!.labels).toContain("sla-breached");
    const mentions = commentsOf(sim, number).filter((c) => c.body.includes("SLA breached"));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.body).toContain("@acme/sre-leads @carol");

    const again = await watchSla(trackerFor(sim), p1, minutesAfter(t0, 20));
    expect(again.breaches[0]!.changed).toBe(false);
    expect(commentsOf(sim, number).filter((c) => c.body.includes("SLA breached"))).toHaveLength(1);

    const late = await watchSla(trackerFor(sim), p1, minutesAfter(t0, 61));
    expect(late.breaches[0]!.kinds).toEqual(["response", "resolution"]);
    expect(commentsOf(sim, number).filter((c) => c.body.includes("SLA breached"))).toHaveLength(2);
  });

  it("does not count a response made in time as a breach", async () => {
    const opened = await reportFailure(trackerFor(sim), p1, runInfo(), t0);
    // The simulated clock starts at t0 and moves a second per write: this response comes well within 15 minutes.
    sim.state.addComment(`${OWNER}/${REPO}`, opened.issue!.number, "Looking into it.", "alice");
    const report = await watchSla(trackerFor(sim), p1, minutesAfter(t0, 16));
    expect(report.breaches).toEqual([]);
  });
});
