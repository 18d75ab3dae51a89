/**
 * The quarterly access review (pure: data in, data out). What GitHub says about who and what can reach a
 * repository becomes checklist items to confirm or fix, a preface with the difference from the previous review and
 * what the token could not see, and a hidden record the next review compares against. Every login, team slug, key
 * title, secret and environment name is untrusted text: shown through the neutraliser, kept in the record encoded.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { AccessCategory, AccessSnapshot, CollaboratorAccess, EnvironmentAccess, RepoPermission, SecretAccess, SecretScope } from "../github/access.ts";
import { codeSpan, literalMarkdown } from "../report/neutralise.ts";
import type { AccessReviewSettings } from "./access-review-settings.ts";

// The snapshot is what the GitHub adapter reads; its types are declared there, as git's commits are in src/git/.
export type { AccessCategory, AccessSnapshot, CollaboratorAccess, Coverage, DeployKeyAccess, EnvironmentAccess, RepoPermission, SecretAccess, SecretScope, TeamAccess, UnseenAccess } from "../github/access.ts";

/** Repository roles, lowest first. */
export const REPO_PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const satisfies readonly RepoPermission[];
export const SECRET_SCOPES = ["repository", "environment", "organization", "dependabot"] as const satisfies readonly SecretScope[];
export const ACCESS_CATEGORIES = ["collaborators", "teams", "membersWithout2fa", "deployKeys", "secrets", "environments"] as const satisfies readonly AccessCategory[];

/** One checklist line: `id` is stable across reviews and made only of [a-z0-9.-]. */
export interface AccessReviewItem {
  id: string;
  text: string;
}

export interface AccessReview {
  items: AccessReviewItem[];
  /** Markdown preface: what changed since the previous review, what the token could not see. */
  preface: string;
  /** Hidden, machine-readable record kept in the issue body so the next review can compute the difference. */
  record: string;
}

const DAY_MS = 86_400_000;
const RECORD_PREFIX = "<!-- shipgate:access-review ";
const RECORD_SUFFIX = " -->";
const RECORD_VERSION = 1;
/** The record's share of an issue body (65,536 characters): beyond it the largest categories are left out of it. */
export const MAX_RECORD_CHARS = 20_000;
/** A difference lists at most this many names per kind and category; the rest is counted. */
const MAX_LISTED = 20;

/** What the record keeps of each category: a key per entry and a value whose change is a "changed". */
type RecordEntries = Record<string, string>;

interface ReviewRecord {
  v: number;
  at: string;
  repository: string;
  /** Categories read completely and kept in the record. */
  entries: Partial<Record<AccessCategory, RecordEntries>>;
}

function entriesOf(snapshot: AccessSnapshot, category: AccessCategory): RecordEntries {
  // No prototype: a login may well be "constructor" or "__proto__".
  const out = Object.create(null) as RecordEntries;
  switch (category) {
    case "collaborators":
      for (const c of snapshot.collaborators) out[c.login] = `${c.customRole ?? c.permission}${c.outside ? " outside" : ""}`;
      break;
    case "teams":
      for (const t of snapshot.teams) out[t.slug] = t.permission;
      break;
    case "membersWithout2fa":
      for (const login of snapshot.membersWithout2fa) out[login] = "";
      break;
    case "deployKeys":
      for (const k of snapshot.deployKeys) out[String(k.id)] = `${k.readOnly ? "read" : "write"} ${k.title}`;
      break;
    case "secrets":
      for (const s of snapshot.secrets) out[secretKey(s)] = s.updatedAt;
      break;
    case "environments":
      for (const e of snapshot.environments) out[e.name] = protectionSummary(e);
      break;
  }
  return out;
}

/** Scope, environment and name, one per line: secret names are [A-Z0-9_] and scopes are words, so it splits back. */
function secretKey(secret: SecretAccess): string {
  return `${secret.scope}\n${secret.environment ?? ""}\n${secret.name}`;
}

