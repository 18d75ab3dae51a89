/**
 * A successful run: close the open incident of its key with the time to resolve, then, for P1/P2, make sure the
 * follow-up issue exists. Each write is find-then-write, so a re-run after any failure finishes the job: when the
 * incident is already closed, the most recent closed incident of the key still gets its follow-up.
 */
import { closeDuplicates, countFailures, listIncidents, openIncidentsOf, upsertComment } from "./converge.ts";
import { ensureFollowUp, needsFollowUp } from "./follow-up.ts";
import { incidentKey } from "./key.ts";
import { commentMarker } from "./marker.ts";
import type { IncidentSettings, RunInfo } from "./model.ts";
import type { IncidentOutcome, ProtocolHooks } from "./outcome.ts";
import { resolvedComment } from "./render.ts";
import type { IncidentTracker } from "./ports.ts";

/** How far back a re-run looks for a closed incident whose follow-up is missing. */
const FOLLOW_UP_LOOKBACK_MS = 30 * 86_400_000;

export async function reportSuccess(tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo, now: Date, hooks: ProtocolHooks = {}): Promise<IncidentOutcome> {
  const key = incidentKey(settings.keyTemplate, run);
  const open = await openIncidentsOf(tracker, settings, key);
  const [winner, ...others] = open;
  if (winner) {
    await closeDuplicates(tracker, winner, others);
    const failures = await countFailures(tracker, winner.issue.number);
    await upsertComment(tracker, winner.issue.number, commentMarker.resolved(run.runId), resolvedComment(run, winner.meta, now, failures, settings.timezone));
    const closed = await tracker.updateIssue(winner.issue.number, { state: "closed", stateReason: "completed" });
    const incident = { ...winner, issue: closed };
    const followUp = needsFollowUp(settings, incident) ? await ensureFollowUp(tracker, settings, incident, hooks) : null;
    return {
      action: "closed",
      key,
      issue: { number: winner.issue.number, url: winner.issue.url },
      severity: winner.meta.severity,
      followUp,
      message: `Closed incident #${winner.issue.number}${followUp ? ` and opened follow-up #${followUp.number}` : ""}.`,
      warnings: [],
    };
  }
  const recent = (await listIncidents(tracker, settings, "closed", new Date(now.getTime() - FOLLOW_UP_LOOKBACK_MS)))
    .filter((incident) => incident.meta.key === key && incident.issue.stateReason !== "duplicate")
    .sort((a, b) => Date.parse(b.issue.closedAt ?? "") - Date.parse(a.issue.closedAt ?? "") || b.issue.number - a.issue.number)[0];
  const followUp = recent && needsFollowUp(settings, recent) ? await ensureFollowUp(tracker, settings, recent, hooks) : null;
  return {
    action: "none",
    key,
    issue: null,
    severity: null,
    followUp,
    message: `No open incident for "${key}"; nothing to close.`,
    warnings: [],
  };
}
