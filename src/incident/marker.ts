/**
 * Hidden HTML-comment markers. The incident issue's body starts with one carrying the dedup key and the SLA
 * clock (base64url JSON, so no text in it can end the comment); every comment shipgate writes carries one that
 * names what it records, so a re-run finds and updates it instead of writing another.
 */
import type { Severity } from "./model.ts";
import { SEVERITIES } from "./model.ts";

const ISSUE_PREFIX = "<!-- shipgate:incident ";
const SUFFIX = " -->";
/** Every shipgate marker starts so: a comment without one was written by a person. */
export const MARKER_START = "<!-- shipgate:";

export interface IncidentMeta {
  key: string;
  severity: Severity;
  /** First detection. */
  detectedAt: string;
  /** The latest (re)opening: the SLA clock and the time to resolve start here. */
  openedAt: string;
  responseDue: string;
  resolutionDue: string | null;
  /** The run that opened (or last reopened) the incident. */
  run: string;
}

export function incidentMarker(meta: IncidentMeta): string {
  return `${ISSUE_PREFIX}${Buffer.from(JSON.stringify(meta), "utf8").toString("base64url")}${SUFFIX}`;
}

/**
 * An instant as toISOString writes it. Date.parse alone also takes free text ("2026-12-02 (@everyone)" parses),
 * and a hand-edited marker's time is written back into the issue as given when it is not an instant; 30 February
 * parses too, so the text must read back the same.
 */
const isTime = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) && isoSeconds(value) === value.slice(0, 19);

function isoSeconds(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString().slice(0, 19);
}

/** The incident marker of an issue body, or undefined when there is none or it does not decode. */
export function parseIncidentMarker(body: string | null | undefined): IncidentMeta | undefined {
  if (!body) return undefined;
  const start = body.indexOf(ISSUE_PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start + ISSUE_PREFIX.length);
  if (end < 0) return undefined;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(Buffer.from(body.slice(start + ISSUE_PREFIX.length, end), "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const { key, severity, detectedAt, openedAt, responseDue, resolutionDue, run } = data;
  if (typeof key !== "string" || typeof run !== "string" || !SEVERITIES.includes(severity as Severity)) return undefined;
  if (!isTime(detectedAt) || !isTime(openedAt) || !isTime(responseDue) || !(resolutionDue === null || isTime(resolutionDue))) return undefined;
  return { key, severity: severity as Severity, detectedAt, openedAt, responseDue, resolutionDue, run };
}

/** Replaces the incident marker of a body (the rest, possibly edited by people, stays). */
export function replaceIncidentMarker(body: string, meta: IncidentMeta): string {
  const start = body.indexOf(ISSUE_PREFIX);
  const end = start < 0 ? -1 : body.indexOf(SUFFIX, start + ISSUE_PREFIX.length);
  if (start < 0 || end < 0) return `${incidentMarker(meta)}\n${body}`;
  return body.slice(0, start) + incidentMarker(meta) + body.slice(end + SUFFIX.length);
}

/** The kinds of comment shipgate writes, each identified by its marker. */
export const commentMarker = {
  /** A failure of run `run` recorded on an open incident (repeat, reopening or a merged duplicate). */
  failure: (run: string) => `${MARKER_START}incident-failure run=${run}${SUFFIX}`,
  resolved: (run: string) => `${MARKER_START}incident-resolved run=${run}${SUFFIX}`,
  duplicateOf: (winner: number) => `${MARKER_START}incident-duplicate of=${winner}${SUFFIX}`,
  slaBreach: (kind: "response" | "resolution", openedAt: string) => `${MARKER_START}incident-sla-breach kind=${kind} opened=${openedAt}${SUFFIX}`,
  followUpLink: () => `${MARKER_START}incident-follow-up-link${SUFFIX}`,
} as const;

/** The marker of a follow-up issue's body: which incident it follows up. */
export function followUpMarker(incident: number): string {
  return `${MARKER_START}incident-follow-up incident=${incident}${SUFFIX}`;
}

export function isFailureComment(body: string): boolean {
  return body.includes(`${MARKER_START}incident-failure run=`);
}
