/**
 * The scheduled SLA watch: an open incident whose response SLA passed without a response from a person, or whose
 * resolution SLA passed, gets the `sla-breached` label and one comment mentioning the escalation contacts (one per
 * kind of breach and opening: the marker makes a second watch find it). Closed P1/P2 incidents get their
 * follow-up issue if a person closed them by hand.
 */
import { listIncidents, upsertComment, type Incident } from "./converge.ts";
import { ensureFollowUp, needsFollowUp } from "./follow-up.ts";
import { MARKER_START, commentMarker } from "./marker.ts";
import type { IncidentSettings } from "./model.ts";
import type { IssueRef } from "./outcome.ts";
import { slaBreachComment } from "./render.ts";
import type { IncidentTracker } from "./ports.ts";

const FOLLOW_UP_LOOKBACK_MS = 30 * 86_400_000;

export type BreachKind = "response" | "resolution";

export interface Breach {
  issue: IssueRef;
  severity: string;
  kinds: BreachKind[];
  /** Whether this run added the label or a comment (false: an earlier watch did). */
  changed: boolean;
}

export interface SlaWatchReport {
  checked: number;
  breaches: Breach[];
  followUps: IssueRef[];
}

async function breachesOf(tracker: IncidentTracker, incident: Incident, now: Date): Promise<BreachKind[]> {
  const kinds: BreachKind[] = [];
  const { meta } = incident;
  const responseDue = Date.parse(meta.responseDue);
  // Comments are read only once the response is due: before that no breach is possible.
  if (now.getTime() > responseDue) {
    const comments = await tracker.listComments(incident.issue.number);
    const responses = comments
      .filter((c) => !c.byBot && !c.body.includes(MARKER_START) && Date.parse(c.createdAt) >= Date.parse(meta.openedAt))
      .map((c) => Date.parse(c.createdAt));
    const firstResponse = responses.length > 0 ? Math.min(...responses) : undefined;
    if (firstResponse === undefined || firstResponse > responseDue) kinds.push("response");
  }
  if (meta.resolutionDue !== null && now.getTime() > Date.parse(meta.resolutionDue)) kinds.push("resolution");
  return kinds;
}

export async function watchSla(tracker: IncidentTracker, settings: IncidentSettings, now: Date): Promise<SlaWatchReport> {
  const open = await listIncidents(tracker, settings, "open");
  const breaches: Breach[] = [];
  for (const incident of open) {
    const kinds = await breachesOf(tracker, incident, now);
    if (kinds.length === 0) continue;
    let changed = false;
    const wanted = settings.labels.slaBreached.toLowerCase();
    if (!incident.issue.labels.some((label) => label.toLowerCase() === wanted)) {
      await tracker.addLabels(incident.issue.number, [settings.labels.slaBreached]);
      changed = true;
    }
    for (const kind of kinds) {
      const due = kind === "response" ? incident.meta.responseDue : incident.meta.resolutionDue!;
      const marker = commentMarker.slaBreach(kind, incident.meta.openedAt);
      const written = await upsertComment(tracker, incident.issue.number, marker, slaBreachComment(kind, incident.meta, due, settings.escalation, settings.timezone), { update: false });
      changed ||= written === "created";
    }
    breaches.push({ issue: { number: incident.issue.number, url: incident.issue.url }, severity: incident.meta.severity, kinds, changed });
  }
  const followUps: IssueRef[] = [];
  const closed = await listIncidents(tracker, settings, "closed", new Date(now.getTime() - FOLLOW_UP_LOOKBACK_MS));
  for (const incident of closed.filter((candidate) => needsFollowUp(settings, candidate))) {
    followUps.push(await ensureFollowUp(tracker, settings, incident));
  }
  return { checked: open.length, breaches, followUps };
}
