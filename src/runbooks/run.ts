/**
 * The use case behind `runbook` and `shipgate runbook`: for each runbook, the issue of its current occurrence is
 * opened once (found again by its marker, like an incident: the lowest number wins, duplicates are closed), its
 * automated items are checked and ticked with evidence, and every open occurrence is read again: closed when its
 * checklist is complete (recording who ticked what), escalated once when overdue. Every write is find-then-write,
 * so a run that failed half-way converges when it runs again.
 */
import type { Invocation } from "../core/capability.ts";
import { ExternalError } from "../core/errors.ts";
import { upsertComment } from "../incident/converge.ts";
import { MAX_CREATE_ATTEMPTS } from "../incident/outcome.ts";
import type { PolicyScope } from "../policy/scope.ts";
import { formatDuration } from "../window/describe.ts";
import { parseChecklist, updateChecklist, type ItemUpdate, type NewChecklistItem } from "./checklist.ts";
import { decideOccurrence, judgeRestore, type ChecklistVerdict } from "./evaluate.ts";
import { parseOccurrenceMarker, runbookCommentMarker, type OccurrenceMeta } from "./marker.ts";
import type { CheckRunner, ChecklistGenerator, RunbookTracker, TrackedIssue } from "./ports.ts";
import { completedComment, duplicateComment, occurrenceBody, occurrenceTitle, overdueComment } from "./render.ts";
import { currentOccurrence } from "./schedule.ts";
import type { Runbook, RunbookItem, RunbookSettings } from "./settings.ts";
import { verdictOf } from "./verdict.ts";

export type RunbookMode = "sync" | "release";

export interface OccurrenceOutcome {
  runbook: string;
  occurrence: string;
  issue: { number: number; url: string } | null;
  action: "opened" | "checked" | "closed" | "escalated" | "none";
  verdict: ChecklistVerdict | null;
  message: string;
}

export interface RunbookResult {
  mode: RunbookMode;
  occurrences: OccurrenceOutcome[];
  warnings: string[];
}

interface Occurrence {
  issue: TrackedIssue;
  meta: OccurrenceMeta;
}

export interface RunbookContext {
  tracker: RunbookTracker;
  /** Null where automated items are left to the next `shipgate runbook` run (opening a release checklist from a release-branch start). */
  checks: CheckRunner | null;
  generator: ChecklistGenerator | null;
  settings: RunbookSettings;
  now: Date;
  runUrl: string | null;
  /** False for a release checklist: automated items get their evidence, and people tick them. */
  tickAutomated?: boolean;
}

/** Occurrence issues of a runbook in a state, lowest number first; closed ones updated since `since`. */
async function occurrencesOf(context: RunbookContext, runbook: string, state: "open" | "closed", since?: Date): Promise<Occurrence[]> {
  const issues = await context.tracker.listIssues(context.settings.label, state, since);
  const found: Occurrence[] = [];
  for (const issue of issues) {
    const meta = parseOccurrenceMarker(issue.body);
    if (meta?.runbook === runbook) found.push({ issue, meta });
  }
  return found.sort((a, b) => a.issue.number - b.issue.number);
}

/** The open ones of one occurrence: the lowest is it; the others are closed as its duplicates. */
async function settleDuplicates(context: RunbookContext, same: Occurrence[]): Promise<Occurrence | undefined> {
  const [winner, ...others] = same;
  if (!winner) return undefined;
  for (const duplicate of others) {
    if (duplicate.issue.state !== "open") continue;
    await upsertComment(context.tracker, duplicate.issue.number, runbookCommentMarker.duplicateOf(winner.issue.number), duplicateComment(winner.issue.number));
    await context.tracker.updateIssue(duplicate.issue.number, { state: "closed", stateReason: "duplicate" });
  }
  return winner;
}

function policyItems(runbook: Runbook): NewChecklistItem[] {
  return runbook.items.map((item) => ({ id: item.id, text: item.text, evidence: null }));
}

