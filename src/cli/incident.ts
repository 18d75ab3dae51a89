import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { CommandInput, CommandSpec, OptionSpec } from "./command.ts";
import { configOption, stringOption } from "./options.ts";
import { UserError } from "../core/errors.ts";
import { createOctokit } from "../github/client.ts";
import { clientTuningFromEnv } from "../github/tuning.ts";
import { githubIncidentTracker } from "../github/incidents.ts";
import { runIncident, type IncidentMode } from "../incident/run.ts";
import type { Subject } from "../incident/model.ts";
import { parseSubjects } from "../incident/subjects.ts";
import { parseRepository, runInfoFrom, type RunOverrides } from "../incident/run-info.ts";
import { resolveIncidentSettings } from "../incident/settings.ts";
import { loadPolicy } from "../policy/load.ts";
import { requireInstant } from "../core/instant.ts";

const common: Record<string, OptionSpec> = {
  repo: { type: "string", valueName: "OWNER/NAME", description: "Repository (default $GITHUB_REPOSITORY)" },
  config: configOption,
  at: { type: "string", valueName: "ISO", description: "Act as if it were this instant (default now)" },
};

const runOptions: Record<string, OptionSpec> = {
  ...common,
  "run-id": { type: "string", valueName: "ID", description: "Workflow run id (default $GITHUB_RUN_ID)" },
  "run-attempt": { type: "string", valueName: "N", description: "Run attempt (default $GITHUB_RUN_ATTEMPT or 1)" },
  workflow: { type: "string", valueName: "NAME", description: "Workflow name (default $GITHUB_WORKFLOW)" },
  environment: { type: "string", valueName: "NAME", description: "Deployment environment, e.g. production" },
  branch: { type: "string", valueName: "NAME", description: "Branch (default $GITHUB_HEAD_REF or $GITHUB_REF_NAME)" },
  sha: { type: "string", valueName: "SHA", description: "Commit (default $GITHUB_SHA)" },
  actor: { type: "string", valueName: "LOGIN", description: "Who triggered the run (default $GITHUB_ACTOR)" },
  event: { type: "string", valueName: "NAME", description: "Triggering event (default $GITHUB_EVENT_NAME)" },
};

const environmentNote = [
  "GITHUB_TOKEN (issues: write, actions: read) comes from the environment; GITHUB_API_URL is honoured (GitHub",
  "Enterprise Server). Settings come from the `incidents:` section of the policy file.",
].join("\n");

/** CLI options that name the run, for those given. */
function runOverrides(input: CommandInput, repository: string): RunOverrides {
  const overrides: RunOverrides = { repository };
  const fields: [keyof RunOverrides, string][] = [
    ["runId", "run-id"],
    ["runAttempt", "run-attempt"],
    ["workflow", "workflow"],
    ["environment", "environment"],
    ["branch", "branch"],
    ["sha", "sha"],
    ["actor", "actor"],
    ["event", "event"],
  ];
  for (const [field, option] of fields) {
    const value = stringOption(input, option);
    if (value !== undefined) overrides[field] = value;
  }
  return overrides;
}

const MAX_SUBJECTS_BYTES = 1_000_000;

