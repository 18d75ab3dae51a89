/**
 * The markdown shipgate writes on incident issues. Names, branch names, commit messages and job names come
 * from whoever pushed: they are rendered inert (no mention, no issue reference, no HTML, no link, no emphasis).
 */
import { formatDuration } from "../core/duration.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";
import { zonedTime } from "../report/time.ts";
import { commentMarker, followUpMarker, incidentMarker, type IncidentMeta } from "./marker.ts";
import type { Classification } from "./severity.ts";
import type { RunInfo, Severity } from "./model.ts";
import type { JobReport } from "./ports.ts";

const SEVERITY_NAMES: Record<Severity, string> = { P1: "critical", P2: "major", P3: "minor", P4: "trivial" };
/**
 * How many failed jobs and steps per job a body lists: the first that fits GitHub's limit is used, so that a run
 * with many failures names fewer steps rather than losing the procedure below them.
 */
const LISTINGS = [
  { jobs: 20, steps: 10 },
  { jobs: 20, steps: 3 },
  { jobs: 10, steps: 1 },
  { jobs: 5, steps: 0 },
] as const;
type Listing = (typeof LISTINGS)[number];

/** Characters that can start markup, a mention, a reference or a link; each becomes a numeric entity. */
const ACTIVE = new Set(["&", "<", ">", "@", "#", "[", "]", "(", ")", "*", "_", "`", "~", "|", "\\", "!", ":", "{", "}", "$", "="]);

/** Control characters and line separators become spaces: every value stays on its one line. */
function flatten(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code < 32 || code === 127 || code === 0x2028 || code === 0x2029 ? " " : char;
    })
    .join("")
    .trim();
}

/** Untrusted text as one inert line: shown as written, never interpreted. */
export function inert(text: string, maxLength = 200): string {
  const flat = [...flatten(text)];
  const cut = flat.length > maxLength ? [...flat.slice(0, maxLength), "…"] : flat;
  return cut.map((char) => (ACTIVE.has(char) ? `&#${char.codePointAt(0)};` : char)).join("") || "(none)";
}

/** A URL we build ourselves from the run context; anything else is shown inert. */
function link(label: string, url: string): string {
  return /^https?:\/\/[^\s<>()[\]]+$/.test(url) ? `[${label}](${url})` : `${label} (${inert(url)})`;
}

export function severityLabel(severity: Severity): string {
  return `severity:${severity}`;
}

/** Label names cannot hold commas (the list API splits on them) and are at most 50 characters. */
export function environmentLabel(environment: string): string | undefined {
  const name = environment.replace(/[,\s]+/g, "-").slice(0, 38);
  return name ? `environment:${name}` : undefined;
}

