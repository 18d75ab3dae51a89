/** The pure step machine and the records it reads back from deployment statuses, by tables of cases. */
import { describe, expect, it } from "vitest";
import { holder, nextMove, stepVerdict, type PlannedStep, type RolloutPlan } from "../../src/rollout/evaluate.ts";
import { DESCRIPTION_MAX, describeRecord, parseRecord, type NotedRecord, type RolloutRecord } from "../../src/rollout/records.ts";

const step = (weight: number, bakeMs: number, approve = false): PlannedStep => ({ kind: "shift", weight, colour: null, bakeMs, approve, label: `step at ${weight} %` });
const plan = (steps: PlannedStep[], onMarginal: RolloutPlan["onMarginal"] = "hold"): RolloutPlan => ({ strategy: "canary", steps, previousColour: null, keepMs: 0, onMarginal });
const canary = plan([step(5, 600_000), step(50, 1_800_000, true), step(100, 0)]);
const noted = (...records: RolloutRecord[]): NotedRecord[] => records.map((r) => ({ ...r, note: `why ${r.kind}` }));
const go = { continue: false, abort: false, resume: false };

describe("nextMove", () => {
  const cases: Array<[string, RolloutPlan, NotedRecord[], Partial<typeof go>, ReturnType<typeof nextMove>]> = [
    ["starts with the first step", canary, [], {}, { kind: "shift", step: 0 }],
    ["analyses a shifted step for its bake, from the recorded shift", canary, noted({ kind: "shifted", step: 0, at: 1000 }), {}, { kind: "analyse", step: 0, from: 1000, until: 601_000 }],
    ["holds before a step that needs approval", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "pass", at: 2 }), {}, { kind: "hold", step: 1, why: "step at 50 % waits for approval: run again with continue" }],
    ["records the approval when asked to continue", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "pass", at: 2 }), { continue: true }, { kind: "approve", step: 1 }],
    ["shifts once approved", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "pass", at: 2 }, { kind: "approved", step: 1, at: 3 }), {}, { kind: "shift", step: 1 }],
    [
      "never shifts a recorded step again: the last step without bake completes",
      canary,
      noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "pass", at: 2 }, { kind: "approved", step: 1, at: 3 }, { kind: "shifted", step: 1, at: 4 }, { kind: "verdict", step: 1, verdict: "pass", at: 5 }, { kind: "shifted", step: 2, at: 6 }),
      {},
      { kind: "complete" },
    ],
    ["aborts a failed step with the verdict's reason", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "fail", at: 2 }), {}, { kind: "abort", step: 0, reason: "why verdict" }],
    ["holds a marginal step (on-marginal hold)", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "marginal", at: 2 }), {}, { kind: "hold", step: 0, why: "step at 5 % is marginal: continue promotes, abort rolls back" }],
    ["aborts a marginal step (on-marginal abort)", plan(canary.steps, "abort"), noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "marginal", at: 2 }), {}, { kind: "abort", step: 0, reason: "why verdict" }],
    ["promotes a marginal step (on-marginal promote)", plan([step(5, 1), step(100, 0)], "promote"), noted({ kind: "shifted", step: 0, at: 1 }, { kind: "verdict", step: 0, verdict: "marginal", at: 2 }), {}, { kind: "shift", step: 1 }],
    ["aborts on request, at the step whose traffic is on", canary, noted({ kind: "shifted", step: 0, at: 1 }), { abort: true }, { kind: "abort", step: 0, reason: "aborted by request" }],
    ["rolls back an abort that was started", canary, noted({ kind: "shifted", step: 0, at: 1 }, { kind: "aborting", step: 0, at: 2 }), {}, { kind: "rollback", step: 0, reason: "why aborting" }],
    ["finishes an abort that was rolled back", canary, noted({ kind: "aborting", step: 0, at: 2 }, { kind: "rolled-back", at: 3 }), {}, { kind: "finish-abort", step: 0, reason: "why aborting" }],
    ["does nothing more for an aborted rollout, even when asked to continue", canary, noted({ kind: "aborting", step: 0, at: 2 }, { kind: "rolled-back", at: 3 }, { kind: "aborted", at: 4 }), { continue: true }, { kind: "finished", outcome: "aborted", reason: "why aborting" }],
    ["does nothing more for a completed canary", canary, noted({ kind: "completed", at: 9, retireAt: null }), {}, { kind: "finished", outcome: "completed", reason: "why completed" }],
    ["waits to retire the old colour", { ...canary, strategy: "blue-green", previousColour: "blue" }, noted({ kind: "completed", at: 9, retireAt: 100 }), {}, { kind: "wait-retire", until: 100 }],
  ];
  it.each(cases)("%s", (_name, p, records, requests, expected) => {
    expect(nextMove(p, records, 50, { ...go, ...requests })).toEqual(expected);
  });

  it("retires the old colour once its time is past, then is done", () => {
    const p = { ...canary, strategy: "blue-green" as const, previousColour: "blue" };
    const completed = noted({ kind: "completed", at: 9, retireAt: 100 });
    expect(nextMove(p, completed, 100, go)).toEqual({ kind: "retire", colour: "blue" });
    expect(nextMove(p, [...completed, ...noted({ kind: "retired", at: 101 })], 200, go)).toMatchObject({ kind: "finished", outcome: "completed" });
  });
});

