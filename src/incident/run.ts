/** The one use case behind `incident` and `shipgate incident ...`: a mode, the settings and a tracker. */
import type { Invocation } from "../core/capability.ts";
import type { IncidentSettings, RunInfo, Subject } from "./model.ts";
import { reportFailure } from "./open.ts";
import type { IncidentOutcome } from "./outcome.ts";
import type { IncidentTracker } from "./ports.ts";
import { reportSuccess } from "./resolve.ts";
import { watchSla, type SlaWatchReport } from "./sla-watch.ts";
import { reconcileSubjects, type SubjectOutcome } from "./subjects.ts";

export type IncidentMode = "failure" | "success" | "sla-watch" | "reconcile";

export type IncidentResult =
  | { mode: "failure" | "success"; outcome: IncidentOutcome }
  | { mode: "sla-watch"; report: SlaWatchReport }
  | { mode: "reconcile"; subjects: SubjectOutcome[] };

export async function runIncident(mode: IncidentMode, tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo | undefined, now: Date, subjects: Subject[] = []): Promise<IncidentResult> {
  if (mode === "sla-watch") return { mode, report: await watchSla(tracker, settings, now) };
  if (!run) throw new Error("a failure, success or reconcile needs the run it is about");
  if (mode === "reconcile") return { mode, subjects: await reconcileSubjects(tracker, settings, run, subjects, now) };
  return { mode, outcome: mode === "failure" ? await reportFailure(tracker, settings, run, now) : await reportSuccess(tracker, settings, run, now) };
}

/** What one run of the use case is asked to do, validated at the door. */
export interface IncidentRequest {
  mode: IncidentMode;
  settings: IncidentSettings;
  /** The run the incident is about; undefined for sla-watch. */
  run: RunInfo | undefined;
  subjects: Subject[];
  now: Date;
  token: string;
  repository: { owner: string; repo: string };
}

/** The use case on the repository's GitHub issues. */
export async function runIncidentOnGitHub(request: IncidentRequest, invocation: Invocation): Promise<IncidentResult> {
  // Octokit loads only for a run that reaches GitHub: not for bad input or a cancelled job.
  const [{ octokitOfRun }, { githubIncidentTracker }] = await Promise.all([import("../github/run-client.ts"), import("../github/incidents.ts")]);
  const octokit = octokitOfRun(request.token, invocation);
  return runIncident(request.mode, githubIncidentTracker(octokit, request.repository), request.settings, request.run, request.now, request.subjects);
}
