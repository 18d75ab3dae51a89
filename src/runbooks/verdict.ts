/**
 * A checklist's verdict from its issue's body and edit history: the runbooks' and the release checklist's one
 * reading (its own module so that go/no-go reads a release checklist without loading the runbooks' scheduling).
 */
import { parseChecklist } from "./checklist.ts";
import { evaluateChecklist, type ChecklistVerdict } from "./evaluate.ts";
import type { RunbookTracker, TrackedIssue } from "./ports.ts";
import { attributeTicks } from "./ticks.ts";

export async function verdictOf(tracker: RunbookTracker, issue: TrackedIssue, automated: ReadonlySet<string>, automatedCount: boolean): Promise<ChecklistVerdict> {
  const items = parseChecklist(issue.body);
  const edits = await tracker.bodyEdits(issue.number);
  // A body never edited is the one shipgate opened the issue with.
  const ticks = attributeTicks(items, edits, { body: issue.body, author: { login: "shipgate", bot: true }, at: issue.createdAt });
  return evaluateChecklist(items, ticks, { automated, automatedCount });
}
