/**
 * A failed run: open the incident of its key, or record the failure on the open one, or reopen the one closed
 * moments ago (flap damping). Safe under concurrency and re-runs:
 *   1. list the open incidents of the key (consistent list API); if any, the lowest number is the incident;
 *   2. else reopen the incident of the key closed within the flap window, if any;
 *   3. else create, then list again: when two runs created at the same moment both see both issues, and both
 *      keep the lowest number and close the other as its duplicate; a create that failed is retried from step 1,
 *      so an issue the failed attempt did create is found instead of created twice.
 */
import { ExternalError } from "../core/errors.ts";
import { closeDuplicates, listIncidents, openIncidentsOf, upsertComment, type Incident } from "./converge.ts";
import { incidentKey } from "./key.ts";
import { commentMarker, isFailureComment, replaceIncidentMarker, type IncidentMeta } from "./marker.ts";
import type { IncidentSettings, RunInfo } from "./model.ts";
import { MAX_CREATE_ATTEMPTS, type IncidentOutcome, type ProtocolHooks } from "./outcome.ts";
import { environmentLabel, failureComment, incidentBody, incidentTitle, severityLabel } from "./render.ts";
import { classify, deadlines, type Classification } from "./severity.ts";
import type { IncidentTracker, JobReport } from "./ports.ts";

interface FailureContext {
  tracker: IncidentTracker;
  settings: IncidentSettings;
  run: RunInfo;
  now: Date;
  key: string;
  classification: Classification;
  jobs: JobReport[];
  warnings: string[];
}

function ref(incident: Incident): { number: number; url: string } {
  return { number: incident.issue.number, url: incident.issue.url };
}

async function readJobs(tracker: IncidentTracker, run: RunInfo, warnings: string[]): Promise<JobReport[]> {
  try {
    return await tracker.failedJobs(run.runId, run.runAttempt);
  } catch (error) {
    if (!(error instanceof ExternalError)) throw error;
    warnings.push(`The failed jobs are not listed: ${error.message} (the token needs \`actions: read\`).`);
    return [];
  }
}

/** The incident is open: merge duplicates, then record this run's failure once (none when this run opened it). */
async function recordOnOpen(context: FailureContext, open: Incident[], created: boolean): Promise<IncidentOutcome> {
  const { tracker, run, key } = context;
  const [winner, ...others] = open as [Incident, ...Incident[]];
  await closeDuplicates(tracker, winner, others);
  const base = { key, issue: ref(winner), severity: winner.meta.severity, followUp: null, warnings: context.warnings };
  const marker = commentMarker.failure(run.runId);
  if (winner.meta.run === run.runId) {
    // This run opened or reopened it (an earlier attempt of this step, or a moment ago).
    const reopened = !created && (await tracker.listComments(winner.issue.number)).some((c) => c.body.includes(marker));
    return { ...base, action: reopened ? "reopened" : "opened", message: `${reopened ? "Reopened" : "Opened"} incident #${winner.issue.number}.` };
  }
  const comments = await tracker.listComments(winner.issue.number);
  const failures = 2 + comments.filter((c) => isFailureComment(c.body) && !c.body.includes(marker)).length;
  await upsertComment(tracker, winner.issue.number, marker, failureComment(run, context.jobs, failures, undefined));
  return { ...base, action: "commented", message: `Incident #${winner.issue.number} is open: recorded failure ${failures} on it.` };
}

/** The incident of this key closed within the flap window (not a duplicate), the most recently closed one. */
async function flapping(context: FailureContext): Promise<Incident | undefined> {
  const { settings, now, key } = context;
  const since = now.getTime() - settings.flapWindowSeconds * 1000;
  const closed = (await listIncidents(context.tracker, settings, "closed", new Date(since))).filter(
    (incident) => incident.meta.key === key && incident.issue.stateReason !== "duplicate" && incident.issue.closedAt !== null && Date.parse(incident.issue.closedAt) >= since,
  );
  return closed.sort((a, b) => Date.parse(b.issue.closedAt!) - Date.parse(a.issue.closedAt!) || a.issue.number - b.issue.number)[0];
}

async function reopen(context: FailureContext, incident: Incident): Promise<IncidentOutcome> {
  const { tracker, settings, run, now } = context;
  const meta: IncidentMeta = { ...incident.meta, ...deadlines(settings, incident.meta.severity, now), openedAt: now.toISOString(), run: run.runId };
  const text = failureComment(run, context.jobs, 0, { closedAt: incident.issue.closedAt!, openedAt: meta.openedAt });
  await upsertComment(tracker, incident.issue.number, commentMarker.failure(run.runId), text);
  await tracker.updateIssue(incident.issue.number, { state: "open", stateReason: "reopened", body: replaceIncidentMarker(incident.issue.body, meta) });
  return {
    action: "reopened",
    key: context.key,
    issue: ref(incident),
    severity: meta.severity,
    followUp: null,
    message: `Reopened incident #${incident.issue.number}: it failed again within the flap window after it was closed.`,
    warnings: context.warnings,
  };
}

export async function reportFailure(tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo, now: Date, hooks: ProtocolHooks = {}): Promise<IncidentOutcome> {
  const warnings: string[] = [];
  const key = incidentKey(settings.keyTemplate, run);
  const classification = classify(settings, run);
  const context: FailureContext = { tracker, settings, run, now, key, classification, jobs: run.subject ? [] : await readJobs(tracker, run, warnings), warnings };
  for (let attempt = 1; ; attempt++) {
    const open = await openIncidentsOf(tracker, settings, key);
    if (open.length > 0) return recordOnOpen(context, open, false);
    const closed = await flapping(context);
    if (closed) return reopen(context, closed);
    const meta: IncidentMeta = { key, severity: classification.severity, detectedAt: now.toISOString(), openedAt: now.toISOString(), ...deadlines(settings, classification.severity, now), run: run.runId };
    const environment = environmentLabel(run.environment);
    await hooks.beforeCreate?.();
    const created = await tracker.createIssue({
      title: incidentTitle(run, classification.severity),
      body: incidentBody(meta, run, classification, context.jobs, settings.postMortem.includes(classification.severity), settings.timezone),
      labels: [settings.labels.incident, severityLabel(classification.severity), ...(environment ? [environment] : [])],
      assignees: classification.assignees,
    });
    if ("inDoubt" in created) {
      if (attempt < MAX_CREATE_ATTEMPTS) continue;
      throw new ExternalError(created.inDoubt);
    }
    const after = await openIncidentsOf(tracker, settings, key);
    if (after.length === 0) throw new ExternalError(`the incident issue for "${key}" was created but the list of issues labelled "${settings.labels.incident}" does not show it (were its labels dropped? the token needs issues: write)`);
    return recordOnOpen(context, after, true);
  }
}
