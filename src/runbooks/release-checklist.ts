/**
 * The pre-release checklist go/no-go requires complete: the occurrence of runbooks.release-checklist for the
 * release's version (or, without a version, the latest one opened). No exception for bots here: every item needs a
 * person's tick or a person's `N/A: reason`.
 */
import type { ChecklistVerdict } from "./evaluate.ts";
import { parseOccurrenceMarker } from "./marker.ts";
import type { RunbookTracker } from "./ports.ts";
import { verdictOf } from "./verdict.ts";

export interface ReleaseChecklistState {
  runbook: string;
  /** The version asked for; null for the latest checklist. */
  version: string | null;
  issue: { number: number; url: string; occurrence: string } | null;
  verdict: ChecklistVerdict | null;
}

export async function readReleaseChecklist(tracker: RunbookTracker, label: string, runbook: string, version: string | null): Promise<ReleaseChecklistState> {
  const issues = [...(await tracker.listIssues(label, "open")), ...(await tracker.listIssues(label, "closed"))];
  const candidates = issues
    .map((issue) => ({ issue, meta: parseOccurrenceMarker(issue.body) }))
    .filter((found) => found.meta?.runbook === runbook && (version === null || found.meta.occurrence === version) && found.issue.stateReason !== "duplicate")
    .sort((a, b) => Date.parse(b.meta!.start) - Date.parse(a.meta!.start) || a.issue.number - b.issue.number);
  const chosen = candidates[0];
  if (!chosen) return { runbook, version, issue: null, verdict: null };
  const verdict = await verdictOf(tracker, chosen.issue, new Set(), false);
  return { runbook, version, issue: { number: chosen.issue.number, url: chosen.issue.url, occurrence: chosen.meta!.occurrence }, verdict };
}