function secretOfKey(key: string): Pick<SecretAccess, "scope" | "environment" | "name"> {
  const first = key.indexOf("\n");
  const last = key.lastIndexOf("\n");
  const scope = key.slice(0, first) as SecretScope;
  return { scope, environment: scope === "environment" ? key.slice(first + 1, last) : null, name: key.slice(last + 1) };
}

function secretText(secret: Pick<SecretAccess, "scope" | "environment" | "name">): string {
  switch (secret.scope) {
    case "environment":
      return `secret ${quoted(secret.name)} of environment ${quoted(secret.environment ?? "")}`;
    case "organization":
      return `organization secret ${quoted(secret.name)} (shared with this repository)`;
    case "dependabot":
      return `Dependabot secret ${quoted(secret.name)}`;
    default:
      return `Actions secret ${quoted(secret.name)}`;
  }
}

function protectionSummary(environment: EnvironmentAccess): string {
  const reviewers = environment.requiredReviewers.length > 0 ? `reviewers ${[...environment.requiredReviewers].sort().join(", ")}${environment.preventSelfReview ? " (no self-review)" : ""}` : "no required reviewers";
  const wait = environment.waitTimerMinutes > 0 ? `, wait ${environment.waitTimerMinutes} min` : "";
  const policy = environment.branchPolicy;
  const branches = policy.kind === "all" ? "any branch" : policy.kind === "protected" ? "protected branches" : `branches ${policy.patterns.join(", ") || "(none)"}`;
  return `${reviewers}${wait}, ${branches}`;
}

function encodeRecord(record: ReviewRecord): string {
  return `${RECORD_PREFIX}${deflateRawSync(Buffer.from(JSON.stringify(record), "utf8")).toString("base64url")}${RECORD_SUFFIX}`;
}

/**
 * The record of this review: the categories read completely, the largest dropped while it does not fit (the next
 * review then says it has no difference for them, rather than reporting everything as new).
 */
function recordOf(snapshot: AccessSnapshot, now: Date): { text: string; left: AccessCategory[] } {
  const entries: Partial<Record<AccessCategory, RecordEntries>> = {};
  for (const category of ACCESS_CATEGORIES) if (snapshot.coverage[category] === "complete") entries[category] = entriesOf(snapshot, category);
  const record: ReviewRecord = { v: RECORD_VERSION, at: now.toISOString(), repository: snapshot.repository, entries };
  const left: AccessCategory[] = [];
  let text = encodeRecord(record);
  while (text.length > MAX_RECORD_CHARS) {
    const largest = (Object.keys(entries) as AccessCategory[]).sort((a, b) => Object.keys(entries[b] ?? {}).length - Object.keys(entries[a] ?? {}).length)[0];
    if (largest === undefined) break;
    delete entries[largest];
    left.push(largest);
    text = encodeRecord(record);
  }
  return { text, left };
}

