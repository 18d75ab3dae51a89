/** The use case behind the deploy-window action and `shipgate window check`: decide, wait for an opening, weigh an override. */
import type { Invocation } from "../core/capability.ts";
import type { WindowsPolicy } from "../policy/types.ts";
import { formatDuration, formatInstant, verdictLine } from "./describe.ts";
import { evaluateWindowDetail, type WindowEvaluation, type WindowKind } from "./evaluate.ts";
import { codeSpan, decideOverride, type OverrideDecision, type OverrideRequest } from "./override.ts";

export interface WindowSettings {
  windows: WindowsPolicy;
  kind: WindowKind;
  /** Decide for this instant instead of now; nothing is waited for then. */
  at: Date | undefined;
  waitMs: number;
  environment: string | undefined;
  override: OverrideRequest | undefined;
  /** Where an accepted override is commented when the policy asks for it, or why it cannot be. */
  comment: { issue: number; token: string | undefined } | { unavailable: string } | undefined;
}

export interface WindowRun {
  evaluation: WindowEvaluation;
  waitedMs: number;
  decision: OverrideDecision | undefined;
  /** Lines the summary ends with. */
  notes: string[];
}

/** Evaluations after sleeping: a timer that fires a little early gets another (short) single sleep. */
const MAX_CHECKS = 4;

async function evaluateWithWait(settings: WindowSettings, invocation: Invocation): Promise<{ evaluation: WindowEvaluation; waitedMs: number }> {
  const start = (settings.at ?? invocation.now).getTime();
  // Time goes on from the door's instant at the pace of its clock (which SHIPGATE_TEST_CLOCK may have set).
  const clockStart = invocation.clock().getTime();
  const deadline = start + settings.waitMs;
  let evaluation = evaluateWindowDetail(settings.windows, { now: new Date(start), kind: settings.kind });
  for (let check = 1; check < MAX_CHECKS && !evaluation.open; check++) {
    const next = evaluation.nextOpenMs;
    if (next === null || next > deadline) break;
    const delay = next - evaluation.now;
    invocation.log(`The ${settings.kind} window is closed; waiting ${formatDuration(delay)} until ${formatInstant(next, evaluation.timezone, evaluation.now)}.`);
    await invocation.sleep(delay);
    // Decide again after the wait: the policy's freezes and windows apply to the new instant as well.
    evaluation = evaluateWindowDetail(settings.windows, { now: new Date(start + invocation.clock().getTime() - clockStart), kind: settings.kind });
  }
  return { evaluation, waitedMs: Math.max(0, evaluation.now - start) };
}

export async function runWindowCheck(settings: WindowSettings, invocation: Invocation): Promise<WindowRun> {
  const { evaluation, waitedMs } = await evaluateWithWait(settings, invocation);
  const notes: string[] = [];
  if (waitedMs >= 1000) notes.push(`Waited ${formatDuration(waitedMs)} for the window to open.`);
  if (invocation.clockNote) notes.push(`> ${invocation.clockNote}`);
  let decision: OverrideDecision | undefined;
  if (settings.override && evaluation.open) notes.push(`An override was requested by @${settings.override.actor} but not needed: the window is open.`);
  if (settings.override && !evaluation.open) {
    decision = decideOverride(settings.override, settings.windows.override, settings.environment);
    const { comment } = settings;
    if (decision.accepted && comment) {
      if ("unavailable" in comment) notes.push(comment.unavailable);
      else {
        const body = `Deploy window overridden by @${decision.request.actor}${settings.environment ? ` for \`${settings.environment}\`` : ""}: ${codeSpan(decision.request.reason)}\n\n${verdictLine(evaluation)}`;
        // The GitHub client loads only when an override is to be commented.
        const { commentOverride } = await import("../github/override-comment.ts");
        notes.push(await commentOverride({ ...comment, actor: decision.request.actor, body }, invocation));
      }
    }
  }
  return { evaluation, waitedMs, decision, notes };
}