/** Finds the occurrence's issue, or opens it; an issue closed for this occurrence is found too and never reopened. */
async function ensureOccurrence(context: RunbookContext, runbook: Runbook, meta: OccurrenceMeta, end: number | null, earlierSince: Date): Promise<{ occurrence: Occurrence; opened: boolean }> {
  const since = new Date(Math.min(Date.parse(meta.start), earlierSince.getTime()));
  for (let attempt = 1; ; attempt++) {
    const all = [...(await occurrencesOf(context, runbook.name, "open")), ...(await occurrencesOf(context, runbook.name, "closed", since))];
    const same = all.filter((o) => o.meta.occurrence === meta.occurrence && o.issue.stateReason !== "duplicate").sort((a, b) => a.issue.number - b.issue.number);
    const winner = await settleDuplicates(context, same);
    if (winner) return { occurrence: winner, opened: false };
    const previous = all
      .filter((o) => o.meta.occurrence !== meta.occurrence && Date.parse(o.meta.start) < Date.parse(meta.start) && o.issue.stateReason !== "duplicate")
      .sort((a, b) => Date.parse(b.meta.start) - Date.parse(a.meta.start) || a.issue.number - b.issue.number)[0];
    const generated = runbook.generate !== null && context.generator ? await context.generator.generate(runbook, previous?.issue.body ?? null, context.now) : null;
    const body = occurrenceBody({
      meta,
      runbook,
      end,
      previous: previous ? { number: previous.issue.number, url: previous.issue.url } : null,
      items: [...(generated?.items ?? []), ...policyItems(runbook)],
      preface: generated?.preface ?? null,
      record: generated?.record ?? null,
      now: context.now.getTime(),
    });
    const created = await context.tracker.createIssue({ title: occurrenceTitle(runbook, meta.occurrence), body, labels: [context.settings.label], assignees: runbook.assignees });
    if ("inDoubt" in created) {
      if (attempt < MAX_CREATE_ATTEMPTS) continue;
      throw new ExternalError(created.inDoubt);
    }
    const after = (await occurrencesOf(context, runbook.name, "open")).filter((o) => o.meta.occurrence === meta.occurrence);
    const found = await settleDuplicates(context, after);
    if (!found) throw new ExternalError(`the issue of runbook "${runbook.name}" ${meta.occurrence} was created but the list of issues labelled "${context.settings.label}" does not show it (were its labels dropped? the token needs issues: write)`);
    return { occurrence: found, opened: found.issue.number === created.number };
  }
}

async function checkItem(context: RunbookContext & { checks: CheckRunner }, item: RunbookItem): Promise<ItemUpdate | undefined> {
  const check = item.check;
  if (!check) return undefined;
  const link = context.runUrl ? `[run](${context.runUrl}) ` : "";
  if (check.kind === "gate") {
    const outcome = await context.checks.gate(check.gate);
    return { checked: outcome.passed, evidence: `${link}${outcome.passed ? "passed" : "failed"}: ${outcome.evidence}` };
  }
  const outcome = await context.checks.command(check.argv, check.timeoutMs);
  if (check.kind === "command") return { checked: outcome.passed, evidence: `${link}${outcome.passed ? "passed" : "failed"}: ${outcome.evidence}` };
  const elapsed = outcome.elapsedMs ?? Number.POSITIVE_INFINITY;
  const verdict = judgeRestore(elapsed, outcome.passed, check.rtoMs);
  const rpo = check.rpoMs === null ? "" : ` (RPO ${formatDuration(check.rpoMs)})`;
  const measured = `restore took ${formatDuration(elapsed)} against an RTO of ${formatDuration(check.rtoMs)}${rpo}: ${verdict.withinRto ? "within" : "OVER"} the RTO`;
  return { checked: verdict.passed, evidence: `${link}${verdict.passed ? "passed" : "failed"}: ${measured}; ${outcome.evidence}` };
}

/** Runs the automated items still open and writes their boxes and evidence; the body as it now is. */
async function runChecks(context: RunbookContext, runbook: Runbook, issue: TrackedIssue): Promise<TrackedIssue> {
  if (!context.checks) return issue;
  const items = new Map(parseChecklist(issue.body).map((item) => [item.id, item]));
  const updates = new Map<string, ItemUpdate>();
  for (const item of runbook.items) {
    const present = items.get(item.id);
    if (!present || present.checked || present.notApplicable !== null) continue;
    const update = await checkItem({ ...context, checks: context.checks }, item);
    if (update) updates.set(item.id, update);
  }
  // A release checklist counts people only: the check's evidence is for the person who then ticks the box.
  if (context.tickAutomated === false) for (const [id, update] of updates) updates.set(id, { checked: false, evidence: `${update.evidence} (a person confirms by ticking)` });
  const body = updateChecklist(issue.body, updates);
  if (body === issue.body) return issue;
  return context.tracker.updateIssue(issue.number, { body });
}

