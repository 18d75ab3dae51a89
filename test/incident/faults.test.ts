/**
 * A failure at EACH write of the incident lifecycle, then a re-run of the step that failed: no duplicate issue or
 * comment, and the same end state as a run without faults. Two kinds of failure per write: refused before it
 * happens (an injected 500), and done but answered with a 502 (the answer lost on the way back).
 * Also the client's retries of 5xx, 429 and secondary-rate-limit 403 answers.
 */
import { describe, expect, it } from "vitest";
import { reportFailure } from "../../src/incident/open.ts";
import { reportSuccess } from "../../src/incident/resolve.ts";
import { faults, startSimulator } from "../simulator/index.ts";
import { baseline, commentMarker, runWithAnswerLost, runWithWriteRefused, type Lifecycle, type Step } from "../support/write-faults.ts";
import { commentsOf, issuesOf, minutesAfter, OWNER, REPO, runInfo, settingsWith, trackerFor } from "./support.ts";

const t0 = new Date("2026-03-03T10:00:00Z");
const settings = settingsWith({ "on-call": ["alice"] });
const runs = { a: runInfo({ runId: "101" }), b: runInfo({ runId: "102" }), c: runInfo({ runId: "103" }), d: runInfo({ runId: "104" }) };

/** The lifecycle: open, repeat, resolve (P2: follow-up), flap. */
const steps: Step[] = [
  (sim, retries) => reportFailure(trackerFor(sim, retries), settings, runs.a, t0),
  (sim, retries) => reportFailure(trackerFor(sim, retries), settings, runs.b, minutesAfter(t0, 5)),
  (sim, retries) => reportSuccess(trackerFor(sim, retries), settings, runs.c, minutesAfter(t0, 30)),
  (sim, retries) => reportFailure(trackerFor(sim, retries), settings, runs.d, minutesAfter(t0, 40)),
];

const lifecycle: Lifecycle = {
  steps,
  async freshSimulator() {
    const sim = await startSimulator({ startTime: "2026-03-03T10:00:00Z" });
    sim.state.addRepo(`${OWNER}/${REPO}`);
    return sim;
  },
  /** Issues and the markers of their comments (not timestamps). */
  endState(sim) {
    return issuesOf(sim)
      .sort((x, y) => x.number - y.number)
      .map((issue) => ({
        number: issue.number,
        title: issue.title,
        state: issue.state,
        stateReason: issue.stateReason,
        labels: [...issue.labels].sort(),
        assignees: issue.assignees,
        comments: commentsOf(sim, issue.number).map((c) => commentMarker(c.body)).sort(),
      }));
  },
};

const reference = await baseline(lifecycle);

describe("a failure at each write, then a re-run", () => {
  it("the lifecycle writes what the test expects to break", () => {
    expect(reference.writes.map((w) => w.operationId)).toEqual(
      expect.arrayContaining(["issues/create", "issues/create-comment", "issues/update"]),
    );
    expect(reference.state).toMatchObject([{ number: 1, state: "open" }, { number: 2, state: "open", labels: ["incident-follow-up"] }]);
  });

  it.each(reference.writes)("write $index ($operationId) refused: converges", async (write) => {
    const run = await runWithWriteRefused(lifecycle, write);
    expect(run.faultsApplied).toBe(1);
    expect(run.state).toEqual(reference.state);
  });

  it.each(reference.writes)("write $index ($operationId) done but its answer lost: converges", async (write) => {
    expect(await runWithAnswerLost(lifecycle, write)).toEqual(reference.state);
  });
});

describe("the client's retries", () => {
  it("rides out 5xx, 429 and a secondary rate limit without a duplicate", async () => {
    const sim = await lifecycle.freshSimulator();
    try {
      sim.inject({ operationId: "issues/list-for-repo", status: 502, times: 2 });
      sim.inject({ ...faults.tooManyRequests(1), operationId: "issues/create" });
      sim.inject({ ...faults.secondaryRateLimit(1), operationId: "issues/create-comment" });
      sim.inject({ operationId: "issues/update", status: 503 });
      for (const step of steps) await step(sim, 3);
      expect(lifecycle.endState(sim)).toEqual(reference.state);
      expect(sim.requests.filter((r) => r.outcome === "fault").length).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it("gives up with a clear error when the API keeps failing", async () => {
    const sim = await lifecycle.freshSimulator();
    try {
      sim.inject({ operationId: "issues/list-for-repo", status: 500, times: Infinity });
      await expect(steps[0]!(sim, 1)).rejects.toThrow(/listing the open issues labelled "incident" in acme\/app failed: HTTP 500/);
    } finally {
      await sim.close();
    }
  });
});
