/** The runbook front door: action `runbook`, `shipgate runbook`. */
import type { Capability, Presentation } from "../core/capability.ts";
import { configOption, repositoryOption, rootOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { requireInstant } from "../core/instant.ts";
import { matching, optionLabel, text } from "../core/options.ts";
import type { GateResult } from "../core/result.ts";
import { gitHubAccessOf } from "../github/target.ts";
import type { Policy } from "../policy/types.ts";
import { literalMarkdown, terminalLine } from "../report/neutralise.ts";
import { RUNBOOK_TOKEN_NEEDS } from "./ports.ts";
import { runRunbooksOnGitHub, type RunbookRequest, type RunbookResult } from "./run.ts";
import { resolveRunbookSettings } from "./settings.ts";

const options = {
  runbook: { type: matching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "NAME", "a runbook name"), description: "Only this runbook of `runbooks.list` (default: every runbook with a schedule; for `release`, runbooks.release-checklist)." },
  release: {
    type: matching(/^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, "VERSION", "a semver version"),
    description: "Open the pre-release checklist of this version (the runbook of runbooks.release-checklist) instead of the scheduled occurrences.",
  },
  at: { type: text("ISO"), description: "Act as if it were this ISO-8601 instant with a zone (backfills and tests); default now." },
  config: { ...configOption, description: "Policy file with the `runbooks:` section (default .github/shipgate.yml, when present)." },
  root: { ...rootOption, flag: "dir" },
  repository: repositoryOption,
  token: { ...tokenOption, description: "Token with issues: write (and what the automated items' gates read); the default GITHUB_TOKEN works when the job grants it." },
  "time-budget": timeBudgetOption,
};

type Key = keyof typeof options;