async function converge(context: RunbookContext, runbook: Runbook, occurrence: Occurrence, isCurrent: boolean, opened: boolean): Promise<OccurrenceOutcome> {
  const { tracker, now } = context;
  const base = { runbook: runbook.name, occurrence: occurrence.meta.occurrence, issue: { number: occurrence.issue.number, url: occurrence.issue.url } };
  if (occurrence.issue.state === "closed") return { ...base, action: "none", verdict: null, message: `${runbook.name} ${occurrence.meta.occurrence}: #${occurrence.issue.number} is closed.` };
  const issue = isCurrent ? await runChecks(context, runbook, occurrence.issue) : occurrence.issue;
  const checked = issue !== occurrence.issue;
  const automated = new Set(runbook.items.filter((item) => item.check !== null).map((item) => item.id));
  const verdict = await verdictOf(tracker, issue, automated, true);
  const due = occurrence.meta.due === null ? null : Date.parse(occurrence.meta.due);
  const escalated = issue.labels.some((label) => label.toLowerCase() === runbook.onMissed.label.toLowerCase());
  const decision = decideOccurrence(verdict, due, now.getTime(), escalated);
  const counts = `${verdict.items.length - verdict.open.length} of ${verdict.items.length} items settled`;
  if (decision === "close") {
    await upsertComment(tracker, issue.number, runbookCommentMarker.completed(), completedComment(verdict, context.runUrl));
    await tracker.updateIssue(issue.number, { state: "closed", stateReason: "completed" });
    return { ...base, action: "closed", verdict, message: `${runbook.name} ${occurrence.meta.occurrence}: checklist complete, closed #${issue.number}.` };
  }
  if (decision === "escalate" && due !== null) {
    // The label goes last: it is what says the escalation happened, so a run that failed before it does it all again.
    if (runbook.onMissed.assignees.length > 0) await tracker.addAssignees(issue.number, runbook.onMissed.assignees);
    if (runbook.onMissed.comment) await upsertComment(tracker, issue.number, runbookCommentMarker.overdue(), overdueComment(runbook, verdict, due, now.getTime()));
    await tracker.addLabels(issue.number, [runbook.onMissed.label]);
    return { ...base, action: "escalated", verdict, message: `${runbook.name} ${occurrence.meta.occurrence}: overdue with ${verdict.open.length} open items, escalated #${issue.number}.` };
  }
  const action = opened ? "opened" : checked ? "checked" : "none";
  const verb = { opened: "opened", checked: "checked the automated items of", none: "waiting on" }[action];
  return { ...base, action, verdict, message: `${runbook.name} ${occurrence.meta.occurrence}: ${verb} #${issue.number} (${counts}).` };
}

/** A scheduled runbook: its current occurrence opened and checked, every open occurrence converged. */
async function syncRunbook(context: RunbookContext, runbook: Runbook): Promise<OccurrenceOutcome[]> {
  if (!runbook.schedule) return [];
  const found = currentOccurrence(runbook.schedule, runbook.zone, context.now.getTime(), runbook);
  if (!found) return [];
  const { current, previous } = found;
  const meta: OccurrenceMeta = { runbook: runbook.name, occurrence: current.key, start: new Date(current.start).toISOString(), due: new Date(current.due).toISOString() };
  const { occurrence, opened } = await ensureOccurrence(context, runbook, meta, current.end, new Date(previous?.start ?? current.start));
  const outcomes = [await converge(context, runbook, occurrence, true, opened)];
  for (const older of await occurrencesOf(context, runbook.name, "open")) {
    if (older.issue.number === occurrence.issue.number || older.meta.occurrence === current.key) continue;
    outcomes.push(await converge(context, runbook, older, false, false));
  }
  return outcomes;
}

