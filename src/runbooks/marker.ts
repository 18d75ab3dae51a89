/**
 * Hidden markers. A runbook issue's body starts with one naming the runbook and the occurrence (base64url JSON, so
 * no text in it can end the comment); each comment shipgate writes on it carries one naming what it records, so a
 * re-run finds it instead of writing another.
 */
const ISSUE_PREFIX = "<!-- shipgate:runbook ";
const SUFFIX = " -->";

export interface OccurrenceMeta {
  runbook: string;
  /** The occurrence's key: its local start date, or the release's version for a release checklist. */
  occurrence: string;
  start: string;
  /** Null when the occurrence has no due time. */
  due: string | null;
}

export function occurrenceMarker(meta: OccurrenceMeta): string {
  return `${ISSUE_PREFIX}${Buffer.from(JSON.stringify(meta), "utf8").toString("base64url")}${SUFFIX}`;
}

const isTime = (value: unknown): value is string => typeof value === "string" && !Number.isNaN(Date.parse(value));

/** The occurrence marker of an issue body, or undefined when there is none or it does not decode. */
export function parseOccurrenceMarker(body: string | null | undefined): OccurrenceMeta | undefined {
  if (!body) return undefined;
  const start = body.indexOf(ISSUE_PREFIX);
  const end = start < 0 ? -1 : body.indexOf(SUFFIX, start + ISSUE_PREFIX.length);
  if (end < 0) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body.slice(start + ISSUE_PREFIX.length, end), "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const { runbook, occurrence, start: begun, due } = data as Record<string, unknown>;
  if (typeof runbook !== "string" || typeof occurrence !== "string" || !isTime(begun) || !(due === null || isTime(due))) return undefined;
  return { runbook, occurrence, start: begun, due };
}

export const runbookCommentMarker = {
  overdue: () => "<!-- shipgate:runbook-overdue -->",
  completed: () => "<!-- shipgate:runbook-completed -->",
  duplicateOf: (winner: number) => `<!-- shipgate:runbook-duplicate of=${winner} -->`,
} as const;
