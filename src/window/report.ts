/**
 * The deploy window's gate result: the verdict line (the next opening first, the freeze that delays it named, how to
 * override), then the windows that apply, a week's timeline and, when one was asked for, the override.
 */
import type { GateResult } from "../core/result.ts";
import type { FreezeSpec, WindowsPolicy } from "../policy/types.ts";
import { code, plain, table } from "../report/blocks.ts";
import { timeline } from "../report/pictures.ts";
import { chartTime, formatLocal, verdictLine } from "./describe.ts";
import type { WindowEvaluation } from "./evaluate.ts";
import { addDays } from "./local-time.ts";
import { dateOf, freezeInterval, occurrencesOf } from "./occurrences.ts";
import { codeSpan } from "./override.ts";
import type { WindowRun, WindowSettings } from "./run.ts";
import { describeFreeze, describeWindow } from "./spec-text.ts";

const DAY_MS = 86_400_000;
const TIMELINE_DAYS = 7;

/** The freezes in effect now or between now and the next opening: what a reader needs to see named. */
export function freezesInTheWay(windows: WindowsPolicy, evaluation: WindowEvaluation): FreezeSpec[] {
  const end = evaluation.nextOpenMs ?? evaluation.now + 1;
  return windows.freezes.filter((freeze) => {
    const interval = freezeInterval(freeze, windows.timezone);
    return interval !== undefined && interval.start < end && interval.end > evaluation.now;
  });
}

/** How to deploy anyway at this door, or why nobody can. */
function overrideHint(settings: WindowSettings, reasonOption: string, short: boolean): string {
  const { override } = settings.windows;
  if (!override.enabled) return short ? "overrides disabled by the policy" : "Overrides are disabled by the policy (`windows.override.enabled: false`).";
  if (settings.environment && override["disabled-environments"].includes(settings.environment)) {
    return short ? `no override for ${settings.environment}` : `The policy allows no override for environment ${code(settings.environment)}.`;
  }
  const label = reasonOption.startsWith("input") ? override.label : undefined;
  if (short) return `override: ${reasonOption.replace(/`/g, "")}${label ? ` or label ${label}` : ""}`;
  const byLabel = label ? ` or add the label ${code(label)} to the pull request with a line \`Override-Reason: <why>\` in its description` : "";
  return `**To deploy anyway** (break-glass, recorded with who asked): set ${reasonOption} to the reason${byLabel}.`;
}

function windowsTable(settings: WindowSettings, evaluation: WindowEvaluation, inTheWay: FreezeSpec[]): string {
  const { windows, kind } = settings;
  const zone = windows.timezone;
  const rows = windows[kind].map((w) => [`${evaluation.window === w.name ? "🟢 " : ""}${plain(w.name, 60)}`, plain(describeWindow(w, zone), 120)]);
  const freezes = windows.freezes.map((f) => [`❄️ ${plain(f.name, 60)}${inTheWay.includes(f) ? " (in the way)" : ""}`, plain(describeFreeze(f, zone), 120)]);
  if (rows.length === 0 && freezes.length === 0) return `No ${kind} windows and no freezes are defined: ${kind} work may run at any time.`;
  return table([kind === "deploy" ? "Deploy window" : "Maintenance window", "When"], [...rows, ...freezes]);
}

/** The coming week as a Gantt chart: the windows' occurrences, the freezes, now and the next opening. */
function weekTimeline(settings: WindowSettings, evaluation: WindowEvaluation): string {
  const { windows, kind } = settings;
  const zone = windows.timezone;
  const from = evaluation.now;
  const until = from + TIMELINE_DAYS * DAY_MS;
  const first = dateOf(from, zone);
  const last = addDays(first, TIMELINE_DAYS);
  const clip = (start: number, end: number) => ({ start: chartTime(Math.max(start, from), zone), end: chartTime(Math.min(end, until), zone) });
  const sections = [];
  for (const [index, window] of windows[kind].entries()) {
    const bars = occurrencesOf(window, index, window.timezone ?? zone, first, last)
      .filter((o) => o.end > from && o.start < until)
      .map((o) => ({ label: window.name, ...clip(o.start, o.end), kind: "active" as const }));
    if (bars.length > 0) sections.push({ name: window.name, bars });
  }
  const freezes = windows.freezes.flatMap((f) => {
    const interval = freezeInterval(f, zone);
    return interval && interval.end > from && interval.start < until ? [{ label: f.name, ...clip(interval.start, interval.end), kind: "crit" as const }] : [];
  });
  if (freezes.length > 0) sections.push({ name: "freezes", bars: freezes });
  const marks = [{ label: "now", start: chartTime(from, zone), end: chartTime(from, zone), kind: "milestone" as const }];
  if (evaluation.nextOpenMs !== null && evaluation.nextOpenMs < until) marks.push({ label: "next opening", start: chartTime(evaluation.nextOpenMs, zone), end: chartTime(evaluation.nextOpenMs, zone), kind: "milestone" });
  sections.push({ name: "decision", bars: marks });
  return timeline({ title: `${kind} windows, the next ${TIMELINE_DAYS} days (${zone})`, daily: true, sections });
}

/** `reasonOption` names where an override reason is typed at this door, e.g. "input `override-reason`". */
export function windowResult(run: WindowRun, settings: WindowSettings, reasonOption: string): GateResult {
  const { evaluation, decision, notes } = run;
  const zone = evaluation.timezone;
  const inTheWay = freezesInTheWay(settings.windows, evaluation);
  const freezes = inTheWay.map((f) => f.name);
  const utc = new Date(evaluation.now).toISOString().slice(11, 16);
  const decided = `Decided at ${formatLocal(evaluation.now, zone, evaluation.now)} (${utc} UTC)${settings.environment ? ` for environment ${code(settings.environment)}` : ""}: ${plain(evaluation.reason, 300)}.`;
  const parts = [decided, windowsTable(settings, evaluation, inTheWay), weekTimeline(settings, evaluation), ...notes];
  const metrics = {
    open: evaluation.open,
    window: evaluation.window,
    "next-open": evaluation.nextOpen,
    "closes-at": evaluation.closesAt,
  };
  if (evaluation.open) {
    return { gate: "deploy-window", status: "pass", title: verdictLine(evaluation), summary: parts.join("\n\n"), findings: [], metrics };
  }
  if (decision?.accepted) {
    const who = `@${decision.request.actor || "unknown"}`;
    const record = `**Break-glass override** by ${who} (via ${decision.request.via === "input" ? reasonOption : "pull-request label"}): ${codeSpan(decision.request.reason)}`;
    return {
      gate: "deploy-window",
      status: "warn",
      title: `Overridden by ${who}: ${codeSpan(decision.request.reason)} · ${verdictLine(evaluation, { freezes })}`,
      summary: [record, ...parts].join("\n\n"),
      findings: [{ level: "warning", message: `Deploy window overridden by ${who}: ${codeSpan(decision.request.reason)}` }],
      metrics: { ...metrics, overridden: true },
      findingsShown: true,
    };
  }
  const refused = decision && !decision.accepted ? decision : undefined;
  const line = verdictLine(evaluation, { freezes, override: refused ? `override refused: ${refused.refusal}` : overrideHint(settings, reasonOption, true) });
  const hint = refused ? `Override by @${refused.request.actor} refused: ${plain(refused.refusal, 300)}.` : overrideHint(settings, reasonOption, false);
  return {
    gate: "deploy-window",
    status: "fail",
    title: line,
    summary: [...parts, ...(hint ? [hint] : [])].join("\n\n"),
    findings: [{ level: "failure", message: line }],
    metrics,
    findingsShown: true,
  };
}