/** A release's checklist: the occurrence is the version; opened now, due `due` later. */
async function openRelease(context: RunbookContext, runbook: Runbook, version: string): Promise<OccurrenceOutcome> {
  const start = context.now.getTime();
  const meta: OccurrenceMeta = { runbook: runbook.name, occurrence: version, start: new Date(start).toISOString(), due: new Date(start + runbook.dueMinutes * 60_000).toISOString() };
  const { occurrence, opened } = await ensureOccurrence(context, runbook, meta, null, new Date(start - 366 * 86_400_000));
  return converge(context, runbook, occurrence, true, opened);
}

export interface RunbookRequest {
  mode: RunbookMode;
  settings: RunbookSettings;
  /** Only this runbook (--runbook), else every scheduled one. */
  only: string | null;
  /** The release's version, for mode release. */
  release: string | null;
  now: Date;
  token: string;
  repository: { owner: string; repo: string };
  runUrl: string | null;
  scope: PolicyScope;
  /** The option values the gates of automated items share (token, ...). */
  gateValues: Record<string, unknown>;
}

export async function runRunbooks(context: RunbookContext, mode: RunbookMode, only: string | null, release: string | null): Promise<RunbookResult> {
  const warnings: string[] = [];
  if (mode === "release") {
    const name = only ?? context.settings.releaseChecklist;
    const runbook = context.settings.runbooks.find((r) => r.name === name);
    if (!runbook || release === null) return { mode, occurrences: [], warnings: ["no release checklist: set runbooks.release-checklist (or --runbook) and the release's version"] };
    return { mode, occurrences: [await openRelease({ ...context, tickAutomated: false }, runbook, release)], warnings };
  }
  const chosen = context.settings.runbooks.filter((runbook) => (only === null ? runbook.schedule !== null : runbook.name === only));
  const occurrences: OccurrenceOutcome[] = [];
  for (const runbook of chosen) {
    if (!runbook.schedule) warnings.push(`${runbook.name} has no schedule: it is opened on demand (mode release) only`);
    occurrences.push(...(await syncRunbook(context, runbook)));
  }
  return { mode, occurrences, warnings };
}

/** The use case on the repository's GitHub issues. */
export async function runRunbooksOnGitHub(request: RunbookRequest, invocation: Invocation): Promise<RunbookResult> {
  const [{ octokitOfRun }, { githubRunbookTracker }, { checkRunner }, { accessReviewGenerator }] = await Promise.all([
    import("../github/run-client.ts"),
    import("../github/runbooks.ts"),
    import("./checks.ts"),
    import("./generate.ts"),
  ]);
  const octokit = octokitOfRun(request.token, invocation);
  const context: RunbookContext = {
    tracker: githubRunbookTracker(octokit, request.repository),
    checks: checkRunner(request.scope, request.gateValues, invocation),
    generator: accessReviewGenerator(octokit, request.repository),
    settings: request.settings,
    now: request.now,
    runUrl: request.runUrl,
  };
  return runRunbooks(context, request.mode, request.only, request.release);
}

/**
 * Opens (or finds) the pre-release checklist of a version, as `release-branch start` does once the branch is cut;
 * its automated items are left to the next `shipgate runbook --release` run, which has the policy's gates.
 */
export async function openReleaseChecklistOnGitHub(
  request: { token: string; apiUrl: string; repository: { owner: string; repo: string }; settings: RunbookSettings; version: string; now: Date; runUrl: string | null },
  invocation: Pick<Invocation, "run" | "env" | "log">,
): Promise<OccurrenceOutcome | undefined> {
  const [{ octokitOfRun }, { githubRunbookTracker }, { accessReviewGenerator }] = await Promise.all([import("../github/run-client.ts"), import("../github/runbooks.ts"), import("./generate.ts")]);
  const octokit = octokitOfRun(request.token, invocation, request.apiUrl);
  const context: RunbookContext = {
    tracker: githubRunbookTracker(octokit, request.repository),
    checks: null,
    generator: accessReviewGenerator(octokit, request.repository),
    settings: request.settings,
    now: request.now,
    runUrl: request.runUrl,
  };
  return (await runRunbooks(context, "release", null, request.version)).occurrences[0];
}
