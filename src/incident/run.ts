/**
 * The one use case behind the CLI and the action: a mode, the settings, a tracker, and what to show for it
 * (JSON, text, markdown summary, step outputs).
 */
import type { GateResult } from "../core/result.ts";
import type { ActionTaken, IncidentSettings, RunInfo } from "./model.ts";
import { reportFailure } from "./open.ts";
import type { IncidentOutcome } from "./outcome.ts";
import { inert } from "./render.ts";
import { reportSuccess } from "./resolve.ts";
import { watchSla, type SlaWatchReport } from "./sla-watch.ts";
import type { IncidentTracker } from "./tracker.ts";

export type IncidentMode = "failure" | "success" | "sla-watch";

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

export async function runIncident(mode: IncidentMode, tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo | undefined, now: Date): Promise<IncidentRun> {
  if (mode === "sla-watch") return fromWatch(await watchSla(tracker, settings, now));
  if (!run) throw new Error("a failure or success needs the run it is about");
  return fromOutcome(mode, mode === "failure" ? await reportFailure(tracker, settings, run, now) : await reportSuccess(tracker, settings, run, now));
}
