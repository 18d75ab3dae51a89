/**
 * The rollout's pure step machine: from the plan and what the deployment's statuses recorded, the one thing to do
 * next. A re-run reads the same records and so resumes where the last run stopped; a step whose shift or verdict
 * is recorded is never shifted or judged again, so no promotion is repeated.
 */
import type { NotedRecord, VerdictKind } from "./records.ts";

export interface PlannedStep {
  /** `shift`: the traffic command (a canary weight or a blue-green colour); `deploy`: blue-green's deploy to the idle colour. */
  kind: "shift" | "deploy";
  weight: number | null;
  colour: string | null;
  /** Analysis time after the shift; 0: none. */
  bakeMs: number;
  approve: boolean;
  /** "step 2/3 (50 %)", "deploy to green", "switch to green". */
  label: string;
}

export interface RolloutPlan {
  strategy: "canary" | "blue-green";
  steps: PlannedStep[];
  /** Blue-green: the colour live before the rollout, retired `keepMs` after the switch. */
  previousColour: string | null;
  keepMs: number;
  onMarginal: "hold" | "abort" | "promote";
}

export interface Requests {
  /** A person said go on (dispatch input, label, `--continue`). */
  continue: boolean;
  /** A person said stop (`--abort`). */
  abort: boolean;
  /** Only go on with the environment's rollout in progress, whatever its commit; never start one (a schedule). */
  resume: boolean;
}

export type Move =
  | { kind: "shift"; step: number }
  | { kind: "analyse"; step: number; from: number; until: number }
  | { kind: "hold"; step: number; why: string }
  | { kind: "approve"; step: number }
  | { kind: "abort"; step: number; reason: string }
  | { kind: "rollback"; step: number; reason: string }
  | { kind: "finish-abort"; step: number; reason: string }
  | { kind: "complete" }
  | { kind: "wait-retire"; until: number }
  | { kind: "retire"; colour: string }
  | { kind: "finished"; outcome: "completed" | "aborted"; reason: string };

function last<K extends NotedRecord["kind"]>(records: NotedRecord[], kind: K, step?: number): Extract<NotedRecord, { kind: K }> | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    if (record.kind === kind && (step === undefined || ("step" in record && record.step === step))) return record as Extract<NotedRecord, { kind: K }>;
  }
  return undefined;
}

/** The step whose traffic is on now: the highest one recorded as shifted; -1 before the first. */
export function currentStep(records: NotedRecord[]): number {
  return records.reduce((highest, r) => (r.kind === "shifted" && r.step > highest ? r.step : highest), -1);
}

function abortMoves(records: NotedRecord[], step: number, reason: string): Move {
  const started = last(records, "aborting");
  const why = started?.note || reason;
  const at = started?.step ?? step;
  if (!started) return { kind: "abort", step, reason };
  return last(records, "rolled-back") ? { kind: "finish-abort", step: at, reason: why } : { kind: "rollback", step: at, reason: why };
}

/** What to do before step `next` (the approval gate), or the step itself. */
function toStep(plan: RolloutPlan, records: NotedRecord[], next: number, requests: Requests): Move {
  if (next >= plan.steps.length) return { kind: "complete" };
  const step = plan.steps[next]!;
  if (step.approve && !last(records, "approved", next)) {
    return requests.continue ? { kind: "approve", step: next } : { kind: "hold", step: next, why: `${step.label} waits for approval: run again with continue` };
  }
  return { kind: "shift", step: next };
}

