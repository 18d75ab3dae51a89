/** What an incident run shows at every door: the --json document, the text, the step summary and the outputs. */
import type { Presentation } from "../core/capability.ts";
import { code, link, table } from "../report/blocks.ts";
import type { ActionTaken } from "./model.ts";
import type { IncidentOutcome } from "./outcome.ts";
import { inert } from "./render.ts";
import type { IncidentResult } from "./run.ts";
import type { SlaWatchReport } from "./sla-watch.ts";
import type { SubjectOutcome } from "./subjects.ts";

/** `auto` with a cancelled job: nothing to open or close. */
export interface Cancelled {
  mode: "cancelled";
}

export const CANCELLED_MESSAGE = "The job was cancelled: no incident is opened or closed.";

const NOTHING = { "action-taken": "none", "issue-number": "", "issue-url": "", severity: "", key: "", "follow-up-number": "", "breached-count": "0" };

function fromOutcome(mode: "failure" | "success", outcome: IncidentOutcome): Presentation {
  const lines = [outcome.message];
  if (outcome.issue) lines.push(`Incident: ${outcome.issue.url}`);
  if (outcome.followUp) lines.push(`Follow-up: ${outcome.followUp.url}`);
  lines.push(...outcome.warnings.map((w) => `warning: ${w}`));
  // The title says what was done to which issue; the table says what it is about, each fact once.
  const summary = table(
    ["Incident", "Severity", "Key", "Run outcome", "Follow-up"],
    [[outcome.issue ? link(`#${outcome.issue.number}`, outcome.issue.url) : "—", outcome.severity ?? "—", code(outcome.key), mode, outcome.followUp ? link(`#${outcome.followUp.number}`, outcome.followUp.url) : "—"]],
  );
  return {
    json: { mode, ...outcome },
    text: lines.join("\n"),
    results: [
      {
        gate: "incident",
        status: outcome.warnings.length > 0 ? "warn" : "pass",
        title: outcome.severity && outcome.issue ? `${outcome.severity} · ${outcome.message}` : outcome.message,
        summary,
        findings: outcome.warnings.map((message) => ({ level: "warning" as const, message })),
        metrics: { action: outcome.action, issue: outcome.issue?.number ?? null, severity: outcome.severity },
      },
    ],
    outputs: {
      ...NOTHING,
      "action-taken": outcome.action,
      "issue-number": outcome.issue ? String(outcome.issue.number) : "",
      "issue-url": outcome.issue?.url ?? "",
      severity: outcome.severity ?? "",
      key: outcome.key,
      "follow-up-number": outcome.followUp ? String(outcome.followUp.number) : "",
    },
  };
}

function fromWatch(report: SlaWatchReport): Presentation {
  const changed = report.breaches.filter((b) => b.changed);
  const message = `${report.checked} open incident(s) checked; ${report.breaches.length} past an SLA (${changed.length} newly labelled or escalated)`;
  const lines = report.breaches.map((b) => `- [#${b.issue.number}](${b.issue.url}) ${b.severity}: ${b.kinds.join(" and ")} SLA breached${b.changed ? "" : " (already escalated)"}`);
  const followUps = report.followUps.map((f) => `- follow-up [#${f.number}](${f.url})`);
  const first = changed[0] ?? report.breaches[0];
  const action: ActionTaken = changed.length > 0 ? "commented" : "none";
  return {
    json: { mode: "sla-watch", action, ...report },
    text: [message, ...report.breaches.map((b) => `#${b.issue.number} ${b.severity}: ${b.kinds.join(" and ")} SLA breached${b.changed ? "" : " (already escalated)"}`)].join("\n"),
    results: [
      {
        gate: "incident",
        status: report.breaches.length > 0 ? "warn" : "pass",
        title: message,
        summary: [...lines, ...followUps].join("\n"),
        findings: report.breaches.map((b) => ({ level: "warning" as const, message: `#${b.issue.number} (${b.severity}): ${b.kinds.join(" and ")} SLA breached` })),
        metrics: { checked: report.checked, breached: report.breaches.length },
      },
    ],
    outputs: {
      ...NOTHING,
      "action-taken": action,
      "issue-number": first ? String(first.issue.number) : "",
      "issue-url": first?.issue.url ?? "",
      severity: first?.severity ?? "",
      "breached-count": String(report.breaches.length),
    },
  };
}

function fromSubjects(outcomes: SubjectOutcome[]): Presentation {
  const count = (action: ActionTaken) => outcomes.filter((o) => o.action === action).length;
  const failing = outcomes.filter((o) => o.action !== "closed" && o.issue !== null);
  const message = `${outcomes.length} subject(s) checked: ${failing.length} with an open incident (${count("opened")} opened, ${count("reopened")} reopened, ${count("commented")} updated); ${count("closed")} closed`;
  const warnings = outcomes.flatMap((o) => o.warnings);
  const lines = outcomes.map((o) => `- ${inert(o.subject)}: ${o.action}${o.issue ? ` [#${o.issue.number}](${o.issue.url})` : ""}${o.followUp ? `, follow-up [#${o.followUp.number}](${o.followUp.url})` : ""}`);
  const first = failing[0];
  const action = count("none") === outcomes.length ? "none" : "reconciled";
  return {
    json: { mode: "reconcile", action, subjects: outcomes },
    text: [message, ...outcomes.map((o) => `${o.subject}: ${o.action}${o.issue ? ` #${o.issue.number}` : ""}`), ...warnings.map((w) => `warning: ${w}`)].join("\n"),
    results: [
      {
        gate: "incident",
        status: warnings.length > 0 ? "warn" : "pass",
        title: message,
        summary: lines.join("\n"),
        findings: warnings.map((message) => ({ level: "warning" as const, message })),
        metrics: { subjects: outcomes.length, failing: failing.length, closed: count("closed") },
      },
    ],
    outputs: {
      ...NOTHING,
      "action-taken": action,
      "issue-number": first?.issue ? String(first.issue.number) : "",
      "issue-url": first?.issue?.url ?? "",
      severity: first?.severity ?? "",
      reconciled: JSON.stringify(outcomes.map((o) => ({ key: o.key, action: o.action, issue: o.issue?.number ?? null, followUp: o.followUp?.number ?? null }))),
    },
  };
}

export function presentIncident(result: IncidentResult | Cancelled): Presentation {
  if (result.mode === "cancelled") {
    return { results: [], outputs: NOTHING, json: { mode: "auto", action: "none", message: CANCELLED_MESSAGE }, text: CANCELLED_MESSAGE };
  }
  if (result.mode === "sla-watch") return fromWatch(result.report);
  if (result.mode === "reconcile") return fromSubjects(result.subjects);
  return fromOutcome(result.mode, result.outcome);
}
