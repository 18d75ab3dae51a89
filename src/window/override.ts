import type { WindowsPolicy } from "../policy/types.ts";

/** A break-glass request: who asked, why, and through which channel. */
export interface OverrideRequest {
  reason: string;
  actor: string;
  via: "input" | "label";
}

export type OverrideDecision = { accepted: true; request: OverrideRequest } | { accepted: false; request: OverrideRequest; refusal: string };

const REASON_PREFIX = "override-reason:";
const MAX_REASON_CHARS = 500;

/** A reason as it may appear in a summary or an output: one line, bounded. */
export function cleanReason(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/** Text from a person (an override reason) shown as code: no markdown, HTML or @-mention takes effect. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The reason written in a pull request's description on a line "Override-Reason: ...", if any. */
export function reasonInDescription(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.toLowerCase().startsWith(REASON_PREFIX)) {
      const reason = cleanReason(trimmed.slice(REASON_PREFIX.length));
      if (reason) return reason;
    }
  }
  return undefined;
}

/** Whether the policy lets an override through in this environment. */
export function decideOverride(request: OverrideRequest, override: WindowsPolicy["override"], environment: string | undefined): OverrideDecision {
  if (!override.enabled) return { accepted: false, request, refusal: "overrides are disabled by the policy (windows.override.enabled: false)" };
  const disabled = override["disabled-environments"].map((name) => name.toLowerCase());
  if (environment !== undefined && disabled.includes(environment.toLowerCase())) {
    return { accepted: false, request, refusal: `overrides are disabled for environment "${environment}" (windows.override.disabled-environments)` };
  }
  return { accepted: true, request };
}
