/** The `runbooks:` policy section, checked and converted once into RunbookSettings. */
import { requireDuration } from "../core/duration.ts";
import { UserError } from "../core/errors.ts";
import { isKnownZone } from "../core/zone.ts";
import type { RunbookItemPolicy, RunbookPolicy, RunbooksPolicy } from "../policy/types.ts";
import { accessReviewSettingsOf, type AccessReviewSettings } from "./access-review-settings.ts";
import { isChecklistId } from "./checklist.ts";
import { parseSchedule, type Schedule } from "../core/schedule.ts";

export type ItemCheck =
  | { kind: "gate"; gate: "certs" | "health" | "security" | "coverage" }
  | { kind: "command"; argv: string[]; timeoutMs: number }
  | { kind: "restore-test"; argv: string[]; timeoutMs: number; rtoMs: number; rpoMs: number | null };

export interface RunbookItem {
  id: string;
  text: string;
  check: ItemCheck | null;
}

export interface Runbook {
  name: string;
  title: string;
  /** Null for a runbook opened on demand only (a release checklist). */
  schedule: Schedule | null;
  scheduleText: string | null;
  zone: string;
  durationMinutes: number;
  dueMinutes: number;
  /** Logins assigned to each issue. */
  assignees: string[];
  /** Teams `org/team` mentioned in each issue. */
  teams: string[];
  onMissed: { label: string; comment: boolean; assignees: string[]; mention: string[] };
  generate: "access-review" | null;
  accessReview: AccessReviewSettings;
  items: RunbookItem[];
}

export interface RunbookSettings {
  label: string;
  releaseChecklist: string | null;
  runbooks: Runbook[];
}

const login = (name: string): string => name.replace(/^@/, "");

function labelName(name: string, where: string): string {
  // The issues list API takes labels as a comma-separated list: a comma would split one label into two.
  if (name.includes(",")) throw new UserError(`${where}: a label name cannot contain a comma ("${name}")`);
  return name.trim();
}

/** An item's id made from its text: "Reindex above 30 % fragmentation" -> "reindex-above-30-fragmentation". */
export function idFromText(text: string): string {
  const slug = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? "item" : slug;
}

function checkOf(item: RunbookItemPolicy, where: string): ItemCheck | null {
  const given = [item.gate !== undefined, item.command !== undefined, item["restore-test"] !== undefined].filter(Boolean).length;
  if (given > 1) throw new UserError(`${where}: give one of gate, command and restore-test`);
  if (item.gate !== undefined) return { kind: "gate", gate: item.gate };
  if (item.command !== undefined) return { kind: "command", argv: item.command.argv, timeoutMs: requireDuration(item.command.timeout, `${where}.command.timeout`) };
  const restore = item["restore-test"];
  if (restore === undefined) return null;
  const rtoMs = requireDuration(restore.rto, `${where}.restore-test.rto`);
  return {
    kind: "restore-test",
    argv: restore.argv,
    rtoMs,
    rpoMs: restore.rpo === undefined ? null : requireDuration(restore.rpo, `${where}.restore-test.rpo`),
    timeoutMs: restore.timeout === undefined ? rtoMs : requireDuration(restore.timeout, `${where}.restore-test.timeout`),
  };
}

function resolveRunbook(policy: RunbookPolicy, where: string, defaultZone: string): Runbook {
  const zone = policy.timezone ?? defaultZone;
  if (!isKnownZone(zone)) throw new UserError(`${where}.timezone: unknown time zone "${zone}"; expected an IANA name such as Europe/Paris`);
  // The policy file's load refused a schedule that does not parse (src/policy/sections/runbooks-issues.ts).
  const schedule: Schedule | null = policy.schedule !== undefined ? (parseSchedule(policy.schedule) ?? null) : null;
  const durationMinutes = Math.round(requireDuration(policy.duration, `${where}.duration`) / 60_000);
  const dueMinutes = policy.due !== undefined ? Math.round(requireDuration(policy.due, `${where}.due`) / 60_000) : durationMinutes > 0 ? durationMinutes : 1440;
  if (dueMinutes <= 0) throw new UserError(`${where}.due: expected a duration longer than 0`);
  const ids = new Map<string, number>();
  const items = policy.items.map((item, index) => {
    const id = item.id ?? idFromText(item.text);
    const itemWhere = `${where}.items[${index}]`;
    if (!isChecklistId(id)) throw new UserError(`${itemWhere}.id: "${id}" may hold letters, digits and . _ : - only`);
    const earlier = ids.get(id);
    if (earlier !== undefined) throw new UserError(`${itemWhere}: its id "${id}" is also the id of items[${earlier}]; give one of them an \`id\``);
    ids.set(id, index);
    return { id, text: item.text, check: checkOf(item, itemWhere) };
  });
  if (items.length === 0 && policy.generate === undefined) throw new UserError(`${where}.items: a runbook needs at least one item (or \`generate: access-review\`)`);
  return {
    name: policy.name,
    title: policy.title ?? policy.name,
    schedule,
    scheduleText: policy.schedule ?? null,
    zone,
    durationMinutes,
    dueMinutes,
    assignees: policy.owners.filter((owner) => !owner.includes("/")).map(login),
    teams: policy.owners.filter((owner) => owner.includes("/")).map(login),
    onMissed: {
      label: labelName(policy["on-missed"].label, `${where}.on-missed.label`),
      comment: policy["on-missed"].comment,
      assignees: policy["on-missed"].assignees.map(login),
      mention: policy["on-missed"].mention.map(login),
    },
    generate: policy.generate ?? null,
    accessReview: accessReviewSettingsOf(policy["access-review"]),
    items,
  };
}

export function resolveRunbookSettings(policy: RunbooksPolicy, where: string, defaultZone = "UTC"): RunbookSettings {
  const key = `${where}: runbooks`;
  const names = new Map<string, number>();
  const runbooks = policy.list.map((runbook, index) => {
    const earlier = names.get(runbook.name);
    if (earlier !== undefined) throw new UserError(`${key}.list[${index}].name: "${runbook.name}" is also the name of list[${earlier}]`);
    names.set(runbook.name, index);
    return resolveRunbook(runbook, `${key}.list[${index}]`, defaultZone);
  });
  const releaseChecklist = policy["release-checklist"] ?? null;
  if (releaseChecklist !== null && !names.has(releaseChecklist)) throw new UserError(`${key}.release-checklist: no runbook is named "${releaseChecklist}" in runbooks.list`);
  return { label: labelName(policy.label, `${key}.label`), releaseChecklist, runbooks };
}