export function nextMove(plan: RolloutPlan, records: NotedRecord[], now: number, requests: Requests): Move {
  const aborted = last(records, "aborted");
  if (aborted) return { kind: "finished", outcome: "aborted", reason: last(records, "aborting")?.note || aborted.note };
  const completed = last(records, "completed");
  if (completed) {
    const retired = last(records, "retired");
    if (completed.retireAt !== null && !retired && plan.previousColour) {
      return now >= completed.retireAt ? { kind: "retire", colour: plan.previousColour } : { kind: "wait-retire", until: completed.retireAt };
    }
    return { kind: "finished", outcome: "completed", reason: completed.note };
  }
  const step = Math.max(0, currentStep(records));
  if (last(records, "aborting")) return abortMoves(records, step, "");
  if (requests.abort) return abortMoves(records, step, "aborted by request");

  const current = currentStep(records);
  if (current < 0) return toStep(plan, records, 0, requests);
  const shifted = last(records, "shifted", current)!;
  const verdict = last(records, "verdict", current);
  const planned = plan.steps[current]!;
  if (!verdict) {
    if (planned.bakeMs === 0) return toStep(plan, records, current + 1, requests);
    return { kind: "analyse", step: current, from: shifted.at, until: shifted.at + planned.bakeMs };
  }
  if (verdict.verdict === "fail") return { kind: "abort", step: current, reason: verdict.note };
  if (verdict.verdict === "marginal" && plan.onMarginal !== "promote") {
    if (plan.onMarginal === "abort") return { kind: "abort", step: current, reason: verdict.note };
    const approved = last(records, "approved", current);
    if (!approved || approved.at < verdict.at) {
      return requests.continue ? { kind: "approve", step: current } : { kind: "hold", step: current, why: `${planned.label} is marginal: continue promotes, abort rolls back` };
    }
  }
  return toStep(plan, records, current + 1, requests);
}

export interface Claim {
  run: string;
  until: number;
}

/**
 * Who drives the rollout, claim by claim in the order GitHub recorded them: a claim takes the rollout when nobody
 * holds it, the holder's time is up, or it is the holder's own renewal; any other claim is void.
 */
export function holder(records: NotedRecord[]): Claim | null {
  let held: Claim | null = null;
  for (const record of records) {
    if (record.kind !== "claim") continue;
    if (!held || held.run === record.run || record.at >= held.until) held = { run: record.run, until: record.until };
  }
  return held;
}

export interface StepEvidence {
  /** The rollback rules against the canary: what fired, or inconclusive. */
  rules: { verdict: "rollback" | "healthy" | "inconclusive"; reason: string } | null;
  judge: { verdict: VerdictKind; reason: string } | null;
  health: { healthy: boolean; reason: string } | null;
  smoke: { passed: boolean; reason: string } | null;
}

/** One step's verdict from its evidence: any failure fails it, else anything unsure makes it marginal. */
export function stepVerdict(evidence: StepEvidence): { verdict: VerdictKind; reason: string } {
  const failures = [
    evidence.rules?.verdict === "rollback" ? `rollback rule ${evidence.rules.reason}` : null,
    evidence.judge?.verdict === "fail" ? `judge: ${evidence.judge.reason}` : null,
    evidence.health && !evidence.health.healthy ? `health: ${evidence.health.reason}` : null,
    evidence.smoke && !evidence.smoke.passed ? `smoke test: ${evidence.smoke.reason}` : null,
  ].filter((text): text is string => text !== null);
  if (failures.length > 0) return { verdict: "fail", reason: failures.join("; ") };
  const unsure = [
    evidence.rules?.verdict === "inconclusive" ? `rules inconclusive: ${evidence.rules.reason}` : null,
    evidence.judge?.verdict === "marginal" ? `judge marginal: ${evidence.judge.reason}` : null,
  ].filter((text): text is string => text !== null);
  if (unsure.length > 0) return { verdict: "marginal", reason: unsure.join("; ") };
  const passed = [evidence.rules ? "rules held" : null, evidence.judge ? `judge: ${evidence.judge.reason}` : null, evidence.health ? "healthy" : null, evidence.smoke ? "smoke test passed" : null].filter(Boolean);
  return { verdict: "pass", reason: passed.length > 0 ? passed.join("; ") : "nothing to analyse" };
}