describe("holder", () => {
  it.each([
    ["nobody before any claim", [], null],
    ["the first claimant", [{ kind: "claim", run: "a", at: 0, until: 100 }], { run: "a", until: 100 }],
    ["the holder while its time runs, not another run", [{ kind: "claim", run: "a", at: 0, until: 100 }, { kind: "claim", run: "b", at: 50, until: 200 }], { run: "a", until: 100 }],
    ["another run once the holder's time is up (a killed job)", [{ kind: "claim", run: "a", at: 0, until: 100 }, { kind: "claim", run: "b", at: 100, until: 200 }], { run: "b", until: 200 }],
    ["the holder's renewal or release", [{ kind: "claim", run: "a", at: 0, until: 100 }, { kind: "claim", run: "a", at: 60, until: 60 }], { run: "a", until: 60 }],
  ] as Array<[string, RolloutRecord[], ReturnType<typeof holder>]>)("%s", (_name, records, expected) => {
    expect(holder(noted(...records))).toEqual(expected);
  });
});

describe("stepVerdict", () => {
  const none = { rules: null, judge: null, health: null, smoke: null };
  it.each([
    ["fails on a fired rule whatever else says", { ...none, rules: { verdict: "rollback", reason: "error-ratio above 0.01" }, judge: { verdict: "pass", reason: "ok" } }, "fail"],
    ["fails on a failed judge", { ...none, rules: { verdict: "healthy", reason: "" }, judge: { verdict: "fail", reason: "error-ratio worse" } }, "fail"],
    ["fails on an unhealthy canary", { ...none, health: { healthy: false, reason: "503" } }, "fail"],
    ["fails on a failed smoke test", { ...none, smoke: { passed: false, reason: "exit 1" } }, "fail"],
    ["is marginal when the rules are inconclusive", { ...none, rules: { verdict: "inconclusive", reason: "no data" }, judge: { verdict: "pass", reason: "" } }, "marginal"],
    ["is marginal on a marginal judge", { ...none, judge: { verdict: "marginal", reason: "" } }, "marginal"],
    ["passes when everything passes", { rules: { verdict: "healthy", reason: "" }, judge: { verdict: "pass", reason: "" }, health: { healthy: true, reason: "" }, smoke: null }, "pass"],
  ] as const)("%s", (_name, evidence, verdict) => {
    expect(stepVerdict(evidence as Parameters<typeof stepVerdict>[0]).verdict).toBe(verdict);
  });
});

describe("records in deployment status descriptions", () => {
  const all: RolloutRecord[] = [
    { kind: "claim", run: "run-123", at: 1_796_220_420_659, until: 1_796_221_460_659 },
    { kind: "shifted", step: 2, at: 1_796_220_420_659 },
    { kind: "verdict", step: 1, verdict: "marginal", at: 5 },
    { kind: "held", step: 1, at: 5 },
    { kind: "approved", step: 1, at: 5 },
    { kind: "aborting", step: 0, at: 5 },
    { kind: "rolled-back", at: 5 },
    { kind: "aborted", at: 5 },
    { kind: "completed", at: 5, retireAt: 99 },
    { kind: "completed", at: 5, retireAt: null },
    { kind: "retired", at: 5 },
  ];
  it.each(all)("keeps $kind through a description GitHub cuts at 140 characters, with the sentence", (record) => {
    const description = describeRecord(record, `a long reason ${"x".repeat(300)}\nover two lines`);
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    const parsed = parseRecord(description)!;
    expect(parsed).toMatchObject(record);
    expect(parsed.note).toMatch(/^a long reason x+…$/);
  });

  it.each([null, "", "deployed by another tool", "[sg k=shifted t=1]", "[sg k=unknown t=1 s=1]", "[sg k=verdict t=1 s=1 v=great]", "text [sg k=shifted t=x s=1]"])("ignores a description that is not a whole record: %j", (text) => {
    expect(parseRecord(text)).toBeNull();
  });
});
