/**
 * Many subjects reconciled in one run: each subject (a certificate target, say) has its own key, so each failing
 * subject has exactly one incident issue; a subject that passes again gets its open incident closed. Subjects
 * missing from the list are left as they are (a removed target is not a fixed one).
 */
import { readFile, stat } from "node:fs/promises";
import { UserError } from "../core/errors.ts";
import { listIncidents } from "./converge.ts";
import type { IncidentSettings, RunInfo, Subject } from "./model.ts";
import { reportFailure } from "./open.ts";
import type { IncidentOutcome } from "./outcome.ts";
import { reportSuccess } from "./resolve.ts";
import type { IncidentTracker } from "./ports.ts";

export const MAX_SUBJECTS = 200;
const MAX_KEY = 200;
const MAX_TITLE = 200;
const MAX_DETAILS = 20;
const MAX_DETAIL = 500;

function text(value: unknown, where: string, max: number): string {
  if (typeof value !== "string" || value.trim() === "") throw new UserError(`${where}: expected a non-empty string`);
  if (value.length > max) throw new UserError(`${where}: longer than ${max} characters`);
  return value.trim();
}

/** Subjects as JSON: a list of `{ key, title, failed, details? }`, details being a string or a list of strings. */
export function parseSubjects(json: string, where: string): Subject[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new UserError(`${where}: expected a JSON list of { key, title, failed, details }`);
  if (data.length > MAX_SUBJECTS) throw new UserError(`${where}: ${data.length} subjects; at most ${MAX_SUBJECTS}`);
  const seen = new Set<string>();
  return data.map((entry: unknown, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new UserError(`${at}: expected an object { key, title, failed, details }`);
    const { key, title, failed, details } = entry as Record<string, unknown>;
    const subject: Subject = { key: text(key, `${at}.key`, MAX_KEY), title: text(title, `${at}.title`, MAX_TITLE), failed: false, details: [] };
    if (typeof failed !== "boolean") throw new UserError(`${at}.failed: expected true or false`);
    subject.failed = failed;
    const lines = details === undefined || details === null ? [] : typeof details === "string" ? [details] : details;
    if (!Array.isArray(lines) || lines.length > MAX_DETAILS) throw new UserError(`${at}.details: expected a string or a list of at most ${MAX_DETAILS} strings`);
    subject.details = lines.map((line: unknown, n) => {
      if (typeof line !== "string") throw new UserError(`${at}.details[${n}]: expected a string`);
      return line.slice(0, MAX_DETAIL);
    });
    if (seen.has(subject.key)) throw new UserError(`${at}.key: "${subject.key}" is given twice; every subject needs its own key`);
    seen.add(subject.key);
    return subject;
  });
}

const MAX_SUBJECTS_BYTES = 1_000_000;

/** A file of subjects, bounded and parsed; any problem names `where` (the option and the file as typed). */
export async function readSubjectsFile(file: string, where: string): Promise<Subject[]> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_SUBJECTS_BYTES) throw new UserError(`${where}: ${info.size} bytes; at most ${MAX_SUBJECTS_BYTES}`);
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${where}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSubjects(text, where);
}

export interface SubjectOutcome extends IncidentOutcome {
  subject: string;
}

/**
 * One list of the open incidents decides which passing subjects have something to close; each failing subject goes
 * through the failure protocol of its key (dedup, flap damping, concurrency), each fixed one through recovery.
 */
export async function reconcileSubjects(tracker: IncidentTracker, settings: IncidentSettings, run: RunInfo, subjects: Subject[], now: Date): Promise<SubjectOutcome[]> {
  const openKeys = new Set((await listIncidents(tracker, settings, "open")).map((incident) => incident.meta.key));
  const outcomes: SubjectOutcome[] = [];
  for (const subject of subjects) {
    const subjectRun: RunInfo = { ...run, subject };
    let outcome: IncidentOutcome;
    if (subject.failed) outcome = await reportFailure(tracker, settings, subjectRun, now);
    else if (openKeys.has(subject.key)) outcome = await reportSuccess(tracker, settings, subjectRun, now);
    else outcome = { action: "none", key: subject.key, issue: null, severity: null, followUp: null, message: `${subject.title}: fine, no open incident.`, warnings: [] };
    outcomes.push({ ...outcome, subject: subject.title });
  }
  return outcomes;
}