/** The --subjects file of `incident reconcile`, bounded and parsed; any problem names the option and the file. */
async function readSubjects(input: CommandInput): Promise<Subject[]> {
  const file = stringOption(input, "subjects");
  if (!file) throw new UserError("--subjects FILE is required: a JSON list of { key, title, failed, details }");
  const where = `--subjects ${file}`;
  let text: string;
  try {
    const info = await stat(path.resolve(input.cwd, file));
    if (info.size > MAX_SUBJECTS_BYTES) throw new UserError(`${where}: ${info.size} bytes; at most ${MAX_SUBJECTS_BYTES}`);
    text = await readFile(path.resolve(input.cwd, file), "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${where}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSubjects(text, where);
}

async function execute(mode: IncidentMode, input: CommandInput) {
  const token = input.env.GITHUB_TOKEN ?? input.env.GH_TOKEN;
  if (!token) throw new UserError("GITHUB_TOKEN is not set: export a token with issues: write (and actions: read for the failed jobs)");
  const repository = stringOption(input, "repo") ?? input.env.GITHUB_REPOSITORY;
  const where = parseRepository(repository, "--repo (or GITHUB_REPOSITORY)");
  const loaded = await loadPolicy({ file: stringOption(input, "config"), cwd: input.cwd });
  const settings = resolveIncidentSettings(loaded.policy.incidents, loaded.source ?? "built-in defaults (no .github/shipgate.yml)");
  const at = stringOption(input, "at");
  const now = at ? requireInstant(at, "--at") : input.now;
  const subjects = mode === "reconcile" ? await readSubjects(input) : [];
  const run = mode === "sla-watch" ? undefined : runInfoFrom(input.env, runOverrides(input, `${where.owner}/${where.repo}`), { runId: "--run-id (or GITHUB_RUN_ID)", repository: "--repo" });
  const octokit = createOctokit({ token, baseUrl: input.env.GITHUB_API_URL ?? "https://api.github.com", ...clientTuningFromEnv(input.env) });
  const result = await runIncident(mode, githubIncidentTracker(octokit, where), settings, run, now, subjects);
  return { exitCode: 0 as const, json: result.json, text: result.text };
}

export const incidentOpenCommand: CommandSpec = {
  name: "incident open",
  summary: "Open (or comment on, or reopen) the incident issue of a failed workflow run",
  usage: "[--repo OWNER/NAME] [--config FILE] [--run-id ID] [--environment NAME] [options]",
  details: [
    "One incident per dedup key (incidents.dedup-key, default {workflow}/{environment}): a repeat failure comments",
    "on the open incident; a failure within incidents.flap-window of its closing reopens it.",
    "JSON: { mode, action: opened|commented|reopened, key, issue: {number, url}, severity, followUp, message, warnings }.",
    environmentNote,
  ].join("\n"),
  options: runOptions,
  positionals: { min: 0, max: 0 },
  run: (input) => execute("failure", input),
};

export const incidentResolveCommand: CommandSpec = {
  name: "incident resolve",
  summary: "Close the open incident of a workflow that succeeded again (and open the P1/P2 follow-up)",
  usage: "[--repo OWNER/NAME] [--config FILE] [--run-id ID] [--environment NAME] [options]",
  details: [
    "Closes the open incident of the run's key with a comment giving the time to resolve; for the severities in",
    "incidents.post-mortem, opens the follow-up issue (permanent fix and post-mortem) and links the two.",
    "JSON: { mode, action: closed|none, key, issue, severity, followUp, message, warnings }.",
    environmentNote,
  ].join("\n"),
  options: runOptions,
  positionals: { min: 0, max: 0 },
  run: (input) => execute("success", input),
};

export const incidentSlaWatchCommand: CommandSpec = {
  name: "incident sla-watch",
  summary: "Label open incidents past their SLA and mention the escalation contacts once",
  usage: "[--repo OWNER/NAME] [--config FILE] [--at ISO]",
  details: [
    "Run it on a schedule. Idempotent: an incident is labelled and escalated once per kind of breach.",
    "JSON: { mode, action: commented|none, checked, breaches: [{issue, severity, kinds, changed}], followUps }.",
    environmentNote,
  ].join("\n"),
  options: common,
  positionals: { min: 0, max: 0 },
  run: (input) => execute("sla-watch", input),
};

export const incidentReconcileCommand: CommandSpec = {
  name: "incident reconcile",
  summary: "Keep one incident issue per failing subject of a run (e.g. certificate targets) and close fixed ones",
  usage: "--subjects FILE [--repo OWNER/NAME] [--config FILE] [--run-id ID] [options]",
  details: [
    "FILE is a JSON list of { key, title, failed, details } (at most 200, keys unique), such as cert-gate's",
    "incident-subjects output. A failing subject opens or comments on the incident of its key; a passing subject",
    "closes its open incident; subjects not listed are left alone.",
    "JSON: { mode, action: reconciled|none, subjects: [{ subject, action, key, issue, severity, followUp, message, warnings }] }.",
    environmentNote,
  ].join("\n"),
  options: { ...runOptions, subjects: { type: "string", valueName: "FILE", description: "JSON file of the subjects (required)" } },
  positionals: { min: 0, max: 0 },
  run: (input) => execute("reconcile", input),
};