function resultOf(outcome: RunbookResult): GateResult {
  const escalated = outcome.occurrences.filter((o) => o.action === "escalated");
  const open = outcome.occurrences.filter((o) => o.verdict !== null && !o.verdict.complete);
  const status = escalated.length > 0 || outcome.warnings.length > 0 ? "warn" : "pass";
  const title =
    outcome.occurrences.length === 0
      ? "no runbook occurrence to track"
      : `${outcome.occurrences.length} occurrence(s): ${outcome.occurrences.filter((o) => o.action === "closed").length} closed, ${escalated.length} escalated, ${open.length} open`;
  const summary = [
    "| Runbook | Occurrence | Issue | Action | Open items |",
    "| --- | --- | --- | --- | --- |",
    ...outcome.occurrences.map(
      (o) => `| ${literalMarkdown(o.runbook)} | ${literalMarkdown(o.occurrence)} | ${o.issue ? `[#${o.issue.number}](${o.issue.url})` : "—"} | ${o.action} | ${o.verdict ? o.verdict.open.length : "—"} |`,
    ),
  ].join("\n");
  return {
    gate: "runbook",
    status,
    title,
    summary,
    findings: [...escalated.map((o) => ({ level: "warning" as const, message: o.message })), ...outcome.warnings.map((message) => ({ level: "warning" as const, message }))],
    metrics: { occurrences: outcome.occurrences.length, escalated: escalated.length, open: open.length },
  };
}

export const runbookDoor: Capability<typeof options, RunbookRequest, RunbookResult, Policy> = {
  name: "runbook",
  options,
  action: {
    name: "runbook",
    title: "shipgate runbook",
    description:
      "Runbooks and audits as tracked checklists, from the `runbooks:` section of .github/shipgate.yml: opens one issue per occurrence of each scheduled runbook (weekly maintenance, quarterly access review; idempotent, found again by its marker), runs the automated items (a shipgate gate or a command) and ticks them with evidence, leaves the manual items to people; on later runs closes the issue when every item is ticked or N/A with a reason (recording who ticked what from the issue's edit history; a bot's tick does not count), escalates it once when overdue (label, assignees, comment) and links the previous occurrence. With `release`, opens the pre-release checklist of that version. Permissions: issues write; contents read for the policy file; what the automated items' gates read.",
    branding: { icon: "check-square", color: "green" },
    outputs: {
      "issue-number": "Number of the first occurrence's issue; empty when none.",
      "issue-url": "Web URL of that issue; empty when none.",
      action: "What the run did to that issue: `opened`, `checked`, `closed`, `escalated` or `none`.",
      occurrences: 'A JSON list with one `{ "runbook", "occurrence", "issue", "action", "open" }` per occurrence tracked.',
      "open-items": "Items still open, over every occurrence tracked.",
    },
  },
  command: {
    details: [
      "Run it on a schedule (e.g. hourly): each run opens the current occurrence of every scheduled runbook once,",
      "checks its automated items, and converges every open occurrence: closed when complete, escalated once when overdue.",
      "Schedules are read in the runbook's time zone (default windows.timezone), across DST changes.",
      "--release VERSION opens the pre-release checklist of runbooks.release-checklist for that version; go/no-go",
      "requires it complete when runbooks.release-checklist is set.",
      "JSON: { mode, occurrences: [{ runbook, occurrence, issue: {number, url}, action, verdict: { complete, items, open }, message }], warnings }.",
      "GITHUB_TOKEN (issues: write) comes from the environment; GITHUB_API_URL is honoured (GitHub Enterprise Server).",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const label = (key: Key): string => optionLabel(invocation.door, key, options[key]);
    const token = values.token ?? (invocation.door === "cli" ? invocation.env.GH_TOKEN : undefined);
    const { repository } = await gitHubAccessOf({ token, repository: values.repository }, { token: label("token"), repository: label("repository") }, "runbook", RUNBOOK_TOKEN_NEEDS, invocation, scope.root);
    const settings = resolveRunbookSettings(scope.policy.runbooks, scope.policySource ?? "built-in defaults (no .github/shipgate.yml)", scope.policy.windows.timezone);
    if (values.runbook !== undefined && !settings.runbooks.some((runbook) => runbook.name === values.runbook)) {
      const known = settings.runbooks.map((runbook) => runbook.name).join(", ") || "none";
      throw new UserError(`${label("runbook")}: no runbook is named "${values.runbook}" in runbooks.list (known: ${known})`);
    }
    if (values.release !== undefined && values.runbook === undefined && settings.releaseChecklist === null) {
      throw new UserError(`${label("release")}: runbooks.release-checklist names no runbook; set it (or ${label("runbook")}) to open a release checklist`);
    }
    const now = values.at === undefined ? invocation.now : requireInstant(values.at, label("at"));
    const run = invocation.run;
    const runUrl = run.runId ? `${run.serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${run.runId}` : null;
    return {
      mode: values.release === undefined ? "sync" : "release",
      settings,
      only: values.runbook ?? null,
      release: values.release?.replace(/^v/, "") ?? null,
      now,
      token: token!,
      repository,
      runUrl,
      scope,
      // The gates of automated items read the policy file's settings, as the umbrella runs them; none writes a check run here.
      gateValues: {},
    };
  },
  run: runRunbooksOnGitHub,
  present(outcome): Presentation {
    const result = resultOf(outcome);
    const first = outcome.occurrences[0];
    const occurrences = outcome.occurrences.map((o) => ({ runbook: o.runbook, occurrence: o.occurrence, issue: o.issue?.number ?? null, action: o.action, open: o.verdict?.open.length ?? null }));
    return {
      results: [result],
      outputs: {
        "issue-number": first?.issue?.number ?? "",
        "issue-url": first?.issue?.url ?? "",
        action: first?.action ?? "none",
        occurrences: JSON.stringify(occurrences),
        "open-items": outcome.occurrences.reduce((sum, o) => sum + (o.verdict?.open.length ?? 0), 0),
      },
      json: outcome,
      text: [result.title, ...outcome.occurrences.map((o) => terminalLine(o.message)), ...outcome.warnings.map((w) => `warning: ${terminalLine(w)}`)].join("\n"),
    };
  },
};
