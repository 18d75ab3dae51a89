/**
 * The rollout's state as GitHub keeps it: every event is one status of the rollout's deployment, its description a
 * sentence a person reads followed by a compact marker the next run parses, e.g.
 * `step 2/3 at 50 %: baking until 14:30 UTC [sg k=shifted s=1 t=1764685800]`. GitHub keeps at most 140 characters
 * of a description, so the marker is short and the sentence is cut to fit before it.
 */

export type VerdictKind = "pass" | "marginal" | "fail";

export type RolloutRecord =
  /** A run drives the rollout until `until` (epoch ms): another run waits or refuses until then. */
  | { kind: "claim"; run: string; at: number; until: number }
  /** Step `step` (0-based) got its traffic (or its deploy) at `at`. */
  | { kind: "shifted"; step: number; at: number }
  | { kind: "verdict"; step: number; verdict: VerdictKind; at: number }
  /** Waiting for a person before step `step` (or after its marginal verdict). */
  | { kind: "held"; step: number; at: number }
  | { kind: "approved"; step: number; at: number }
  | { kind: "aborting"; step: number; at: number }
  | { kind: "rolled-back"; at: number }
  | { kind: "aborted"; at: number }
  /** Every step passed; blue-green keeps the old colour until `retireAt`. */
  | { kind: "completed"; at: number; retireAt: number | null }
  | { kind: "retired"; at: number };

/** A record with the sentence it was written with (the why of a verdict or an abort). */
export type NotedRecord = RolloutRecord & { note: string };

export const DESCRIPTION_MAX = 140;

const KINDS = ["claim", "shifted", "verdict", "held", "approved", "aborting", "rolled-back", "aborted", "completed", "retired"] as const;
const MARKER = /\s*\[sg ((?:[a-z]=[A-Za-z0-9._-]+ ?)+)\]$/;

function fields(record: RolloutRecord): Record<string, string | number> {
  const base = { k: record.kind, t: record.at };
  switch (record.kind) {
    case "claim":
      return { ...base, r: record.run, u: record.until };
    case "verdict":
      return { ...base, s: record.step, v: record.verdict };
    case "shifted":
    case "held":
    case "approved":
    case "aborting":
      return { ...base, s: record.step };
    case "completed":
      return record.retireAt === null ? base : { ...base, u: record.retireAt };
    default:
      return base;
  }
}

export function encodeMarker(record: RolloutRecord): string {
  return `[sg ${Object.entries(fields(record))
    .map(([key, value]) => `${key}=${value}`)
    .join(" ")}]`;
}

/** The description of a status: the sentence cut (one line) so that the marker always fits. */
export function describeRecord(record: RolloutRecord, sentence: string): string {
  const marker = encodeMarker(record);
  const room = DESCRIPTION_MAX - marker.length - 1;
  const flat = sentence.replace(/\s+/g, " ").trim();
  const cut = flat.length > room ? `${flat.slice(0, room - 1)}…` : flat;
  return cut ? `${cut} ${marker}` : marker;
}

const whole = (text: string | undefined): number | undefined => (text !== undefined && /^\d{1,16}$/.test(text) ? Number(text) : undefined);

/** The record of one status description; null for a description that is not shipgate's (or is damaged). */
export function parseRecord(description: string | null): NotedRecord | null {
  if (!description) return null;
  const match = MARKER.exec(description);
  if (!match) return null;
  const values = Object.fromEntries(match[1]!.trim().split(" ").map((pair) => pair.split("=") as [string, string]));
  const kind = KINDS.find((k) => k === values.k);
  const at = whole(values.t);
  if (!kind || at === undefined) return null;
  const note = description.slice(0, match.index).trim();
  const step = whole(values.s);
  const until = whole(values.u);
  switch (kind) {
    case "claim":
      return values.r && until !== undefined ? { kind, run: values.r, at, until, note } : null;
    case "verdict": {
      const verdict = (["pass", "marginal", "fail"] as const).find((v) => v === values.v);
      return verdict && step !== undefined ? { kind, step, verdict, at, note } : null;
    }
    case "shifted":
    case "held":
    case "approved":
    case "aborting":
      return step === undefined ? null : { kind, step, at, note };
    case "completed":
      return { kind, at, retireAt: until ?? null, note };
    default:
      return { kind, at, note };
  }
}
