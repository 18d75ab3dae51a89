import { describe, expect, it } from "vitest";
import type { AnyCapability, Invocation } from "../../src/core/capability.ts";
import { ExternalError, NotApplicable, UserError } from "../../src/core/errors.ts";
import type { GateResult } from "../../src/core/result.ts";
import { preflightDoor } from "../../src/preflight/door.ts";
import { MAX_CONCURRENT_GATES, runGates } from "../../src/preflight/run.ts";
import type { PolicyScope } from "../../src/policy/scope.ts";
import type { Policy } from "../../src/policy/types.ts";

/** A promise the test settles itself: the order of events is the test's, never a timer's. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const scope = { root: "/repo", policy: {} as Policy, policySource: null } as PolicyScope;
const invocation = { door: "cli", cwd: "/repo", env: {}, log: () => undefined, warn: () => undefined } as unknown as Invocation;

function passed(gate: string): GateResult {
  return { gate, status: "pass", title: `${gate} passed`, summary: "", findings: [], metrics: {} };
}

/** A gate whose run does `work` (waiting on the test's promises, then passing or throwing). */
function gate(name: string, work: () => Promise<GateResult | void> = async () => undefined): AnyCapability<Policy> {
  return {
    name,
    options: {},
    settings: () => ({}),
    run: async () => (await work()) ?? passed(name),
    present: (outcome: GateResult) => ({ results: [outcome], json: outcome, text: "" }),
  };
}

describe("runGates (the umbrella's gates)", () => {
  it("runs the gates at the same time: each waits until every other one has started", async () => {
    const names = ["coverage", "security", "certs", "approvals", "go-no-go"];
    const started = new Set<string>();
    const allStarted = deferred();
    const gates = names.map((name) =>
      gate(name, async () => {
        started.add(name);
        if (started.size === names.length) allStarted.resolve();
        await allStarted.promise;
      }),
    );
    const { results, errors } = await runGates(gates, {}, scope, invocation);
    expect(results.map((r) => [r.gate, r.status])).toEqual(names.map((name) => [name, "pass"]));
    expect(errors).toEqual([]);
  });

  it("gives results and errors in the declared order, whatever order the gates finish in", async () => {
    const releaseFirst = deferred();
    const releaseSecond = deferred();
    const finished: string[] = [];
    const gates = [
      gate("coverage", async () => {
        await releaseFirst.promise;
        finished.push("coverage");
        throw new UserError("gates.coverage.reports: no report matches coverage/lcov.info");
      }),
      gate("security", async () => {
        await releaseSecond.promise;
        finished.push("security");
        releaseFirst.resolve();
      }),
      gate("approvals", async () => {
        finished.push("approvals");
        releaseSecond.resolve();
        throw new ExternalError("GET /repos/o/r/pulls/7: 502 after 3 retries");
      }),
    ];
    const { results, errors } = await runGates(gates, {}, scope, invocation);
    expect(finished).toEqual(["approvals", "security", "coverage"]);
    expect(results.map((r) => r.gate)).toEqual(["coverage", "security", "approvals"]);
    expect(errors).toEqual([
      { gate: "coverage", kind: "configuration" },
      { gate: "approvals", kind: "external" },
    ]);
  });

  it("starts the gates that wait on GitHub or a server first, the longest chain of requests first, and reports in the declared order", async () => {
    const declared = ["coverage", "security", "certs", "approvals", "go-no-go", "later-gate"];
    const started: string[] = [];
    const gates = declared.map((name) => ({ ...gate(name), run: async () => (started.push(name), passed(name)) }));
    const { results } = await runGates(gates, {}, scope, invocation);
    expect(started).toEqual(["approvals", "go-no-go", "certs", "coverage", "security", "later-gate"]);
    expect(results.map((r) => r.gate)).toEqual(declared);
  });

  it("lets a gate send its first request before the next gate starts, however many steps it takes to get there", async () => {
    const events: string[] = [];
    const gates = [
      gate("coverage", async () => void events.push("coverage started")),
      gate("approvals", async () => {
        for (let step = 0; step < 50; step++) await Promise.resolve();
        events.push("approvals sent its first request");
      }),
      gate("go-no-go", async () => void events.push("go-no-go started")),
    ];
    await runGates(gates, {}, scope, invocation);
    expect(events).toEqual(["approvals sent its first request", "go-no-go started", "coverage started"]);
  });

  it("keeps running the other gates when one fails, cannot run or is skipped", async () => {
    const gates = [
      gate("coverage", async () => ({ ...passed("coverage"), status: "fail", title: "lines 61 % < 80 %" })),
      gate("security", async () => {
        throw new UserError("reports/audit.json: not JSON");
      }),
      gate("certs", async () => {
        throw new ExternalError("api.example.com:443: connection refused after 2 retries");
      }),
      gate("approvals", async () => {
        throw new NotApplicable("no token: set GITHUB_TOKEN");
      }),
      gate("go-no-go"),
    ];
    const { results, errors } = await runGates(gates, {}, scope, invocation);
    expect(results.map((r) => [r.gate, r.status, r.title])).toEqual([
      ["coverage", "fail", "lines 61 % < 80 %"],
      ["security", "fail", "configuration error: reports/audit.json: not JSON"],
      ["certs", "fail", "external error: api.example.com:443: connection refused after 2 retries"],
      ["approvals", "skip", "no token: set GITHUB_TOKEN"],
      ["go-no-go", "pass", "go-no-go passed"],
    ]);
    expect(errors.map((e) => e.kind)).toEqual(["configuration", "external"]);
  });

  it("runs no more gates at once than its bound, and every gate in the end", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const gates = Array.from({ length: 7 }, (_, i) =>
      gate(`gate-${i}`, async () => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        // Let every other started gate reach this point before finishing (gates start a turn of the event loop apart).
        for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
        running--;
      }),
    );
    const bounded = await runGates(gates, {}, scope, invocation, 3);
    expect(mostAtOnce).toBe(3);
    expect(bounded.results).toHaveLength(7);
    mostAtOnce = 0;
    await runGates(gates, {}, scope, invocation);
    expect(mostAtOnce).toBe(Math.min(MAX_CONCURRENT_GATES, gates.length));
  });

  it("lets an internal error (a bug) end the run instead of reporting it as a gate's verdict", async () => {
    const gates = [gate("coverage"), gate("security", async () => {
      throw new TypeError("cannot read properties of undefined");
    })];
    await expect(runGates(gates, {}, scope, invocation)).rejects.toThrow(TypeError);
  });
});

describe("preflight exit code", () => {
  const exitCodeOf = (results: GateResult[], errors: { gate: string; kind: "configuration" | "external" }[]) =>
    preflightDoor.present({ results, errors, notes: [] }, undefined as never, invocation).exitCode;
  const failed = (gate: string): GateResult => ({ ...passed(gate), status: "fail" });

  it("is 2 for a gate's configuration, else 3 for an outage, else 1 for a failed gate, else 0", () => {
    expect(exitCodeOf([passed("coverage"), failed("security"), failed("certs"), failed("approvals")], [{ gate: "certs", kind: "external" }, { gate: "approvals", kind: "configuration" }])).toBe(2);
    expect(exitCodeOf([failed("coverage"), failed("certs")], [{ gate: "certs", kind: "external" }])).toBe(3);
    expect(exitCodeOf([failed("coverage"), passed("certs")], [])).toBe(1);
    expect(exitCodeOf([passed("coverage"), { ...passed("approvals"), status: "skip" }], [])).toBe(0);
  });
});
