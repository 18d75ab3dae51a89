/**
 * The convergent part of the protocol: every run lists the open incidents of a key the same way and agrees that
 * the lowest issue number is THE incident; any other open issue with that key is closed as its duplicate, and the
 * failure it recorded is carried over. Each step is find-then-write, so any run may do it, any number of times.
 */
import { duplicateComment, mergedFailureComment } from "./render.ts";
import { commentMarker, isFailureComment, parseIncidentMarker, type IncidentMeta } from "./marker.ts";
import type { IncidentSettings } from "./model.ts";
import type { IncidentTracker, TrackedIssue } from "./ports.ts";

export interface Incident {
  issue: TrackedIssue;
  meta: IncidentMeta;
}

/** Incidents in a state; `since` keeps those updated since then (a closing is an update). */
export async function listIncidents(tracker: IncidentTracker, settings: IncidentSettings, state: "open" | "closed", since?: Date): Promise<Incident[]> {
  const issues = await tracker.listIssues(settings.labels.incident, state, since);
  const incidents: Incident[] = [];
  for (const issue of issues) {
    const meta = parseIncidentMarker(issue.body);
    if (meta) incidents.push({ issue, meta });
  }
  return incidents.sort((a, b) => a.issue.number - b.issue.number);
}

export async function openIncidentsOf(tracker: IncidentTracker, settings: IncidentSettings, key: string): Promise<Incident[]> {
  return (await listIncidents(tracker, settings, "open")).filter((incident) => incident.meta.key === key);
}

/**
 * Closes every incident but the first as a duplicate of it. The duplicate's own failure goes to the winner as a
 * failure comment of the run that opened the duplicate (the marker makes it once, whoever writes it).
 */
export async function closeDuplicates(tracker: IncidentTracker, winner: Incident, others: Incident[]): Promise<void> {
  for (const duplicate of others) {
    await upsertComment(tracker, winner.issue.number, commentMarker.failure(duplicate.meta.run), mergedFailureComment(duplicate.meta.run, duplicate.issue.number), { update: false });
    await upsertComment(tracker, duplicate.issue.number, commentMarker.duplicateOf(winner.issue.number), duplicateComment(winner.issue.number));
    await tracker.updateIssue(duplicate.issue.number, { state: "closed", stateReason: "duplicate" });
  }
}

/** Failures recorded on an incident: the one that opened it and one comment per later failing run. */
export async function countFailures(tracker: IncidentTracker, issue: number): Promise<number> {
  const comments = await tracker.listComments(issue);
  return 1 + comments.filter((c) => isFailureComment(c.body)).length;
}

/**
 * Writes the comment that carries `marker` exactly once: updates it when it exists, creates it otherwise. When two
 * runs created it at the same moment, the oldest (lowest id) stays and the others are deleted, by either run.
 */
export async function upsertComment(tracker: Pick<IncidentTracker, "listComments" | "createComment" | "updateComment" | "deleteComment">, issue: number, marker: string, body: string, options: { update: boolean } = { update: true }): Promise<"created" | "updated" | "kept"> {
  const existing = (await tracker.listComments(issue)).filter((c) => c.body.includes(marker));
  if (existing.length > 0) {
    const oldest = existing.reduce((a, b) => (b.id < a.id ? b : a));
    if (options.update && oldest.body !== body) {
      await tracker.updateComment(oldest.id, body);
      return "updated";
    }
    return "kept";
  }
  await tracker.createComment(issue, body);
  const written = (await tracker.listComments(issue)).filter((c) => c.body.includes(marker)).sort((a, b) => a.id - b.id);
  for (const extra of written.slice(1)) await tracker.deleteComment(extra.id);
  return "created";
}
