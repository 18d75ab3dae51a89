/** The `incident` action: read the mode and the policy, open/close/watch incidents, publish what it did. */
import type { ActionDefinition } from "../actions/run-action.ts";
import { UserError } from "../core/errors.ts";
import type { ClientTuning } from "../github/tuning.ts";
import { loadPolicy } from "../policy/load.ts";
import { requireInstant } from "../core/instant.ts";
import type { IncidentSettings, RunInfo, Subject } from "./model.ts";
import { runIncident, type IncidentMode } from "./run.ts";
import { runInfoFrom } from "./run-info.ts";
import { resolveIncidentSettings } from "./settings.ts";
import { parseSubjects } from "./subjects.ts";

const MODES = ["auto", "failure", "success", "sla-watch", "reconcile"] as const;

interface IncidentActionSettings {
  /** Undefined: `auto` with a job status that asks for nothing (cancelled). */
  mode: IncidentMode | undefined;
  settings: IncidentSettings;
  run: RunInfo | undefined;
  subjects: Subject[];
  token: string;
  now: Date;
}

function modeFrom(mode: (typeof MODES)[number], jobStatus: string | undefined): IncidentMode | undefined {
  if (mode !== "auto") return mode;
  if (jobStatus === undefined) throw new UserError('input "mode" is auto: pass input "job-status: ${{ job.status }}", or set mode to failure, success or sla-watch');
  const status = jobStatus.toLowerCase();
  if (status === "failure") return "failure";
  if (status === "success") return "success";
  if (status === "cancelled") return undefined;
  throw new UserError(`input "job-status": expected success, failure or cancelled, got "${jobStatus}"`);
}

export const incidentAction = (tuning: ClientTuning = {}): ActionDefinition<IncidentActionSettings> => ({
  name: "incident",
  async readSettings(context) {
    const { inputs } = context;
    const mode = modeFrom(inputs.oneOf("mode", MODES) ?? "auto", inputs.string("job-status"));
    const token = inputs.required("token");
    const loaded = await loadPolicy({ file: inputs.string("config"), cwd: context.run.workspace });
    const settings = resolveIncidentSettings(loaded.policy.incidents, loaded.source ?? "built-in defaults (no .github/shipgate.yml)");
    const headCommit = context.run.event.head_commit as { message?: unknown } | undefined;
    const environment = inputs.string("environment");
    const workflow = inputs.string("workflow");
    const run =
      mode === "failure" || mode === "success" || mode === "reconcile"
        ? runInfoFrom(
            context.env,
            {
              ...(environment ? { environment } : {}),
              ...(workflow ? { workflow } : {}),
              ...(typeof headCommit?.message === "string" ? { commitMessage: headCommit.message } : {}),
            },
            { runId: "GITHUB_RUN_ID", repository: "GITHUB_REPOSITORY" },
          )
        : undefined;
    const subjectsText = inputs.string("subjects");
    if (mode === "reconcile" && !subjectsText) throw new UserError('input "subjects" is required with mode reconcile: a JSON list of { key, title, failed, details }');
    if (mode !== "reconcile" && subjectsText) throw new UserError('input "subjects" is only for mode reconcile');
    const subjects = subjectsText ? parseSubjects(subjectsText, 'input "subjects"') : [];
    const at = inputs.string("at");
    return { mode, settings, run, subjects, token, now: at ? requireInstant(at, 'input "at"') : context.now };
  },
  async run(settings, context) {
    if (!settings.mode) {
      context.log("The job was cancelled: no incident is opened or closed.");
      return { results: [], outputs: { "action-taken": "none", "issue-number": "", "issue-url": "", severity: "", key: "", "follow-up-number": "", "breached-count": "0" } };
    }
    const { owner, repo } = context.run;
    if (!owner || !repo) throw new UserError("GITHUB_REPOSITORY is not set: run this action in a GitHub Actions workflow");
    // Octokit loads only for a run that reaches GitHub: not for bad input or a cancelled job.
    const [{ createOctokit }, { githubIncidentTracker }] = await Promise.all([import("../github/client.ts"), import("../github/incidents.ts")]);
    const octokit = createOctokit({ token: settings.token, baseUrl: context.run.apiUrl, log: context.log, ...tuning });
    const result = await runIncident(settings.mode, githubIncidentTracker(octokit, { owner, repo }), settings.settings, settings.run, settings.now, settings.subjects);
    context.log(result.text);
    return { results: [result.gate], outputs: result.outputs };
  },
});