/** The previous record found in an issue body; "unreadable" when a marker is there but does not decode. */
export function parseAccessRecord(body: string | null): ReviewRecord | "unreadable" | null {
  if (!body) return null;
  const start = body.indexOf(RECORD_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(RECORD_SUFFIX, start + RECORD_PREFIX.length);
  if (end < 0) return "unreadable";
  let data: unknown;
  try {
    // maxOutputLength: a hostile edit of the record cannot inflate into gigabytes.
    data = JSON.parse(inflateRawSync(Buffer.from(body.slice(start + RECORD_PREFIX.length, end), "base64url"), { maxOutputLength: 4_000_000 }).toString("utf8"));
  } catch {
    return "unreadable";
  }
  return validRecord(data) ?? "unreadable";
}

/**
 * A name that cannot open or close an HTML comment, even inside a code span: the checklist keeps each item's id in
 * a hidden comment on its line, and a key titled `<!-- shipgate:... -->` must not look like one. A zero-width
 * space keeps it reading as written.
 */
function inert(text: string): string {
  return text.replace(/<!/g, "<\u200B!").replace(/-(?=-)/g, "-\u200B");
}

/** An untrusted name, shown literally. */
function quoted(text: string): string {
  return codeSpan(inert(text));
}

/** Untrusted text in a sentence. */
function prose(text: string): string {
  return literalMarkdown(inert(text));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function validRecord(data: unknown): ReviewRecord | undefined {
  if (!isObject(data) || data.v !== RECORD_VERSION || typeof data.at !== "string" || Number.isNaN(Date.parse(data.at)) || typeof data.repository !== "string" || !isObject(data.entries)) return undefined;
  const entries: Partial<Record<AccessCategory, RecordEntries>> = {};
  for (const category of ACCESS_CATEGORIES) {
    const value = data.entries[category];
    if (value === undefined) continue;
    if (!isObject(value) || !Object.values(value).every((v) => typeof v === "string")) return undefined;
    entries[category] = value as RecordEntries;
  }
  return { v: RECORD_VERSION, at: data.at, repository: data.repository, entries };
}

const CATEGORY_NAMES: Record<AccessCategory, string> = {
  collaborators: "Collaborators",
  teams: "Teams",
  membersWithout2fa: "Members without two-factor authentication",
  deployKeys: "Deploy keys",
  secrets: "Secrets",
  environments: "Environments",
};

/** How an entry of the record reads in the preface (key and value are untrusted). */
function entryText(category: AccessCategory, key: string, value: string): string {
  switch (category) {
    case "collaborators":
    case "teams":
      return `${quoted(key)} (${prose(value)})`;
    case "membersWithout2fa":
      return quoted(key);
    case "deployKeys": {
      const { access, title } = deployKeyValue(value);
      return `${quoted(title)} (id ${prose(key)}, ${access})`;
    }
    case "secrets":
      return `${secretText(secretOfKey(key))} (updated ${prose(value)})`;
    case "environments":
      return `${quoted(key)} (${prose(value)})`;
  }
}

function listed(texts: string[]): string {
  const shown = texts.slice(0, MAX_LISTED).join(", ");
  return texts.length > MAX_LISTED ? `${shown} and ${texts.length - MAX_LISTED} more` : shown;
}

function differenceLines(previous: ReviewRecord, current: Partial<Record<AccessCategory, RecordEntries>>, snapshot: AccessSnapshot): string[] {
  const lines: string[] = [];
  for (const category of ACCESS_CATEGORIES) {
    const before = previous.entries[category];
    const now = current[category];
    const name = CATEGORY_NAMES[category];
    if (!now) {
      lines.push(`- ${name}: no difference computed, ${snapshot.coverage[category] === "complete" ? "too large for this review's record" : `not read completely this time`}.`);
      continue;
    }
    if (!before) {
      lines.push(`- ${name}: no difference computed, the previous review did not record them.`);
      continue;
    }
    const added = Object.keys(now).filter((k) => !Object.hasOwn(before, k)).sort();
    const removed = Object.keys(before).filter((k) => !Object.hasOwn(now, k)).sort();
    const changed = Object.keys(now).filter((k) => Object.hasOwn(before, k) && before[k] !== now[k]).sort();
    if (added.length + removed.length + changed.length === 0) {
      lines.push(`- ${name}: unchanged.`);
      continue;
    }
    const parts: string[] = [];
    if (added.length > 0) parts.push(`added ${listed(added.map((k) => entryText(category, k, now[k] ?? "")))}`);
    if (removed.length > 0) parts.push(`removed ${listed(removed.map((k) => entryText(category, k, before[k] ?? "")))}`);
    if (changed.length > 0) parts.push(`changed ${listed(changed.map((k) => `${entryText(category, k, before[k] ?? "")} → ${prose(changedValue(category, now[k] ?? ""))}`))}`);
    lines.push(`- ${name}: ${parts.join("; ")}.`);
  }
  return lines;
}

/** A deploy key's record value: its access, a space, its title (which may hold anything). */
function deployKeyValue(value: string): { access: string; title: string } {
  const cut = value.indexOf(" ");
  const access = value.slice(0, cut < 0 ? value.length : cut);
  return { access: access === "write" ? "write" : "read", title: cut < 0 ? "" : value.slice(cut + 1) };
}

function changedValue(category: AccessCategory, value: string): string {
  if (category !== "deployKeys") return value;
  const { access, title } = deployKeyValue(value);
  return `${title}, ${access}`;
}

/** An id of [a-z0-9.-], at most 62 characters (the checklist takes 64): readable, unique by a hash of the exact key. */
function itemId(kind: string, key: string, label = key): string {
  const readable = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 24).replace(/^-+|-+$/g, "");
  const hash = createHash("sha256").update(`${kind}\n${key}`).digest("hex").slice(0, 8);
  return `access.${kind}.${readable ? `${readable}.` : ""}${hash}`;
}

function ageDays(since: string, now: Date): number {
  return (now.getTime() - Date.parse(since)) / DAY_MS;
}

/** Older than `maxDays`: a day is 24 h, and exactly `maxDays` old is still within the limit. */
function olderThan(since: string, maxDays: number, now: Date): boolean {
  return now.getTime() - Date.parse(since) > maxDays * DAY_MS;
}

function roleText(c: CollaboratorAccess): string {
  return c.customRole ? `${prose(c.customRole)} (custom role, ${c.permission})` : c.permission;
}

export function isProductionLike(name: string, words: readonly string[]): boolean {
  const wanted = new Set(words.map((w) => w.toLowerCase()));
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((part) => wanted.has(part));
}

function findings(snapshot: AccessSnapshot, settings: AccessReviewSettings, now: Date): AccessReviewItem[] {
  const items: AccessReviewItem[] = [];
  const privileged = new Set(settings.privilegedPermissions);
  const byName = <T>(name: (t: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b));
  const rank = (p: RepoPermission) => -REPO_PERMISSIONS.indexOf(p);

  // The owner of a user's repository is its admin by definition: nothing to confirm.
  const owner = snapshot.ownerType === "User" ? snapshot.repository.split("/")[0]?.toLowerCase() : undefined;
  for (const c of [...snapshot.collaborators].sort((a, b) => rank(a.permission) - rank(b.permission) || a.login.localeCompare(b.login))) {
    if (c.login.toLowerCase() === owner) continue;
    if (c.outside && REPO_PERMISSIONS.indexOf(c.permission) >= REPO_PERMISSIONS.indexOf("write")) {
      items.push({ id: itemId("outside", c.login), text: `Fix or confirm: outside collaborator ${quoted(c.login)} has ${roleText(c)} access; lower it to read or record why it is needed.` });
    } else if (privileged.has(c.permission)) {
      items.push({ id: itemId("collaborator", c.login), text: `Confirm ${roleText(c)} access of ${c.outside ? "outside collaborator" : "collaborator"} ${quoted(c.login)} is still needed.` });
    }
  }
  for (const t of [...snapshot.teams].sort((a, b) => rank(a.permission) - rank(b.permission) || a.slug.localeCompare(b.slug))) {
    if (privileged.has(t.permission)) items.push({ id: itemId("team", t.slug), text: `Confirm ${t.permission} access of team ${quoted(t.slug)} and its members are still needed.` });
  }
  for (const login of [...snapshot.membersWithout2fa].sort()) {
    items.push({ id: itemId("no-2fa", login), text: `Fix: organization member ${quoted(login)} has no two-factor authentication; have it enabled or remove the member.` });
  }
  for (const key of [...snapshot.deployKeys].sort(byName((k) => k.title))) {
    const name = `deploy key ${quoted(key.title)} (id ${key.id})`;
    if (!key.readOnly) items.push({ id: itemId("deploy-key-write", String(key.id)), text: `Fix or confirm: ${name} can write (push); make it read-only unless pushing is its job.` });
    if (olderThan(key.createdAt, settings.deployKeyMaxAgeDays, now)) {
      items.push({ id: itemId("deploy-key-age", String(key.id)), text: `Fix: rotate ${name}, created ${Math.floor(ageDays(key.createdAt, now))} days ago (policy: at most ${settings.deployKeyMaxAgeDays}).` });
    }
    const idle = settings.deployKeyMaxIdleDays;
    if (idle !== null && key.lastUsed !== undefined) {
      const since = key.lastUsed ?? key.createdAt;
      if (olderThan(since, idle, now)) {
        const when = key.lastUsed ? `last used ${Math.floor(ageDays(key.lastUsed, now))} days ago` : `never used in ${Math.floor(ageDays(key.createdAt, now))} days`;
        items.push({ id: itemId("deploy-key-idle", String(key.id)), text: `Fix or confirm: ${name} was ${when} (policy: at most ${idle} idle); remove it if nothing needs it.` });
      }
    }
  }
  const scopeRank = (secret: SecretAccess) => SECRET_SCOPES.indexOf(secret.scope);
  for (const secret of [...snapshot.secrets].sort((a, b) => scopeRank(a) - scopeRank(b) || secretKey(a).localeCompare(secretKey(b)))) {
    if (!olderThan(secret.updatedAt, settings.secretMaxAgeDays, now)) continue;
    const label = [secret.environment, ["organization", "dependabot"].includes(secret.scope) ? secret.scope : null, secret.name].filter(Boolean).join(" ");
    items.push({
      id: itemId("secret-age", secretKey(secret), label),
      text: `Fix: rotate ${secretText(secret)}, last updated ${Math.floor(ageDays(secret.updatedAt, now))} days ago (policy: at most ${settings.secretMaxAgeDays}).`,
    });
  }
  for (const environment of [...snapshot.environments].sort(byName((e) => e.name))) {
    if (!isProductionLike(environment.name, settings.productionEnvironments)) continue;
    const name = quoted(environment.name);
    if (environment.requiredReviewers.length === 0) {
      items.push({ id: itemId("environment-reviewers", environment.name), text: `Fix: production-like environment ${name} has no required reviewers (${prose(protectionSummary(environment))}); add them.` });
    } else {
      items.push({ id: itemId("environment", environment.name), text: `Confirm the protection of environment ${name}: ${prose(protectionSummary(environment))}.` });
    }
  }
  for (const unseen of snapshot.unseen) {
    items.push({ id: itemId("unseen", unseen.what), text: `Check by hand (the token could not see it): ${prose(unseen.what)}.` });
  }
  return items;
}

function prefaceOf(snapshot: AccessSnapshot, previous: ReviewRecord | "unreadable" | null, current: Partial<Record<AccessCategory, RecordEntries>>, left: AccessCategory[]): string {
  const lines: string[] = [`### Access review of ${quoted(snapshot.repository)}`, ""];
  if (previous === null) lines.push("First review: no earlier record, so no difference to show.");
  else if (previous === "unreadable") lines.push("The previous review's record could not be read (edited or cut), so no difference to show.");
  else if (previous.repository.toLowerCase() !== snapshot.repository.toLowerCase()) lines.push(`The previous record is of ${quoted(previous.repository)}, another repository, so no difference to show.`);
  else lines.push(`Since the previous review (${new Date(previous.at).toISOString().slice(0, 10)}):`, "", ...differenceLines(previous, current, snapshot));
  if (left.length > 0) lines.push("", `Too many entries to keep in this review's record: ${left.map((c) => CATEGORY_NAMES[c].toLowerCase()).join(", ")}; the next review shows no difference for them.`);
  lines.push("");
  if (snapshot.unseen.length === 0) lines.push("The token could read everything this review covers.");
  else {
    lines.push("**Not seen by the token** (each is an item to check by hand):", "");
    for (const u of snapshot.unseen) lines.push(`- ${prose(u.what)}: ${prose(u.why)}`);
  }
  return lines.join("\n");
}

export function accessReview(snapshot: AccessSnapshot, previousRecord: string | null, settings: AccessReviewSettings, now: Date): AccessReview {
  const { text, left } = recordOf(snapshot, now);
  const current = (parseAccessRecord(text) as ReviewRecord).entries;
  return {
    items: findings(snapshot, settings, now),
    preface: prefaceOf(snapshot, parseAccessRecord(previousRecord), current, left),
    record: text,
  };
}
