/**
 * The Markdown of runbook issues and of shipgate's comments on them. Pure: data in, text out. Text from the policy
 * and from people is neutralised; logins and teams come from the policy, whose schema allows no markup in them.
 */
import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import { literalMarkdown, neutraliseMarkdown, terminalLine } from "../report/neutralise.ts";
import { formatDuration, formatInstant } from "../window/describe.ts";
import { itemText, renderChecklist, type NewChecklistItem } from "./checklist.ts";
import type { ChecklistVerdict } from "./evaluate.ts";
import { occurrenceMarker, runbookCommentMarker, type OccurrenceMeta } from "./marker.ts";
import { describeSchedule } from "./schedule.ts";
import type { Runbook } from "./settings.ts";

const mention = (login: string): string => `@${login}`;

/** The issue's title: plain text (GitHub renders no Markdown and notifies no mention there), one line. */
export function occurrenceTitle(runbook: Runbook, occurrence: string): string {
  return `${terminalLine(runbook.title).trim()} — ${terminalLine(occurrence)}`.slice(0, 250);
}

export interface OccurrenceBody {
  meta: OccurrenceMeta;
  runbook: Runbook;
  end: number | null;
  previous: { number: number; url: string } | null;
  items: NewChecklistItem[];
  /** Markdown written by shipgate before the checklist (the access review's differences). */
  preface: string | null;
  /** Hidden record kept for the next occurrence (the access review's snapshot). */
  record: string | null;
  now: number;
}

export function occurrenceBody(body: OccurrenceBody): string {
  const { meta, runbook, now } = body;
  const at = (iso: string | number): string => formatInstant(typeof iso === "number" ? iso : Date.parse(iso), runbook.zone, now);
  const lines = [occurrenceMarker(meta), `## ${literalMarkdown(runbook.title)} — ${literalMarkdown(meta.occurrence)}`, ""];
  const facts: string[] = [];
  if (body.end !== null && body.end > Date.parse(meta.start)) facts.push(`**Window:** ${at(meta.start)} – ${at(body.end)} (${runbook.zone})`);
  else facts.push(`**Opened:** ${at(meta.start)} (${runbook.zone})`);
  if (meta.due !== null) facts.push(`**Due:** ${at(meta.due)}`);
  if (runbook.schedule) facts.push(`**Schedule:** ${describeSchedule(runbook.schedule)}`);
  lines.push(facts.join(" · "));
  const owners = [...runbook.assignees, ...runbook.teams];
  if (owners.length > 0) lines.push("", `**Owners:** ${owners.map(mention).join(", ")}`);
  if (body.previous) lines.push("", `**Previous occurrence:** #${body.previous.number}`);
  if (body.preface) lines.push("", body.preface.trim());
  lines.push(
    "",
    "### Checklist",
    "",
    "Tick each item when it is done, or write `N/A: <reason>` on its line. Items with ↳ were checked by shipgate; a box ticked by a bot does not count. When every item is settled, shipgate closes this issue and records who ticked what.",
    "",
    renderChecklist(body.items),
  );
  if (body.record) lines.push("", body.record);
  return capText(lines.join("\n"), GITHUB_LIMITS.issueBody);
}

function statusLine(status: ChecklistVerdict["items"][number]): string {
  // The text as people left it in the body: untrusted.
  const text = itemText(status.text).replace(/\|/g, "\\|");
  const who = status.by === null ? "—" : status.by === "shipgate" ? "shipgate (automated check)" : `${literalMarkdown(status.by)}`;
  const when = status.at ?? "";
  const state = { done: "✅ done", "not-applicable": "➖ N/A", open: "⬜ open" }[status.state];
  const note = status.note === null ? "" : neutraliseMarkdown(status.note).replace(/\n/g, " ").replace(/\|/g, "\\|");
  return `| ${text} | ${state} | ${who} | ${when} | ${note} |`;
}

function statusTable(verdict: ChecklistVerdict): string[] {
  return ["| Item | State | By | At | Note |", "| --- | --- | --- | --- | --- |", ...verdict.items.map(statusLine)];
}

/** The comment that closes a complete occurrence: who ticked what. */
export function completedComment(verdict: ChecklistVerdict, runUrl: string | null): string {
  const lines = [runbookCommentMarker.completed(), "### ✅ Checklist complete", "", "Every item is done or not applicable. Who settled each one, from the issue's edit history:", "", ...statusTable(verdict)];
  if (runUrl) lines.push("", `Closed by [this run](${runUrl}).`);
  return capText(lines.join("\n"), GITHUB_LIMITS.commentBody);
}

/** The comment, written once, when an occurrence is overdue. */
export function overdueComment(runbook: Runbook, verdict: ChecklistVerdict, due: number, now: number): string {
  const people = [...new Set([...runbook.assignees, ...runbook.teams, ...runbook.onMissed.mention])];
  const lines = [
    runbookCommentMarker.overdue(),
    `### ⏰ Overdue by ${formatDuration(now - due)}`,
    "",
    `This occurrence was due ${formatInstant(due, runbook.zone, now)} and ${verdict.open.length} of ${verdict.items.length} items are still open:`,
    "",
    ...verdict.open.map((status) => `- ${itemText(status.text)}${status.note ? ` (${neutraliseMarkdown(status.note).replace(/\n/g, " ")})` : ""}`),
  ];
  if (people.length > 0) lines.push("", `cc ${people.map(mention).join(" ")}`);
  return capText(lines.join("\n"), GITHUB_LIMITS.commentBody);
}

export function duplicateComment(winner: number): string {
  return `${runbookCommentMarker.duplicateOf(winner)}\nA duplicate of #${winner}, opened at the same moment: the checklist is tracked there.`;
}