function plainTitle(text: string, max: number): string {
  const flat = flatten(text);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function incidentTitle(run: RunInfo, severity: Severity): string {
  if (run.subject) return `[${severity}] ${plainTitle(run.subject.title, 120)}`;
  const where = run.environment ? ` in ${plainTitle(run.environment, 40)}` : "";
  return `[${severity}] ${plainTitle(run.workflow || "workflow", 80)} failed${where}`;
}

/** "Wed 2 Dec 2026 11:45 Europe/Paris (10:45 UTC)": the policy's zone, named, and UTC. */
function when(iso: string, zone: string): string {
  return zonedTime(iso, zone);
}

/** The repository's web address, from the run's: `https://github.com/OWNER/REPO`. */
function repositoryUrl(run: RunInfo): string | undefined {
  return /^(https?:\/\/[^\s<>()[\]]+?)\/actions\/runs\/\d+/.exec(run.runUrl)?.[1];
}

/**
 * A commit subject shown inert, except the pull-request number a merge puts at its end ("feat: x (#42)"), which
 * becomes a link we build ourselves: the incident then points at the change that caused it.
 */
function commitSubject(run: RunInfo): string {
  const subject = run.commitMessage.split("\n")[0] ?? "";
  const pull = /\s*\(#(\d{1,9})\)$/.exec(subject);
  const repository = repositoryUrl(run);
  if (!pull || !repository) return `“${inert(subject, 120)}”`;
  return `“${inert(subject.slice(0, pull.index), 120)}” (${link(`#${pull[1]}`, `${repository}/pull/${pull[1]}`)})`;
}

export function jobLines(jobs: JobReport[], listing: Listing = LISTINGS[0]): string[] {
  if (jobs.length === 0) return ["- (no failed job reported by the API yet: see the run)"];
  const lines: string[] = [];
  for (const job of jobs.slice(0, listing.jobs)) {
    const name = job.url ? link(inert(job.name, 100), job.url) : inert(job.name, 100);
    lines.push(`- Job ${name}: ${inert(job.conclusion ?? job.status, 30)}`);
    for (const step of job.failedSteps.slice(0, listing.steps)) lines.push(`  - step ${step.number} ${inert(step.name, 100)}: ${inert(step.conclusion, 30)}`);
    if (job.failedSteps.length > listing.steps) lines.push(`  - … ${job.failedSteps.length - listing.steps} more failed steps (see the run)`);
  }
  if (jobs.length > listing.jobs) lines.push(`- … ${jobs.length - listing.jobs} more failed jobs (see the run)`);
  return lines;
}

/** The body with the longest listing of failed jobs that fits `max`, cut by capText only when even the shortest does not. */
function fitted(render: (listing: Listing) => string, max: number, run: RunInfo): string {
  for (const listing of LISTINGS) {
    const body = render(listing);
    if (body.length <= max) return body;
  }
  return capText(render(LISTINGS[LISTINGS.length - 1]!), max, runLink(run));
}

/** What is wrong with a subject, one inert line per detail. */
function subjectLines(run: RunInfo): string[] {
  if (!run.subject) return [];
  const details = run.subject.details.length > 0 ? run.subject.details : ["(no details given)"];
  return [`**${inert(run.subject.title)}**`, "", ...details.map((line) => `- ${inert(line, 500)}`), ""];
}

function runFacts(run: RunInfo): string[] {
  return [
    `- **Workflow:** ${inert(run.workflow)} (${link(`run ${inert(run.runId, 30)}, attempt ${run.runAttempt}`, run.runUrl)})`,
    `- **Environment:** ${inert(run.environment)}`,
    `- **Branch:** ${inert(run.branch)} · **Event:** ${inert(run.event, 50)}`,
    `- **Commit:** ${inert(run.sha.slice(0, 12), 12)} ${run.commitMessage ? commitSubject(run) : ""}`.trimEnd(),
    `- **Actor:** ${inert(run.actor, 60)}`,
  ];
}

function checklist(subject: boolean): string[] {
  return [
    "### Procedure",
    "- [ ] **Detection:** confirm the failure and its impact; adjust the severity label if needed",
    "- [ ] **Communication:** tell the stakeholders and post status updates in this issue",
    "- [ ] **Investigation:** find the cause (logs of the failed jobs, recent changes, metrics)",
    subject
      ? "- [ ] **Resolution:** fix it; the next run of this workflow that finds it fixed closes this incident"
      : "- [ ] **Resolution:** fix or roll back; a successful run of this workflow closes this incident",
    "- [ ] **Closure:** note the cause and the fix here",
  ];
}

const POST_MORTEM = [
  "### Post-mortem",
  "Required for this severity. When the incident closes, a follow-up issue tracks the permanent fix and the post-mortem.",
  "- Timeline:",
  "- Root cause:",
  "- Impact:",
  "- What went well / what went wrong:",
  "- Action items:",
];

/** Where the whole of a cut body is: the run that failed (its jobs, steps and logs). */
function runLink(run: RunInfo): string {
  return /^https?:\/\/[^\s<>()[\]]+$/.test(run.runUrl) ? run.runUrl : "the workflow run";
}

/**
 * The incident issue's body, within GitHub's 65,536 characters (the marker, first, always stays): 20 jobs of 10
 * failed steps with names made of active characters take twice that once rendered inert, so fewer steps are listed.
 */
export function incidentBody(meta: IncidentMeta, run: RunInfo, classification: Classification, jobs: JobReport[], postMortem: boolean, zone: string): string {
  const sla = meta.resolutionDue ? `respond by ${when(meta.responseDue, zone)}, resolve by ${when(meta.resolutionDue, zone)}` : `respond by ${when(meta.responseDue, zone)}`;
  const why = classification.rule ? `rule “${inert(classification.rule, 100)}”` : "default severity";
  return fitted((listing) => [
    incidentMarker(meta),
    `## ${meta.severity} (${SEVERITY_NAMES[meta.severity]}) incident: ${run.subject ? inert(run.subject.title) : `${inert(run.workflow)} failed`}`,
    "",
    `**Severity:** ${meta.severity} (${why}) · **Detected:** ${when(meta.detectedAt, zone)} · **SLA:** ${sla}`,
    "",
    "### What failed",
    ...subjectLines(run),
    ...runFacts(run),
    "",
    ...(run.subject ? [] : ["#### Failed jobs and steps", ...jobLines(jobs, listing), ""]),
    ...checklist(run.subject !== undefined),
    ...(postMortem ? ["", ...POST_MORTEM] : []),
    "",
    `<sub>Opened by shipgate. Repeat failures with the same key are added as comments; the next successful run closes this incident.</sub>`,
  ].join("\n"), GITHUB_LIMITS.issueBody, run);
}

export function failureComment(run: RunInfo, jobs: JobReport[], failures: number, reopened: { closedAt: string; openedAt: string } | undefined): string {
  const headline = reopened
    ? `**Reopened:** failed again ${formatDuration(Math.max(0, Date.parse(reopened.openedAt) - Date.parse(reopened.closedAt)))} after it was closed (flap).`
    : `**Failed again** (failure ${failures} of this incident).`;
  const what = run.subject ? subjectLines(run) : [];
  return fitted((listing) => [commentMarker.failure(run.runId), headline, "", ...what, ...runFacts(run), ...(run.subject ? [] : ["", ...jobLines(jobs, listing)])].join("\n"), GITHUB_LIMITS.commentBody, run);
}

export function resolvedComment(run: RunInfo, meta: IncidentMeta, resolvedAt: Date, failures: number, zone: string): string {
  const elapsedMs = Math.max(0, resolvedAt.getTime() - Date.parse(meta.openedAt));
  return [
    commentMarker.resolved(run.runId),
    run.subject
      ? `**Resolved:** ${link(`run ${inert(run.runId, 30)}`, run.runUrl)} of ${inert(run.workflow)} found ${inert(run.subject.title)} fine again.`
      : `**Resolved** by ${link(`run ${inert(run.runId, 30)}`, run.runUrl)} of ${inert(run.workflow)} (commit ${inert(run.sha.slice(0, 12), 12)}).`,
    "",
    `- Time to resolve: **${formatDuration(Math.round(elapsedMs / 1000) * 1000)}** (opened ${when(meta.openedAt, zone)}, resolved ${when(resolvedAt.toISOString(), zone)})`,
    `- Failures recorded: ${failures}`,
  ].join("\n");
}

/** The failure of a run whose own incident turned out to be a duplicate of this one. */
export function mergedFailureComment(runId: string, duplicate: number): string {
  return `${commentMarker.failure(runId)}\n**Failed again:** run ${inert(runId, 30)} reported this incident at the same moment as another run; its details are in #${duplicate}, closed as a duplicate.`;
}

export function duplicateComment(winner: number): string {
  return `${commentMarker.duplicateOf(winner)}\nDuplicate of #${winner}: two runs reported the same incident at the same time; its failures are recorded there.`;
}

export function followUpTitle(incident: number, severity: Severity): string {
  return `Follow-up of ${severity} incident #${incident}: permanent fix and post-mortem`;
}

export function followUpBody(incident: number, severity: Severity): string {
  return [
    followUpMarker(incident),
    `Follow-up of the ${severity} incident #${incident}, which is resolved. The procedure asks for:`,
    "",
    "- [ ] **Permanent fix:** the change that stops this failure from coming back",
    "- [ ] **Post-mortem:** timeline, root cause, impact and action items, written in #" + incident + " or linked from it",
    "- [ ] Share the post-mortem with the stakeholders",
  ].join("\n");
}

export function followUpLinkComment(followUp: number): string {
  return `${commentMarker.followUpLink()}\nFollow-up for the permanent fix and the post-mortem: #${followUp}`;
}

export function slaBreachComment(kind: "response" | "resolution", meta: IncidentMeta, due: string, escalation: string[], zone: string): string {
  const who = escalation.length > 0 ? `${escalation.map((name) => `@${name}`).join(" ")}: ` : "";
  const what = kind === "response" ? "nobody responded within the response SLA" : "it was not resolved within the resolution SLA";
  return `${commentMarker.slaBreach(kind, meta.openedAt)}\n${who}**SLA breached** for this ${meta.severity} incident: ${what} (due ${when(due, zone)}). Please escalate.`;
}
