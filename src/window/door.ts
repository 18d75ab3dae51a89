/** The deployment window's front door: action `deploy-window`, `shipgate window check`. */
import type { Capability, Invocation } from "../core/capability.ts";
import { configOption } from "../core/common-options.ts";
import { requireDuration } from "../core/duration.ts";
import { UserError } from "../core/errors.ts";
import { requireInstant } from "../core/instant.ts";
import { choice, duration, optionLabel, text, wholeNumber } from "../core/options.ts";
import { MAX_WAIT_MS } from "../policy/sections/windows.ts";
import type { Policy, WindowsPolicy } from "../policy/types.ts";
import { WINDOW_KINDS } from "./evaluate.ts";
import { cleanReason, reasonInDescription, type OverrideRequest } from "./override.ts";
import { windowResult } from "./report.ts";
import { runWindowCheck, type WindowRun, type WindowSettings } from "./run.ts";

const options = {
  config: { ...configOption, description: "Policy file, relative to the workspace. Default `.github/shipgate.yml` (absent means no windows, open at any time outside freezes)." },
  windows: { type: text("YAML"), description: "The `windows` section as YAML, used instead of the policy file's (same keys and validation)." },
  kind: { type: choice(WINDOW_KINDS, "KIND"), description: "Which windows apply, `deploy` or `maintenance`. Default `deploy`." },
  at: {
    type: text("ISO-8601", "an instant"),
    input: null,
    why: "an action decides for the moment it runs: a gate decided for another instant would let a deploy through at any time",
    description: "Decide for this instant (with an offset, or a local date-time in the policy's time zone) instead of now; nothing is waited for then.",
  },
  environment: { type: text("NAME"), description: "The environment being deployed, for `windows.override.disabled-environments` and the summary." },
  wait: {
    type: duration({ max: MAX_WAIT_MS }),
    policy: "windows.wait",
    description: "Longest wait for the next opening, e.g. `2h`, `90m`; `0` fails at once. At most `24h`. Overrides `windows.wait`.",
  },
  "override-reason": {
    type: text("REASON"),
    description:
      "Break-glass: deploy even though the window is closed, for this reason (recorded with the actor in the summary and outputs), e.g. from a `workflow_dispatch` input. Refused where the policy disables overrides.",
  },
  "override-label": {
    type: text("LABEL"),
    flag: null,
    why: "the label is read from the pull-request event of a workflow run",
    policy: "windows.override.label",
    description: "Pull-request label that asks for an override (the reason comes from an `Override-Reason:` line in the description). Overrides `windows.override.label` (default `deploy-override`).",
  },
  "override-issue": {
    type: wholeNumber({ min: 1, max: 999_999_999 }, "N"),
    flag: null,
    why: "the override comment is written once per workflow run, which the CLI does not have: the CLI records an override in its output",
    description: "Issue number that gets the override comment when `windows.override.comment` is on and the run is not for a pull request.",
  },
  token: {
    type: text("TOKEN"),
    flag: null,
    why: "only the action writes the override comment",
    secret: true,
    description: "GitHub token, only for the override comment. Usually `github.token`.",
  },
};

interface LabelEvent {
  action?: string;
  label?: { name?: string };
  sender?: { login?: string };
  pull_request?: { number?: number; body?: string | null; labels?: { name?: string }[] };
}

const label = (invocation: Invocation, key: keyof typeof options): string => optionLabel(invocation.door, key, options[key]);

async function windowsOf(inline: string | undefined, policy: Policy, invocation: Invocation): Promise<WindowsPolicy> {
  if (inline === undefined) return policy.windows;
  const where = label(invocation, "windows");
  const { parseYaml, validatePolicy } = await import("../policy/validate.ts");
  return validatePolicy({ windows: await parseYaml(inline, where) }, where).windows;
}

function overrideRequest(reason: string | undefined, labelName: string, invocation: Invocation): OverrideRequest | undefined {
  const { run, env } = invocation;
  // On a re-run the person who re-ran it is the one asking, not the one who started the first attempt.
  if (reason !== undefined) return { reason: cleanReason(reason), actor: env.GITHUB_TRIGGERING_ACTOR || run.actor, via: "input" };
  const event = run.event as LabelEvent;
  if (!(event.pull_request?.labels?.some((l) => l.name === labelName) ?? false)) return undefined;
  const fromDescription = reasonInDescription(event.pull_request?.body ?? "");
  if (!fromDescription) {
    throw new UserError(
      `the pull request has the label "${labelName}" but no reason: write a line "Override-Reason: <why>" in its description or set ${label(invocation, "override-reason")}`,
    );
  }
  // The labeler is known only from the `labeled` event itself; otherwise the actor of this run stands for it.
  const labeler = event.action === "labeled" && event.label?.name === labelName ? event.sender?.login : undefined;
  return { reason: fromDescription, actor: labeler ?? run.actor, via: "label" };
}

