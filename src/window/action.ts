import { UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import { cell } from "../report/markdown.ts";
import { loadPolicy } from "../policy/load.ts";
import { MAX_WAIT_MS } from "../policy/sections/windows.ts";
import type { WindowsPolicy } from "../policy/types.ts";
import type { ActionContext, ActionDefinition, ActionOutcome } from "../actions/run-action.ts";
import { evaluateWindowDetail, WINDOW_KINDS, type WindowEvaluation, type WindowKind } from "./evaluate.ts";
import { DURATION_FORMAT, parseDuration } from "../core/duration.ts";
import { formatDuration, formatInstant, verdictLine } from "./describe.ts";
import { describeFreeze, describeWindow } from "./spec-text.ts";
import { cleanReason, decideOverride, reasonInDescription, type OverrideDecision, type OverrideRequest } from "./override.ts";

/** What the action needs from the world besides inputs: a clock, a way to sleep, and the override comment. */
export interface DeployWindowDependencies {
  clock: () => Date;
  /** Sleeps once for the whole delay (a single timer, no polling). */
  sleep: (ms: number) => Promise<void>;
  /** Set when the clock is not the real one, so that the summary says so. */
  clockNote?: string;
  /** Records an accepted override as a comment; returns its URL or a note saying why none was written. */
  comment?: (request: OverrideRequest, context: ActionContext, issue: number, body: string) => Promise<string>;
}

export interface DeployWindowSettings {
  windows: WindowsPolicy;
  kind: WindowKind;
  waitMs: number;
  environment: string | undefined;
  override: OverrideRequest | undefined;
  /** Pull request (or `override-issue`) that gets the override comment, when comments are on. */
  commentIssue: number | undefined;
}

/** Evaluations after sleeping: a timer that fires a little early gets another (short) single sleep. */
const MAX_CHECKS = 4;

async function windowsFrom(context: ActionContext): Promise<WindowsPolicy> {
  const inline = context.inputs.string("windows");
  if (inline !== undefined) {
    const { parseYaml, validatePolicy } = await import("../policy/validate.ts");
    const { data } = parseYaml(inline, 'input "windows"');
    return validatePolicy({ windows: data }, 'input "windows"').windows;
  }
  const file = context.inputs.string("config");
  return (await loadPolicy({ ...(file ? { file } : {}), cwd: context.run.workspace })).policy.windows;
}

interface LabelEvent {
  action?: string;
  label?: { name?: string };
  sender?: { login?: string };
  pull_request?: { number?: number; body?: string | null; labels?: { name?: string }[] };
}

function overrideRequest(context: ActionContext, label: string): OverrideRequest | undefined {
  const inputReason = context.inputs.string("override-reason");
  if (inputReason !== undefined) {
    // On a re-run the person who re-ran it is the one asking, not the one who started the first attempt.
    const actor = context.env.GITHUB_TRIGGERING_ACTOR || context.run.actor;
    return { reason: cleanReason(inputReason), actor, via: "input" };
  }
  const event = context.run.event as LabelEvent;
  const labelled = event.pull_request?.labels?.some((l) => l.name === label) ?? false;
  if (!labelled) return undefined;
  const reason = reasonInDescription(event.pull_request?.body ?? "");
  if (!reason) {
    throw new UserError(
      `the pull request has the label "${label}" but no reason: write a line "Override-Reason: <why>" in its description or set input "override-reason"`,
    );
  }
  // The labeler is known only from the `labeled` event itself; otherwise the actor of this run stands for it.
  const labeler = event.action === "labeled" && event.label?.name === label ? event.sender?.login : undefined;
  return { reason, actor: labeler ?? context.run.actor, via: "label" };
}

export async function readDeployWindowSettings(context: ActionContext): Promise<DeployWindowSettings> {
  const { inputs } = context;
  const windows = await windowsFrom(context);
  const kind = inputs.oneOf("kind", WINDOW_KINDS) ?? "deploy";
  const waitText = inputs.string("wait") ?? windows.wait;
  const waitMs = parseDuration(waitText);
  if (waitMs === undefined || waitMs > MAX_WAIT_MS) throw new UserError(`input "wait": expected ${DURATION_FORMAT}, at most 24h, got "${waitText}"`);
  const label = inputs.string("override-label") ?? windows.override.label;
  const override = overrideRequest(context, label);
  if (override && !override.reason) throw new UserError('input "override-reason": an override needs a reason');
  const event = context.run.event as LabelEvent;
  const commentIssue = windows.override.comment ? (event.pull_request?.number ?? inputs.number("override-issue", { min: 1, integer: true })) : undefined;
  return { windows, kind, waitMs, environment: inputs.string("environment"), override, commentIssue };
}

function windowsMarkdown(settings: DeployWindowSettings): string {
  const { windows, kind } = settings;
  const rows = windows[kind].map((w) => `| ${cell(w.name)} | ${cell(describeWindow(w, windows.timezone))} |`);
  const freezes = windows.freezes.map((f) => `| ❄️ ${cell(f.name)} | ${cell(describeFreeze(f, windows.timezone))} |`);
  if (rows.length === 0 && freezes.length === 0) return `No ${kind} windows and no freezes are defined: ${kind} work may run at any time.`;
  return [`| ${kind === "deploy" ? "Deploy window" : "Maintenance window"} | When |`, "| --- | --- |", ...rows, ...freezes].join("\n");
}

/** Text from a person (an override reason) shown as code: no markdown, HTML or @-mention takes effect. */
function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function gateResult(evaluation: WindowEvaluation, settings: DeployWindowSettings, decision: OverrideDecision | undefined, notes: string[]): GateResult {
  const line = verdictLine(evaluation);
  const decided = `Decided at ${formatInstant(evaluation.now, evaluation.timezone, evaluation.now)} (${new Date(evaluation.now).toISOString()})${settings.environment ? ` for environment \`${cell(settings.environment)}\`` : ""}.`;
  const parts = [decided, windowsMarkdown(settings), ...notes];
  if (evaluation.open) {
    return { gate: "deploy-window", status: "pass", title: line, summary: parts.join("\n\n"), findings: [], metrics: {} };
  }
  if (decision?.accepted) {
    const who = `@${decision.request.actor || "unknown"}`;
    const record = `**Break-glass override** by ${who} (via ${decision.request.via === "input" ? "input `override-reason`" : "pull-request label"}): ${codeSpan(decision.request.reason)}`;
    return {
      gate: "deploy-window",
      status: "warn",
      title: `overridden by ${who}: ${codeSpan(decision.request.reason)} (${line})`,
      summary: [record, ...parts].join("\n\n"),
      findings: [{ level: "warning", message: `Deploy window overridden by ${who}: ${codeSpan(decision.request.reason)}` }],
      metrics: {},
    };
  }
  const refusal = decision && !decision.accepted ? `Override by @${decision.request.actor} refused: ${decision.refusal}.` : undefined;
  const title = refusal ? `${line} (override refused: ${decision && !decision.accepted ? decision.refusal : ""})` : line;
  return {
    gate: "deploy-window",
    status: "fail",
    title,
    summary: [...parts, ...(refusal ? [refusal] : [])].join("\n\n"),
    findings: [{ level: "failure", message: title }],
    metrics: {},
  };
}

async function evaluateWithWait(settings: DeployWindowSettings, deps: DeployWindowDependencies, context: ActionContext): Promise<{ evaluation: WindowEvaluation; waitedMs: number }> {
  const started = deps.clock().getTime();
  const deadline = started + settings.waitMs;
  let evaluation = evaluateWindowDetail(settings.windows, { now: new Date(started), kind: settings.kind });
  for (let check = 1; check < MAX_CHECKS && !evaluation.open; check++) {
    const next = evaluation.nextOpenMs;
    if (next === null || next > deadline) break;
    const delay = next - evaluation.now;
    context.log(`The ${settings.kind} window is closed; waiting ${formatDuration(delay)} until ${formatInstant(next, evaluation.timezone, evaluation.now)}.`);
    await deps.sleep(delay);
    // Decide again after the wait: the policy's freezes and windows apply to the new instant as well.
    evaluation = evaluateWindowDetail(settings.windows, { now: deps.clock(), kind: settings.kind });
  }
  return { evaluation, waitedMs: Math.max(0, evaluation.now - started) };
}

export function deployWindowAction(deps: DeployWindowDependencies): ActionDefinition<DeployWindowSettings> {
  return {
    name: "deploy-window",
    readSettings: readDeployWindowSettings,
    async run(settings, context): Promise<ActionOutcome> {
      const { evaluation, waitedMs } = await evaluateWithWait(settings, deps, context);
      const notes: string[] = [];
      if (waitedMs >= 1000) notes.push(`Waited ${formatDuration(waitedMs)} for the window to open.`);
      if (deps.clockNote) notes.push(`> ${deps.clockNote}`);
      let decision: OverrideDecision | undefined;
      if (settings.override && evaluation.open) notes.push(`An override was requested by @${settings.override.actor} but not needed: the window is open.`);
      if (settings.override && !evaluation.open) {
        decision = decideOverride(settings.override, settings.windows.override, settings.environment);
        if (decision.accepted && settings.windows.override.comment && deps.comment) {
          const body = `Deploy window overridden by @${decision.request.actor}${settings.environment ? ` for \`${settings.environment}\`` : ""}: ${codeSpan(decision.request.reason)}\n\n${verdictLine(evaluation)}`;
          notes.push(
            settings.commentIssue === undefined
              ? "No override comment was written: this run is not for a pull request and input `override-issue` is empty."
              : await deps.comment(decision.request, context, settings.commentIssue, body),
          );
        }
      }
      const overridden = decision?.accepted === true;
      return {
        results: [gateResult(evaluation, settings, decision, notes)],
        outputs: {
          open: evaluation.open,
          window: evaluation.window ?? "",
          "closes-at": evaluation.closesAt ?? "",
          "next-open": evaluation.nextOpen ?? "",
          reason: evaluation.reason,
          overridden,
          "override-reason": overridden ? decision!.request.reason : "",
          "override-actor": overridden ? decision!.request.actor : "",
          "waited-seconds": Math.round(waitedMs / 1000),
        },
      };
    },
  };
}
