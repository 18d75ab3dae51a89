import { parseSchedule, SCHEDULE_FORMAT } from "../../core/schedule.ts";
import { isKnownZone } from "../../core/zone.ts";
import type { RunbooksPolicy } from "../types.ts";
import type { PolicyIssue } from "./windows-issues.ts";

/** What JSON Schema cannot say about the runbooks: their schedules read as one, their zones exist. */
export function runbooksIssues(section: RunbooksPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  section.list.forEach((runbook, i) => {
    const path = ["runbooks", "list", i];
    if (runbook.schedule !== undefined && !parseSchedule(runbook.schedule)) issues.push({ path: [...path, "schedule"], message: `expected ${SCHEDULE_FORMAT}, got "${runbook.schedule}"` });
    if (runbook.timezone !== undefined && !isKnownZone(runbook.timezone)) issues.push({ path: [...path, "timezone"], message: `unknown time zone "${runbook.timezone}"; expected an IANA name such as Europe/Paris` });
  });
  return issues;
}
