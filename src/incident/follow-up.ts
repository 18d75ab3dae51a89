/**
 * The follow-up issue of a closed P1/P2 incident: the permanent fix and the post-mortem. Found by its marker
 * (the incident's number) before it is created, and linked both ways: its body names the incident, and a comment
 * on the incident names it.
 */
import { ExternalError } from "../core/errors.ts";
import { parseIncidentMarker, commentMarker, followUpMarker } from "./marker.ts";
import type { IncidentSettings } from "./model.ts";
import { upsertComment, type Incident } from "./converge.ts";
import { MAX_CREATE_ATTEMPTS, type IssueRef, type ProtocolHooks } from "./outcome.ts";
import { duplicateComment, followUpBody, followUpLinkComment, followUpTitle } from "./render.ts";
import type { IncidentTracker, TrackedIssue } from "./ports.ts";

async function followUpsOf(tracker: IncidentTracker, settings: IncidentSettings, incident: number): Promise<TrackedIssue[]> {
  const marker = followUpMarker(incident);
  const all = [...(await tracker.listIssues(settings.labels.followUp, "open")), ...(await tracker.listIssues(settings.labels.followUp, "closed"))];
  return all.filter((issue) => issue.body.includes(marker) && issue.stateReason !== "duplicate" && !parseIncidentMarker(issue.body)).sort((a, b) => a.number - b.number);
}

export function needsFollowUp(settings: IncidentSettings, incident: Incident): boolean {
  return settings.postMortem.includes(incident.meta.severity) && incident.issue.state === "closed" && incident.issue.stateReason !== "duplicate" && incident.issue.stateReason !== "not_planned";
}

/** The follow-up named by the incident's link comment: written last, so the follow-up exists when it does. */
async function linkedFollowUp(tracker: IncidentTracker, incident: Incident): Promise<IssueRef | undefined> {
  const link = (await tracker.listComments(incident.issue.number)).find((c) => c.body.includes(commentMarker.followUpLink()));
  const number = link ? Number(/#(\d+)\s*$/.exec(link.body)?.[1]) : NaN;
  if (!Number.isInteger(number)) return undefined;
  return { number, url: incident.issue.url.replace(/\/issues\/\d+$/, `/issues/${number}`) };
}

/** Whoever handled the incident owns its permanent fix; the on-call rotation when nobody was assigned. */
function followUpAssignees(settings: IncidentSettings, incident: Incident): string[] {
  return incident.issue.assignees.length > 0 ? incident.issue.assignees : settings.onCall;
}

export async function ensureFollowUp(tracker: IncidentTracker, settings: IncidentSettings, incident: Incident, hooks: ProtocolHooks = {}): Promise<IssueRef> {
  const linked = await linkedFollowUp(tracker, incident);
  if (linked) return linked;
  const number = incident.issue.number;
  let found: TrackedIssue[] = [];
  for (let attempt = 1; attempt <= MAX_CREATE_ATTEMPTS && found.length === 0; attempt++) {
    found = await followUpsOf(tracker, settings, number);
    if (found.length > 0) break;
    await hooks.beforeCreate?.();
    const created = await tracker.createIssue({ title: followUpTitle(number, incident.meta.severity), body: followUpBody(number, incident.meta.severity), labels: [settings.labels.followUp], assignees: followUpAssignees(settings, incident) });
    if ("inDoubt" in created) {
      if (attempt < MAX_CREATE_ATTEMPTS) continue;
      throw new ExternalError(created.inDoubt);
    }
    found = await followUpsOf(tracker, settings, number);
  }
  const [winner, ...extras] = found;
  if (!winner) throw new ExternalError(`the follow-up issue of #${number} was created but is not listed`);
  for (const extra of extras.filter((issue) => issue.state === "open")) {
    await upsertComment(tracker, extra.number, commentMarker.duplicateOf(winner.number), duplicateComment(winner.number));
    await tracker.updateIssue(extra.number, { state: "closed", stateReason: "duplicate" });
  }
  await upsertComment(tracker, number, commentMarker.followUpLink(), followUpLinkComment(winner.number));
  return { number: winner.number, url: winner.url };
}
