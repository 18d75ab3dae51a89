import type { FreezeSpec, WindowSpec, WindowsPolicy } from "../types.ts";
import { DURATION_FORMAT, parseDuration } from "../../core/duration.ts";
import { CLOCK_FORMAT, LOCAL_DATE_TIME_FORMAT, parseClock, parseInstant } from "../../core/instant.ts";
import { isKnownZone } from "../../core/zone.ts";
import { MAX_WAIT_MS } from "./windows.ts";

/*
 * Apart from the schema in ./windows.ts: these checks need the runtime's zone data, and the schema is loaded by every
 * action for its defaults, while the checks run only when a policy file is validated.
 */

export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

function checkWindow(window: WindowSpec, path: (string | number)[], issues: PolicyIssue[]): void {
  if (window.timezone !== undefined && !isKnownZone(window.timezone)) issues.push({ path: [...path, "timezone"], message: `unknown time zone "${window.timezone}"; expected an IANA name such as Europe/Paris` });
  if (window.days.length === 0) issues.push({ path: [...path, "days"], message: "expected at least one day (mon, tue, wed, thu, fri, sat, sun)" });
  for (const [i, week] of (window.weeks ?? []).entries()) {
    if (week === 0) issues.push({ path: [...path, "weeks", i], message: "expected 1..5 (n-th of the month) or -1..-5 (n-th last), got 0" });
  }
  if (window.weeks?.length === 0) issues.push({ path: [...path, "weeks"], message: "expected at least one week number, or no `weeks` key" });
  for (const key of ["start", "end"] as const) {
    if (!parseClock(window[key])) issues.push({ path: [...path, key], message: `expected ${CLOCK_FORMAT}, got "${window[key]}"` });
  }
}

function checkFreeze(freeze: FreezeSpec, path: (string | number)[], defaultZone: string, issues: PolicyIssue[]): void {
  const zoneName = freeze.timezone ?? defaultZone;
  if (freeze.timezone !== undefined && !isKnownZone(freeze.timezone)) {
    issues.push({ path: [...path, "timezone"], message: `unknown time zone "${freeze.timezone}"; expected an IANA name such as Europe/Paris` });
    return;
  }
  if (!isKnownZone(zoneName)) return;
  const from = parseInstant(freeze.from, zoneName);
  const to = parseInstant(freeze.to, zoneName);
  if (from === undefined) issues.push({ path: [...path, "from"], message: `expected ${LOCAL_DATE_TIME_FORMAT}, got "${freeze.from}"` });
  if (to === undefined) issues.push({ path: [...path, "to"], message: `expected ${LOCAL_DATE_TIME_FORMAT}, got "${freeze.to}"` });
  if (from !== undefined && to !== undefined && to <= from) issues.push({ path: [...path, "to"], message: `the freeze ends ("${freeze.to}") at or before it starts ("${freeze.from}")` });
}

/** What JSON Schema cannot say about the section: zones exist, times are real, freezes end after they start. */
export function windowsIssues(section: WindowsPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const base = ["windows"];
  if (!isKnownZone(section.timezone)) issues.push({ path: [...base, "timezone"], message: `unknown time zone "${section.timezone}"; expected an IANA name such as Europe/Paris` });
  for (const kind of ["deploy", "maintenance"] as const) {
    section[kind].forEach((window, i) => checkWindow(window, [...base, kind, i], issues));
  }
  section.freezes.forEach((freeze, i) => checkFreeze(freeze, [...base, "freezes", i], section.timezone, issues));
  const wait = parseDuration(section.wait);
  if (wait === undefined || wait > MAX_WAIT_MS) issues.push({ path: [...base, "wait"], message: `expected ${DURATION_FORMAT}, at most 24h, got "${section.wait}"` });
  return issues;
}
