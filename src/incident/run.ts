/**
 * The one use case behind the CLI and the action: a mode, the settings, a tracker, and what to show for it
 * (JSON, text, markdown summary, step outputs).
 */
import type { GateResult } from "../core/result.ts";
import type { ActionTaken, IncidentSettings, RunInfo, Subject } from "./model.ts";
import { reportFailure } from "./open.ts";
import type { IncidentOutcome } from "./outcome.ts";
import { inert } from "./render.ts";
import { reportSuccess } from "./resolve.ts";
import { watchSla, type SlaWatchReport } from "./sla-watch.ts";
import { reconcileSubjects, type SubjectOutcome } from "./subjects.ts";
import type { IncidentTracker } from "./tracker.ts";

export type IncidentMode = "failure" | "success" | "sla-watch" | "reconcile";

export interface IncidentRun {
  json: Record<string, unknown>;
  text: string;
  gate: GateResult;
  outputs: Record<string, string>;
}

function fromOutcome(mode: IncidentMode, outcome: IncidentOutcome): IncidentRun {
  const lines = [outcome.message];
  if (outcome.issue) lines.push(`Incident: ${outcome.issue.url}`);
  if (outcome.followUp) lines.push(`Follow-up: ${outcome.followUp.url}`);
  lines.push(...outcome.warnings.map((w) => `warning: ${w}`));
  const summary = [
    `- Mode: ${mode}; key: ${inert(outcome.key)}`,
    ...(outcome.issue ? [`- Incident: [#${outcome.issue.number}](${outcome.issue.url})${outcome.severity ? ` (${outcome.severity})` : ""}`] : []),
    ...(outcome.followUp ? [`- Follow-up: [#${outcome.followUp.number}](${outcome.followUp.url})`] : []),
  ].join("\n");
  return {
    json: { mode, ...outcome },
    text: lines.join("\n"),
    gate: {
      gate: "incident",
      status: outcome.warnings.length > 0 ? "warn" : "pass",
      title: outcome.message,
      summary,
      findings: outcome.warnings.map((message) => ({ level: "warning" as const, message })),
      metrics: { action: outcome.action, issue: outcome.issue?.number ?? null, severity: outcome.severity },
    },
    outputs: {
      "action-taken": outcome.action,
      "issue-number": outcome.issue ? String(outcome.issue.number) : "",
      "issue-url": outcome.issue?.url ?? "",
      severity: outcome.severity ?? "",
      key: outcome.key,
      "follow-up-number": outcome.followUp ? String(outcome.followUp.number) : "",
      "breached-count": "0",
    },
  };
}

function fromWatch(report: SlaWatchReport): IncidentRun {
  const changed = report.breaches.filter((b) => b.changed);
  const message = `${report.checked} open incident(s) checked; ${report.breaches.length} past an SLA (${changed.length} newly labelled or escalated)`;
  const lines = report.breaches.map((b) => `- [#${b.issue.number}](${b.issue.url}) ${b.severity}: ${b.kinds.join(" and ")} SLA breached${b.changed ? "" : " (already escalated)"}`);
  const followUps = report.followUps.map((f) => `- follow-up [#${f.number}](${f.url})`);
  const first = changed[0] ?? report.breaches[0];
  const action: ActionTaken = changed.length > 0 ? "commented" : "none";
  return {
    json: { mode: "sla-watch", action, ...report },
    text: [message, ...report.breaches.map((b) => `#${b.issue.number} ${b.severity}: ${b.kinds.join(" and ")} SLA breached${b.changed ? "" : " (already escalated)"}`)].join("\n"),
    gate: {
      gate: "incident",
      status: report.breaches.length > 0 ? "warn" : "pass",
      title: message,
      summary: [...lines, ...followUps].join("\n"),
      findings: report.breaches.map((b) => ({ level: "warning" as const, message: `#${b.issue.number} (${b.severity}): ${b.kinds.join(" and ")} SLA breached` })),
      metrics: { checked: report.checked, breached: report.breaches.length },
    },
    outputs: {
      "action-taken": action,
      "issue-number": first ? String(first.issue.number) : "",
      "issue-url": first?.issue.url ?? "",
      severity: first?.severity ?? "",
      key: "",
      "follow-up-number": "",
      "breached-count": String(report.breaches.length),
    },
  };
}

function fromSubjects(outcomes: SubjectOutcome[]): IncidentRun {
  const count = (action: ActionTaken) => outcomes.filter((o) => o.action === action).length;
  const failing = outcomes.filter((o) => o.action !== "closed" && o.issue !== null);
  const message = `${outcomes.length} subject(s) checked: ${failing.length} with an open incident (${count("opened")} opened, ${count("reopened")} reopened, ${count("commented")} updated); ${count("closed")} closed`;
  const warnings = outcomes.flatMap((o) => o.warnings);
  const lines = outcomes.map((o) => `- ${inert(o.subject)}: ${o.action}${o.issue ? ` [#${o.issue.number}](${o.issue.url})` : ""}${o.followUp ? `, follow-up [#${o.followUp.number}](${o.followUp.url})` : ""}`);
  const first = failing[0];
  return {
    json: { mode: "reconcile", action: count("none") === outcomes.length ? "none" : "reconciled", subjects: outcomes },
    text: [message, ...outcomes.map((o) => `${o.subject}: ${o.action}${o.issue ? ` #${o.issue.number}` : ""}`), ...warnings.map((w) => `warning: ${w}`)].join("\n"),
    gate: {
      gate: "incident",
      status: warnings.length > 0 ? "warn" : "pass",
      title: message,
      summary: lines.join("\n"),
      findings: warnings.map((message) => ({ level: "warning" as const, message })),
      metrics: { subjects: outcomes.length, failing: failing.length, closed: count("closed") },
    },
    outputs: {
      "action-taken": count("none") === outcomes.length ? "none" : "reconciled",
      "issue-number": first?.issue ? String(first.issue.number) : "",
      "issue-url": first?.issue?.url ?? "",
      severity: first?.severity ?? "",
      key: "",
      "follow-up-number": "",
      "breached-count": "0",
      reconciled: JSON.stringify(outcomes.map((o) => ({ key: o.key, action: o.action, issue: o.issue?.number ?? null, followUp: o.followUp?.number ?? null }))),
    },
  };
}

export async function runIncident(mode: IncidentMode, tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo | undefined, now: Date, subjects: Subject[] = []): Promise<IncidentRun> {
  if (mode === "sla-watch") return fromWatch(await watchSla(tracker, settings, now));
  if (!run) throw new Error("a failure, success or reconcile needs the run it is about");
  if (mode === "reconcile") return fromSubjects(await reconcileSubjects(tracker, settings, run, subjects, now));
  return fromOutcome(mode, mode === "failure" ? await reportFailure(tracker, settings, run, now) : await reportSuccess(tracker, settings, run, now));
}
