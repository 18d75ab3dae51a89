/**
 * A failure at EACH write of the incident lifecycle, then a re-run of the step that failed: no duplicate issue or
 * comment, and the same end state as a run without faults. Two kinds of failure per write: refused before it
 * happens (an injected 500), and done but answered with a 502 (the answer lost on the way back).
 * Also the client's retries of 5xx, 429 and secondary-rate-limit 403 answers.
 */
import { describe, expect, it } from "vitest";
import { reportFailure } from "../../src/incident/open.ts";
import { reportSuccess } from "../../src/incident/resolve.ts";
import type { IncidentTracker } from "../../src/incident/ports.ts";
import { defaultRoutes } from "../simulator/routes/index.ts";
import { faults, HttpError, startSimulator, type Simulator } from "../simulator/index.ts";
import { commentsOf, issuesOf, minutesAfter, OWNER, REPO, runInfo, settingsWith, trackerFor } from "./support.ts";

const t0 = new Date("2026-03-03T10:00:00Z");
const settings = settingsWith({ "on-call": ["alice"] });
const runs = { a: runInfo({ runId: "101" }), b: runInfo({ runId: "102" }), c: runInfo({ runId: "103" }), d: runInfo({ runId: "104" }) };

/** The lifecycle: open, repeat, resolve (P2: follow-up), flap. */
const steps: ((tracker: IncidentTracker) => Promise<unknown>)[] = [
  (tracker) => reportFailure(tracker, settings, runs.a, t0),
  (tracker) => reportFailure(tracker, settings, runs.b, minutesAfter(t0, 5)),
  (tracker) => reportSuccess(tracker, settings, runs.c, minutesAfter(t0, 30)),
  (tracker) => reportFailure(tracker, settings, runs.d, minutesAfter(t0, 40)),
];

async function freshSimulator(): Promise<Simulator> {
  const sim = await startSimulator({ startTime: "2026-03-03T10:00:00Z" });
  sim.state.addRepo(`${OWNER}/${REPO}`);
  return sim;
}

/** What must be the same whatever failed on the way: issues and the markers of their comments (not timestamps). */
function endState(sim: Simulator): unknown {
  return issuesOf(sim)
    .sort((x, y) => x.number - y.number)
    .map((issue) => ({
      number: issue.number,
      title: issue.title,
      state: issue.state,
      stateReason: issue.stateReason,
      labels: [...issue.labels].sort(),
      assignees: issue.assignees,
      comments: commentsOf(sim, issue.number).map((c) => /<!-- shipgate:[^>]*-->/.exec(c.body)?.[0] ?? c.body).sort(),
    }));
}

interface Write {
  operationId: string;
  /** How many writes of the same operation came before it. */
  before: number;
}

async function baseline(): Promise<{ writes: Write[]; state: unknown }> {
  const sim = await freshSimulator();
  try {
    for (const step of steps) await step(trackerFor(sim));
    const counts = new Map<string, number>();
    const writes = sim.requests
      .filter((r) => r.method !== "GET")
      .map((r) => {
        const operationId = r.operationId ?? "";
        const before = counts.get(operationId) ?? 0;
        counts.set(operationId, before + 1);
        return { operationId, before };
      });
    return { writes, state: endState(sim) };
  } finally {
    await sim.close();
  }
}

/** Runs every step; a step that fails is run again (the re-run of the job), without the fault. */
async function runWithRerun(sim: Simulator): Promise<number> {
  let failures = 0;
  for (const step of steps) {
    try {
      await step(trackerFor(sim, 0));
    } catch {
      failures++;
      await step(trackerFor(sim));
    }
  }
  return failures;
}

/** The n-th call of an operation does its work, then answers 502 as if the answer was lost. */
function loseAnswer(sim: Simulator, write: Write): void {
  const original = defaultRoutes()[write.operationId]!;
  let seen = 0;
  sim.route(write.operationId, async (context) => {
    const result = await original(context);
    if (seen++ === write.before) throw new HttpError(502, "Bad Gateway");
    return result;
  });
}

const reference = await baseline();

describe("a failure at each write, then a re-run", () => {
  it("the lifecycle writes what the test expects to break", () => {
    expect(reference.writes.map((w) => w.operationId)).toEqual(
      expect.arrayContaining(["issues/create", "issues/create-comment", "issues/update"]),
    );
    expect(reference.state).toMatchObject([{ number: 1, state: "open" }, { number: 2, state: "open", labels: ["incident-follow-up"] }]);
  });

  it.each(reference.writes.map((write, index) => ({ ...write, index })))("write $index ($operationId) refused: converges", async (write) => {
    const sim = await freshSimulator();
    try {
      const fault = sim.inject({ operationId: write.operationId, after: write.before, status: 500 });
      await runWithRerun(sim);
      expect(fault.applied).toBe(1);
      expect(endState(sim)).toEqual(reference.state);
    } finally {
      await sim.close();
    }
  });

  it.each(reference.writes.map((write, index) => ({ ...write, index })))("write $index ($operationId) done but its answer lost: converges", async (write) => {
    const sim = await freshSimulator();
    try {
      loseAnswer(sim, write);
      await runWithRerun(sim);
      expect(endState(sim)).toEqual(reference.state);
    } finally {
      await sim.close();
    }
  });
});

describe("the client's retries", () => {
  it("rides out 5xx, 429 and a secondary rate limit without a duplicate", async () => {
    const sim = await freshSimulator();
    try {
      sim.inject({ operationId: "issues/list-for-repo", status: 502, times: 2 });
      sim.inject({ ...faults.tooManyRequests(1), operationId: "issues/create" });
      sim.inject({ ...faults.secondaryRateLimit(1), operationId: "issues/create-comment" });
      sim.inject({ operationId: "issues/update", status: 503 });
      for (const step of steps) await step(trackerFor(sim));
      expect(endState(sim)).toEqual(reference.state);
      expect(sim.requests.filter((r) => r.outcome === "fault").length).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it("gives up with a clear error when the API keeps failing", async () => {
    const sim = await freshSimulator();
    try {
      sim.inject({ operationId: "issues/list-for-repo", status: 500, times: Infinity });
      await expect(steps[0]!(trackerFor(sim, 1))).rejects.toThrow(/listing the open issues labelled "incident" in acme\/app failed: HTTP 500/);
    } finally {
      await sim.close();
    }
  });
});
