/** The incident front door: action `incident`, `shipgate incident open|resolve|reconcile|sla-watch`. */
import type { Capability, Invocation } from "../core/capability.ts";
import { configOption, repositoryOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { requireInstant } from "../core/instant.ts";
import { choice, optionLabel, pathOf, resolvePath, text, type OptionDecl, type OptionValues, type ValueType } from "../core/options.ts";
import type { Policy } from "../policy/types.ts";
import type { Subject } from "./model.ts";
import { CANCELLED_MESSAGE, presentIncident, type Cancelled } from "./present.ts";
import { parseRepository, runInfoFrom, type RunOverrides } from "./run-info.ts";
import { runIncidentOnGitHub, type IncidentMode, type IncidentRequest, type IncidentResult } from "./run.ts";
import { resolveIncidentSettings } from "./settings.ts";
import { parseSubjects, readSubjectsFile } from "./subjects.ts";

const MODES = ["auto", "failure", "success", "sla-watch", "reconcile"] as const;
const exactJobStatus = choice(["success", "failure", "cancelled"] as const, "STATUS");
/** `${{ job.status }}`, in any case as it always was. */
const jobStatus: ValueType<"success" | "failure" | "cancelled"> = { ...exactJobStatus, parse: (raw) => exactJobStatus.parse(raw.toLowerCase()) };

const options = {
  mode: {
    type: choice(MODES, "MODE"),
    flag: null,
    why: "the subcommand is the mode (open: failure, resolve: success, reconcile, sla-watch); auto needs the job's status, which only a step of the job knows",
    actionDefault: "auto",
    description:
      "`failure` opens or updates the incident, `success` closes it, `reconcile` does either for each of `subjects`, `sla-watch` checks the SLAs of open incidents, `auto` picks failure or success from `job-status` (nothing when cancelled).",
  },
  "job-status": {
    type: jobStatus,
    flag: null,
    why: "only mode auto reads it, and the CLI has no mode auto: the subcommand says what happened",
    description: "For mode `auto`: pass `${{ job.status }}` in a step with `if: always()`.",
  },
  environment: { type: text("NAME"), description: "The deployment environment that failed or succeeded (e.g. production); part of the default dedup key and of the severity rules." },
  subjects: {
    type: text("JSON"),
    flag: "subjects-json",
    description:
      "For mode `reconcile` (it or the subjects file is required there, both are refused otherwise): a JSON list of `{ \"key\", \"title\", \"failed\", \"details\" }`, at most 200, keys unique (e.g. cert-gate's `incident-subjects` output). Each failing subject opens or updates the incident of its key; each passing subject closes its open incident; subjects not listed are left alone.",
  },
  "subjects-file": { type: pathOf("FILE"), flag: "subjects", description: "For mode `reconcile`, instead of the JSON text: a file holding that JSON list (at most 1 MB)." },
  workflow: { type: text("NAME"), description: "Name used for the key and the title instead of the workflow's name (GITHUB_WORKFLOW)." },
  "run-id": { type: text("ID"), description: "The workflow run the incident is about (default GITHUB_RUN_ID)." },
  "run-attempt": { type: text("N"), description: "Its attempt, whose failed jobs are listed (default GITHUB_RUN_ATTEMPT, else 1)." },
  branch: { type: text("NAME"), description: "Branch of the run, for the severity rules and the issue (default GITHUB_HEAD_REF, else GITHUB_REF_NAME)." },
  sha: { type: text("SHA"), description: "Commit of the run (default GITHUB_SHA)." },
  actor: { type: text("LOGIN"), description: "Who triggered the run (default GITHUB_TRIGGERING_ACTOR, else GITHUB_ACTOR)." },
  event: { type: text("NAME"), description: "The event that triggered the run (default GITHUB_EVENT_NAME)." },
  at: { type: text("ISO"), description: "Act as if it were this ISO-8601 instant with a zone (backfills and tests); default now." },
  config: { ...configOption, description: "Policy file with the `incidents:` section (default .github/shipgate.yml, when present)." },
  // Checked together with GITHUB_REPOSITORY, its fallback, so that both read alike when wrong.
  repo: {
    ...repositoryOption,
    type: text("OWNER/NAME"),
    why: "an action reports on the run of its own repository",
    description: "Repository of the run, whose issues hold its incidents (default GITHUB_REPOSITORY).",
  },
  token: { ...tokenOption, description: "Token with issues write and actions read; the default GITHUB_TOKEN works when the job grants them." },
  "time-budget": timeBudgetOption,
};

type Values = OptionValues<typeof options>;
type Key = keyof typeof options;

const label = (invocation: Invocation, key: Key): string => optionLabel(invocation.door, key, options[key] as OptionDecl);

/** A value with a runner variable as fallback: `--run-id (or GITHUB_RUN_ID)`, the variable alone where the door has no such option. */
function orVariable(invocation: Invocation, key: Key, variable: string): string {
  const decl: OptionDecl = options[key];
  const atDoor = invocation.door === "action" ? decl.input !== null : decl.flag !== null;
  return atDoor ? `${label(invocation, key)} (or ${variable})` : variable;
}

/** The mode to run; undefined for `auto` with a cancelled job. */
function modeOf(values: Values, invocation: Invocation): IncidentMode | undefined {
  const mode = values.mode ?? "auto";
  if (mode !== "auto") return mode;
  const status = values["job-status"];
  if (status === undefined) throw new UserError(`${label(invocation, "mode")} is auto: pass ${label(invocation, "job-status")} as \${{ job.status }}, or set mode to failure, success, reconcile or sla-watch`);
  return status === "cancelled" ? undefined : status;
}

async function subjectsOf(mode: IncidentMode | undefined, values: Values, invocation: Invocation): Promise<Subject[]> {
  const { subjects: json, "subjects-file": file } = values;
  if (mode !== "reconcile") {
    if (json !== undefined || file !== undefined) throw new UserError(`${label(invocation, json !== undefined ? "subjects" : "subjects-file")} is only for mode reconcile`);
    return [];
  }
  if (json !== undefined && file !== undefined) throw new UserError(`${label(invocation, "subjects")} and ${label(invocation, "subjects-file")} both give the subjects: give one`);
  if (file !== undefined) return readSubjectsFile(resolvePath(invocation.cwd, file), `${label(invocation, "subjects-file")} ${file}`);
  if (json === undefined) throw new UserError(`${label(invocation, "subjects")} is required with mode reconcile: a JSON list of { key, title, failed, details } (or ${label(invocation, "subjects-file")}, a file of it)`);
  return parseSubjects(json, label(invocation, "subjects"));
}

function runOverrides(values: Values, invocation: Invocation, repository: string): RunOverrides {
  const given: RunOverrides = {
    runId: values["run-id"],
    runAttempt: values["run-attempt"],
    workflow: values.workflow,
    environment: values.environment,
    branch: values.branch,
    sha: values.sha,
    actor: values.actor,
    event: values.event,
  };
  const headCommit = invocation.run.event.head_commit as { message?: unknown } | undefined;
  return {
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    repository,
    ...(typeof headCommit?.message === "string" ? { commitMessage: headCommit.message } : {}),
  };
}

export const incidentDoor: Capability<typeof options, IncidentRequest | Cancelled, IncidentResult | Cancelled, Policy> = {
  name: "incident",
  options,
  action: {
    name: "incident",
    title: "shipgate incident",
    description:
      "Opens an incident issue when a workflow fails and closes it when the workflow succeeds again: severity and SLA from the `incidents:` section of .github/shipgate.yml, labels, on-call assignees, the failed jobs and steps, the procedure's checklist and a post-mortem section for P1/P2. One issue per key (workflow + environment by default), also when runs fail at the same moment; a failure soon after closing reopens it; a closed P1/P2 gets a follow-up issue. Mode reconcile takes a set of subjects (e.g. cert-gate's certificate targets) and keeps one incident issue per failing subject, closing it when the subject passes again. Mode sla-watch (scheduled) labels incidents past their SLA `sla-breached` and mentions the escalation contacts once. Permissions: issues write for the incident issues, labels and comments; actions read for the failed jobs and steps of the run (not needed by sla-watch); contents read for the policy file.",
    branding: { icon: "alert-triangle", color: "orange" },
    outputs: {
      "action-taken": "`opened`, `commented` (a repeat failure, or SLA breaches escalated), `reopened` (flap), `closed` or `none`; for reconcile `reconciled` (some subject's incident changed) or `none`.",
      "issue-number": "Number of the incident issue (for sla-watch the first breached incident, for reconcile the first failing subject's); empty when none.",
      "issue-url": "Web URL of that incident issue; empty when none.",
      severity: "Severity of the incident (P1 to P4); empty when none.",
      key: "The incident's dedup key; empty for sla-watch.",
      "follow-up-number": "Number of the follow-up issue opened or found when a P1/P2 incident closed; empty otherwise.",
      reconciled: 'For reconcile, a JSON list with one `{ "key", "action", "issue", "followUp" }` per subject; empty otherwise.',
      "breached-count": "For sla-watch, how many open incidents are past an SLA; 0 otherwise.",
      status: "`pass`, or `warn` when something needs attention (an SLA breach, failed jobs not readable).",
      passed: "Always `true` (the action reports; it never fails the job for an incident).",
    },
  },
  command: {
    details: [
      "open: one incident per dedup key (incidents.dedup-key, default {workflow}/{environment}): a repeat failure",
      "comments on the open incident; a failure within incidents.flap-window of its closing reopens it.",
      "resolve: closes the open incident of the run's key with a comment giving the time to resolve; for the severities",
      "in incidents.post-mortem, opens the follow-up issue (permanent fix and post-mortem) and links the two.",
      "reconcile: --subjects FILE (or --subjects-json JSON) is a JSON list of { key, title, failed, details } (at most 200,",
      "keys unique), such as cert-gate's incident-subjects output. A failing subject opens or comments on the incident of",
      "its key; a passing subject closes its open incident; subjects not listed are left alone.",
      "sla-watch: run it on a schedule; it reads no run. Idempotent: an incident is labelled and escalated once per kind of breach.",
      "",
      "JSON: open and resolve { mode, action: opened|commented|reopened|closed|none, key, issue: {number, url}, severity, followUp,",
      "message, warnings }; sla-watch { mode, action: commented|none, checked, breaches: [{issue, severity, kinds, changed}],",
      "followUps }; reconcile { mode, action: reconciled|none, subjects: [{ subject, action, key, issue, severity, followUp, message, warnings }] }.",
      "GITHUB_TOKEN (issues: write, actions: read) comes from the environment; GITHUB_API_URL is honoured (GitHub",
      "Enterprise Server). Settings come from the `incidents:` section of the policy file.",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const mode = modeOf(values, invocation);
    // GH_TOKEN is the GitHub CLI's variable, which a terminal often has instead.
    const token = values.token ?? (invocation.door === "cli" ? invocation.env.GH_TOKEN : undefined);
    if (!token) throw new UserError(`${label(invocation, "token")} is not set: give a token with issues: write (and actions: read for the failed jobs)`);
    const settings = resolveIncidentSettings(scope.policy.incidents, scope.policySource ?? "built-in defaults (no .github/shipgate.yml)", scope.policy.windows.timezone);
    const now = values.at === undefined ? invocation.now : requireInstant(values.at, label(invocation, "at"));
    const subjects = await subjectsOf(mode, values, invocation);
    if (mode === undefined) return { mode: "cancelled" };
    const repositoryLabel = orVariable(invocation, "repo", "GITHUB_REPOSITORY");
    const repository = parseRepository(values.repo ?? invocation.env.GITHUB_REPOSITORY, repositoryLabel);
    const run =
      mode === "sla-watch"
        ? undefined
        : runInfoFrom(invocation.env, runOverrides(values, invocation, `${repository.owner}/${repository.repo}`), {
            runId: orVariable(invocation, "run-id", "GITHUB_RUN_ID"),
            runAttempt: orVariable(invocation, "run-attempt", "GITHUB_RUN_ATTEMPT"),
            repository: repositoryLabel,
          });
    return { mode, settings, run, subjects, now, token, repository };
  },
  async run(settings, invocation) {
    if (settings.mode === "cancelled") {
      invocation.log(CANCELLED_MESSAGE);
      return settings;
    }
    return runIncidentOnGitHub(settings, invocation);
  },
  present: (outcome) => presentIncident(outcome),
};
