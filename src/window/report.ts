/** The deploy window's gate result: the verdict, the windows that apply and, when one was asked for, the override. */
import type { GateResult } from "../core/result.ts";
import { cell } from "../report/markdown.ts";
import { formatInstant, verdictLine } from "./describe.ts";
import { codeSpan } from "./override.ts";
import type { WindowRun, WindowSettings } from "./run.ts";
import { describeFreeze, describeWindow } from "./spec-text.ts";

function windowsMarkdown(settings: WindowSettings): string {
  const { windows, kind } = settings;
  const rows = windows[kind].map((w) => `| ${cell(w.name)} | ${cell(describeWindow(w, windows.timezone))} |`);
  const freezes = windows.freezes.map((f) => `| ❄️ ${cell(f.name)} | ${cell(describeFreeze(f, windows.timezone))} |`);
  if (rows.length === 0 && freezes.length === 0) return `No ${kind} windows and no freezes are defined: ${kind} work may run at any time.`;
  return [`| ${kind === "deploy" ? "Deploy window" : "Maintenance window"} | When |`, "| --- | --- |", ...rows, ...freezes].join("\n");
}

/** `reasonOption` names where an override reason is typed at this door, e.g. "input `override-reason`". */
export function windowResult(run: WindowRun, settings: WindowSettings, reasonOption: string): GateResult {
  const { evaluation, decision, notes } = run;
  const line = verdictLine(evaluation);
  const decided = `Decided at ${formatInstant(evaluation.now, evaluation.timezone, evaluation.now)} (${new Date(evaluation.now).toISOString()})${settings.environment ? ` for environment \`${cell(settings.environment)}\`` : ""}.`;
  const parts = [decided, windowsMarkdown(settings), ...notes];
  if (evaluation.open) {
    return { gate: "deploy-window", status: "pass", title: line, summary: parts.join("\n\n"), findings: [], metrics: {} };
  }
  if (decision?.accepted) {
    const who = `@${decision.request.actor || "unknown"}`;
    const record = `**Break-glass override** by ${who} (via ${decision.request.via === "input" ? reasonOption : "pull-request label"}): ${codeSpan(decision.request.reason)}`;
    return {
      gate: "deploy-window",
      status: "warn",
      title: `overridden by ${who}: ${codeSpan(decision.request.reason)} (${line})`,
      summary: [record, ...parts].join("\n\n"),
      findings: [{ level: "warning", message: `Deploy window overridden by ${who}: ${codeSpan(decision.request.reason)}` }],
      metrics: {},
    };
  }
  const refused = decision && !decision.accepted ? decision : undefined;
  const title = refused ? `${line} (override refused: ${refused.refusal})` : line;
  return {
    gate: "deploy-window",
    status: "fail",
    title,
    summary: [...parts, ...(refused ? [`Override by @${refused.request.actor} refused: ${refused.refusal}.`] : [])].join("\n\n"),
    findings: [{ level: "failure", message: title }],
    metrics: {},
  };
}
