import type { FreezeSpec, WindowSpec, WindowsPolicy } from "../policy/types.ts";
import { addDays, isoInZone } from "./local-time.ts";
import { dateOf, freezeInterval, occurrencesOf, subtract, union, type Interval, type Occurrence } from "./occurrences.ts";
import { describeFreeze, describeWindow } from "./describe.ts";

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

interface Spans {
  occurrences: Occurrence[];
  freezes: { spec: FreezeSpec; interval: Interval }[];
}

function spansAround(policy: WindowsPolicy, windows: WindowSpec[], now: number): Spans {
  const occurrences = windows.flatMap((window, index) => {
    const zone = window.timezone ?? policy.timezone;
    // Two days back catch an occurrence that started yesterday and crosses midnight, in any offset.
    const first = addDays(dateOf(now, zone), -2);
    const last = addDays(dateOf(now + HORIZON_DAYS * DAY_MS, zone), 1);
    return occurrencesOf(window, index, zone, first, last);
  });
  const freezes = policy.freezes.flatMap((spec) => {
    const interval = freezeInterval(spec, policy.timezone);
    return interval ? [{ spec, interval }] : [];
  });
  return { occurrences, freezes };
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
  const { occurrences, freezes } = spansAround(policy, windows, now);
  const allowed: Interval[] = windows.length > 0 ? union(occurrences) : [{ start: -Infinity, end: Infinity }];
  const open = subtract(allowed, union(freezes.map((f) => f.interval)));
  const current = open.find((interval) => interval.start <= now && now < interval.end);
  const zone = policy.timezone;
  const iso = (instant: number | null) => (instant === null ? null : isoInZone(instant, zone));
  const base = { kind, now, timezone: zone };

  if (current) {
    const inside = occurrences.filter((o) => o.start <= now && now < o.end).sort((a, b) => a.index - b.index)[0];
    const window = inside ? windows[inside.index]! : null;
    const closesAtMs = current.end <= horizonEnd ? current.end : null;
    const reason = window ? `inside ${window.name} (${describeWindow(window, zone)})` : `no ${kind} windows are defined and no freeze is in effect`;
    return { ...base, open: true, window: window?.name ?? null, closesAt: iso(closesAtMs), nextOpen: null, reason, closesAtMs, nextOpenMs: null, freeze: null };
  }

  const next = open.find((interval) => interval.start > now);
  const nextOpenMs = next && next.start <= horizonEnd ? next.start : null;
  const freeze = freezes.find((f) => f.interval.start <= now && now < f.interval.end)?.spec ?? null;
  const reason = freeze ? `in freeze ${freeze.name} (${describeFreeze(freeze, zone)})` : outsideReason(kind, windows, policy);
  return { ...base, open: false, window: null, closesAt: null, nextOpen: iso(nextOpenMs), reason, closesAtMs: null, nextOpenMs, freeze };
}

export function evaluateWindow(policy: WindowsPolicy, options: { now: Date; kind: WindowKind }): WindowVerdict {
  const { open, window, closesAt, nextOpen, reason } = evaluateWindowDetail(policy, options);
  return { open, window, closesAt, nextOpen, reason };
}