export const windowDoor: Capability<typeof options, WindowSettings, WindowRun, Policy> = {
  name: "deploy-window",
  options,
  action: {
    name: "deploy-window",
    title: "shipgate deploy-window",
    description:
      "Decides at job start whether a deploy (or maintenance) window is open under the policy's windows and freezes; fails when closed, or waits for the next opening when `wait` allows it. A break-glass override needs a reason and is recorded with its actor. Permissions: `contents: read` (to read the policy file after checkout); add `pull-requests: write` (or `issues: write`) only when `windows.override.comment` is on.",
    branding: { icon: "clock", color: "blue" },
    outputs: {
      open: "`true` when the window is open (after any wait), `false` otherwise; an override does not change it.",
      window: "Name of the open window (the first listed when several overlap); empty when closed or when none are defined.",
      "closes-at": "When open, the first instant (ISO-8601 with offset) at which it is no longer open; empty beyond 400 days.",
      "next-open": "When closed, the first instant (ISO-8601 with offset) at which it opens within 400 days; empty otherwise.",
      reason: "Why it is open or closed, e.g. `outside off-peak (Tue, Wed 10:00-12:00 Europe/Paris)`.",
      overridden: "`true` when a closed window was overridden.",
      "override-reason": "The reason of the accepted override; empty otherwise.",
      "override-actor": "Who asked for the accepted override; empty otherwise.",
      "waited-seconds": "Seconds spent waiting for the window to open.",
      status: "`pass` (open), `warn` (overridden) or `fail` (closed).",
      passed: "`true` unless the step fails.",
    },
  },
  command: {
    details: [
      "Reads `windows` from the policy file (.github/shipgate.yml by default), or from --windows.",
      "--at takes an instant with an offset (2026-11-24T10:00:00+01:00) or a local date-time read in the policy's",
      "time zone (2026-11-24T10:00). Without --at, a closed window is waited for as the action does, up to --wait",
      "(default windows.wait, 0 unless the policy says otherwise). Exit code 0 when open (or overridden), 1 when closed.",
      "JSON: { open, window, closesAt, nextOpen, reason }, and `override` when an override was weighed.",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const windows = await windowsOf(values.windows, scope.policy, invocation);
    if (values.at !== undefined && values.wait !== undefined) throw new UserError(`${label(invocation, "wait")} waits from now: it cannot be combined with ${label(invocation, "at")}`);
    const at = values.at === undefined ? undefined : requireInstant(values.at, label(invocation, "at"), windows.timezone);
    const override = overrideRequest(values["override-reason"], values["override-label"] ?? windows.override.label, invocation);
    const pullRequest = (invocation.run.event as LabelEvent).pull_request?.number;
    const issue = pullRequest ?? values["override-issue"];
    const comment = !windows.override.comment || invocation.door === "cli"
      ? undefined
      : issue === undefined
        ? { unavailable: "No override comment was written: this run is not for a pull request and input `override-issue` is empty." }
        : { issue, token: values.token };
    return {
      windows,
      kind: values.kind ?? "deploy",
      at,
      waitMs: at ? 0 : (values.wait ?? requireDuration(windows.wait, "windows.wait")),
      environment: values.environment,
      override,
      comment,
    };
  },
  run: runWindowCheck,
  present(run, settings, invocation) {
    const { evaluation, decision } = run;
    const result = windowResult(run, settings, invocation.door === "action" ? "input `override-reason`" : "`--override-reason`");
    const overridden = decision?.accepted === true;
    const { open, window, closesAt, nextOpen, reason } = evaluation;
    return {
      results: [result],
      outputs: {
        open,
        window: window ?? "",
        "closes-at": closesAt ?? "",
        "next-open": nextOpen ?? "",
        reason,
        overridden,
        "override-reason": overridden ? decision.request.reason : "",
        "override-actor": overridden ? decision.request.actor : "",
        "waited-seconds": Math.round(run.waitedMs / 1000),
      },
      json: {
        open,
        window,
        closesAt,
        nextOpen,
        reason,
        ...(decision ? { override: { accepted: decision.accepted, actor: decision.request.actor, reason: decision.request.reason, refusal: decision.accepted ? null : decision.refusal } } : {}),
      },
      text: result.title,
    };
  },
};
