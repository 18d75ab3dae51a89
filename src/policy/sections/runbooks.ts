import { durationSchema, type JsonSchema } from "../json-schema.ts";
import { accessReviewSection } from "./access-review.ts";

/** GitHub logins and teams: `alice`, `@alice`, `@acme/sre`. Validated so that a mention can never carry markup. */
const OWNER_PATTERN = "^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$";
const ASSIGNEE_PATTERN = "^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$";
/** Names and item ids go into hidden markers and labels: nothing that could end an HTML comment. */
export const RUNBOOK_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
export const RUNBOOK_ITEM_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
/** The gates an automated item may run, each through its own front door with the policy's settings. */
export const RUNBOOK_GATES = ["certs", "health", "security", "coverage"] as const;

const duration = (description: string, defaultValue?: string): JsonSchema => durationSchema(description, "30m, 2h or 1d", defaultValue);

const item: JsonSchema = {
  type: "object",
  description: "One checklist item: manual (a person ticks it, or writes `N/A: reason`), or automated by `gate` or `command`.",
  additionalProperties: false,
  required: ["text"],
  properties: {
    id: { type: "string", pattern: RUNBOOK_ITEM_ID_PATTERN, description: "Stable key of the item (kept in a hidden marker). Default: made from the text." },
    text: { type: "string", minLength: 1, maxLength: 300, description: "What to do, one line of Markdown." },
    gate: { type: "string", enum: RUNBOOK_GATES, description: "Tick the item when this shipgate gate passes with the policy file's settings for it; the evidence is the gate's verdict and a link to the run." },
    command: {
      type: "object",
      additionalProperties: false,
      required: ["argv"],
      description: "Tick the item when this command exits 0; the evidence is the end of its output and a link to the run. Run without a shell.",
      properties: {
        argv: { type: "array", items: { type: "string", minLength: 1, maxLength: 1000 }, minItems: 1, maxItems: 100, description: "The program and its arguments, e.g. [./scripts/disk-space.sh, --min, 20%]." },
        timeout: duration("Killed after this long, and the item stays open.", "5m"),
      },
    },
    "restore-test": {
      type: "object",
      additionalProperties: false,
      description: "A restore test: its command restores a backup; the measured restore time is recorded against the RTO, and the item is ticked only within it.",
      required: ["argv"],
      properties: {
        argv: { type: "array", items: { type: "string", minLength: 1, maxLength: 1000 }, minItems: 1, maxItems: 100, description: "The restore command." },
        rto: duration("Recovery time objective: the longest the restore may take.", "4h"),
        rpo: duration("Recovery point objective, shown with the result."),
        timeout: duration("Killed after this long (default: the RTO)."),
      },
    },
  },
};

const runbook: JsonSchema = {
  type: "object",
  description: "A recurring procedure: one issue per occurrence with its checklist.",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", pattern: RUNBOOK_NAME_PATTERN, description: "Name of the runbook (`shipgate runbook --runbook NAME`), kept in the issues' markers." },
    title: { type: "string", minLength: 1, maxLength: 150, description: "Title of its issues, before the occurrence's date (default: the name)." },
    schedule: {
      type: "string",
      minLength: 1,
      maxLength: 100,
      description:
        'When it falls due, in the runbook\'s time zone: "every day 06:00", "every Sunday 02:00", "first Saturday 23:00", "last Friday 16:00", "quarterly, first Monday [HH:MM]", "yearly, first Monday". Absent: opened on demand only (e.g. a release checklist).',
    },
    timezone: { type: "string", minLength: 1, description: "IANA time zone of the schedule (default: `windows.timezone`)." },
    duration: duration("Length of the maintenance window from its start, in wall time.", "0"),
    due: duration("When the checklist is overdue, from the start (default: the end of the window, or 1d when it has no length)."),
    owners: {
      type: "array",
      items: { type: "string", pattern: OWNER_PATTERN },
      maxItems: 20,
      default: [],
      description: "Users (assigned to each issue) and teams `@org/team` (mentioned in it) who own the runbook.",
    },
    "on-missed": {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "What happens once when an occurrence is overdue.",
      properties: {
        label: { type: "string", minLength: 1, maxLength: 50, default: "runbook-overdue", description: "Label added to the overdue issue." },
        comment: { type: "boolean", default: true, description: "Comment listing the open items, mentioning the owners and `mention`." },
        assignees: { type: "array", items: { type: "string", pattern: ASSIGNEE_PATTERN }, maxItems: 10, default: [], description: "Logins assigned to the overdue issue." },
        mention: { type: "array", items: { type: "string", pattern: OWNER_PATTERN }, maxItems: 20, default: [], description: "Logins or teams mentioned in the overdue comment." },
      },
    },
    generate: { type: "string", enum: ["access-review"], description: "Items generated on opening: `access-review` lists each access finding of the repository (collaborators, teams, deploy keys, secrets, environments) to confirm or fix." },
    "access-review": { ...accessReviewSection, default: {}, description: "Settings of `generate: access-review` (docs/access-review.md)." },
    items: { type: "array", items: item, maxItems: 100, default: [], description: "The checklist, in order." },
  },
};

export const runbooksSection: JsonSchema = {
  type: "object",
  description: "Runbooks and audits as tracked checklists (action `runbook`, CLI `shipgate runbook`): schedules, items, owners, due times, escalation.",
  additionalProperties: false,
  properties: {
    label: { type: "string", minLength: 1, maxLength: 50, default: "runbook", description: "Label of every runbook issue (they are listed by it)." },
    "release-checklist": {
      type: "string",
      pattern: RUNBOOK_NAME_PATTERN,
      description: "The runbook whose checklist `release-branch start` opens for each release; go/no-go then requires it complete (every item ticked by a person, or N/A with a reason).",
    },
    list: { type: "array", items: runbook, maxItems: 50, default: [], description: "The runbooks." },
  },
};
