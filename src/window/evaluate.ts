import type { FreezeSpec, WindowSpec, WindowsPolicy } from "../policy/types.ts";
import { addDays, dateStartUtc, isoInZone } from "./local-time.ts";
import { dateOf, freezeInterval, occurrencesOf, subtract, union, type Interval, type Occurrence } from "./occurrences.ts";
import { describeFreeze, describeWindow } from "./spec-text.ts";

export type WindowKind = "deploy" | "maintenance";
export const WINDOW_KINDS: readonly WindowKind[] = ["deploy", "maintenance"];

/** How far ahead closesAt and nextOpen look. */
export const HORIZON_DAYS = 400;
const DAY_MS = 86_400_000;

/** The verdict as `shipgate window check --json` prints it. Instants are ISO-8601 in the policy's zone. */
export interface WindowVerdict {
  open: boolean;
  /** The open window (the first listed when several overlap), or null. */
  window: string | null;
  /** When open: the first instant it is no longer open; null when it stays open beyond the horizon. */
  closesAt: string | null;
  /** When closed: the first instant it opens within the horizon, else null. */
  nextOpen: string | null;
  reason: string;
}

/** The verdict with the instants as numbers and the freeze in effect, for the texts built around it. */
export interface WindowEvaluation extends WindowVerdict {
  kind: WindowKind;
  now: number;
  timezone: string;
  closesAtMs: number | null;
  nextOpenMs: number | null;
  freeze: FreezeSpec | null;
}

/** Days generated ahead on each pass: most answers lie within two weeks, the last pass covers the horizon. */
const PASSES = [16, 64, HORIZON_DAYS + 1];
/** The most a zone's local midnight can precede UTC midnight of the same date (UTC+14). */
const MAX_OFFSET_MS = 14 * 3_600_000;

interface Spans {
  occurrences: Occurrence[];
  /** Instants before this are final: no occurrence left out of this pass can start earlier. */
  settledUntil: number;
}

function spansAround(policy: WindowsPolicy, windows: WindowSpec[], now: number, days: number): Spans {
  let settledUntil = Infinity;
  const occurrences = windows.flatMap((window, index) => {
    const zone = window.timezone ?? policy.timezone;
    // Two days back catch an occurrence that started yesterday and crosses midnight, in any offset.
    const first = addDays(dateOf(now, zone), -2);
    const last = addDays(dateOf(now + days * DAY_MS, zone), 1);
    // A gap only moves wall times forward, so the next date's earliest possible start bounds what is left out.
    settledUntil = Math.min(settledUntil, dateStartUtc(addDays(last, 1)) - MAX_OFFSET_MS);
    return occurrencesOf(window, index, zone, first, last);
  });
  return { occurrences, settledUntil };
}

function outsideReason(kind: WindowKind, windows: WindowSpec[], policy: WindowsPolicy): string {
  return `outside ${windows.map((w) => `${w.name} (${describeWindow(w, policy.timezone)})`).join(", ")}`;
}

/**
 * Whether `kind` work may run at `now` under the policy, and until when or from when. Pure: the same policy and
 * instant always give the same verdict. A kind without windows is unrestricted except by freezes.
 */
export function evaluateWindowDetail(policy: WindowsPolicy, options: { now: Date; kind: WindowKind }): WindowEvaluation {
  const now = options.now.getTime();
  const { kind } = options;
  const windows = policy[kind];
  const horizonEnd = now + HORIZON_DAYS * DAY_MS;
  const zone = policy.timezone;
  const iso = (instant: number | null) => (instant === null ? null : isoInZone(instant, zone));
  const base = { kind, now, timezone: zone };
  const freezes = policy.freezes.flatMap((spec) => {
    const interval = freezeInterval(spec, zone);
    return interval ? [{ spec, interval }] : [];
  });
  const frozen = union(freezes.map((f) => f.interval));

  for (const [pass, days] of PASSES.entries()) {
    const last = pass === PASSES.length - 1;
    const { occurrences, settledUntil } = spansAround(policy, windows, now, days);
    const allowed: Interval[] = windows.length > 0 ? union(occurrences) : [{ start: -Infinity, end: Infinity }];
    const open = subtract(allowed, frozen);
    const current = open.find((interval) => interval.start <= now && now < interval.end);

    if (current) {
      if (current.end >= settledUntil && !last) continue;
      const inside = occurrences.filter((o) => o.start <= now && now < o.end).sort((a, b) => a.index - b.index)[0];
      const window = inside ? windows[inside.index]! : null;
      const closesAtMs = current.end <= horizonEnd ? current.end : null;
      const reason = window ? `inside ${window.name} (${describeWindow(window, zone)})` : `no ${kind} windows are defined and no freeze is in effect`;
      return { ...base, open: true, window: window?.name ?? null, closesAt: iso(closesAtMs), nextOpen: null, reason, closesAtMs, nextOpenMs: null, freeze: null };
    }

    const next = open.find((interval) => interval.start > now);
    if ((!next || next.start >= settledUntil) && !last) continue;
    const nextOpenMs = next && next.start <= horizonEnd ? next.start : null;
    const freeze = freezes.find((f) => f.interval.start <= now && now < f.interval.end)?.spec ?? null;
    const reason = freeze ? `in freeze ${freeze.name} (${describeFreeze(freeze, zone)})` : outsideReason(kind, windows, policy);
    return { ...base, open: false, window: null, closesAt: null, nextOpen: iso(nextOpenMs), reason, closesAtMs: null, nextOpenMs, freeze };
  }
  throw new Error("unreachable: the last pass always decides");
}

export function evaluateWindow(policy: WindowsPolicy, options: { now: Date; kind: WindowKind }): WindowVerdict {
  const { open, window, closesAt, nextOpen, reason } = evaluateWindowDetail(policy, options);
  return { open, window, closesAt, nextOpen, reason };
}
