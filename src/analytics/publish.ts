/**
 * One weekly report issue per week, found by the marker of its week among the issues with the report label (the
 * issues list API, which reflects writes at once): updated when it exists, opened otherwise. A create whose answer
 * was lost is looked for again before anything else; two runs that both opened one converge on the lower number,
 * closing the other as its duplicate. Re-running never opens a second issue.
 */
import { ExternalError } from "../core/errors.ts";
import type { IncidentTracker, TrackedIssue } from "../incident/ports.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import { reportMarker } from "./report.ts";

export interface PublishedReport {
  number: number;
  url: string;
  action: "opened" | "updated" | "unchanged";
}

async function reportsOf(tracker: IncidentTracker, label: string, week: string): Promise<TrackedIssue[]> {
  const marker = reportMarker(week);
  const [open, closed] = await Promise.all([tracker.listIssues(label, "open"), tracker.listIssues(label, "closed")]);
  return [...open, ...closed].filter((issue) => issue.body.includes(marker)).sort((a, b) => a.number - b.number);
}

export async function publishWeeklyReport(tracker: IncidentTracker, label: string, written: { week: string; title: string; body: string }): Promise<PublishedReport> {
  // Cut here, not only by the tracker, so that a re-run compares what GitHub holds and leaves it alone.
  const report = { ...written, body: capText(written.body, GITHUB_LIMITS.issueBody, "the job summary of the run") };
  let found = await reportsOf(tracker, label, report.week);
  let action: PublishedReport["action"] = "updated";
  if (found.length === 0) {
    const created = await tracker.createIssue({ title: report.title, body: report.body, labels: [label], assignees: [] });
    found = await reportsOf(tracker, label, report.week);
    if ("inDoubt" in created && found.length === 0) throw new ExternalError(`opening the weekly report issue: ${created.inDoubt}; run again (the issue is looked for first)`);
    action = "opened";
  }
  const [winner, ...duplicates] = found as [TrackedIssue, ...TrackedIssue[]];
  for (const duplicate of duplicates) if (duplicate.state === "open") await tracker.updateIssue(duplicate.number, { state: "closed", stateReason: "duplicate" });
  if (winner.body === report.body) return { number: winner.number, url: winner.url, action: action === "opened" ? "opened" : "unchanged" };
  await tracker.updateIssue(winner.number, { body: report.body });
  return { number: winner.number, url: winner.url, action };
}
