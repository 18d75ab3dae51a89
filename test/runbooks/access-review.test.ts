import { describe, expect, it } from "vitest";
import type { AccessSnapshot } from "../../src/runbooks/access-review.ts";
import { accessReview, MAX_RECORD_CHARS, parseAccessRecord } from "../../src/runbooks/access-review.ts";
import { accessReviewSettingsOf, DEFAULT_ACCESS_REVIEW_SETTINGS } from "../../src/runbooks/access-review-settings.ts";

const NOW = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function snapshot(change: Partial<AccessSnapshot> = {}): AccessSnapshot {
  return {
    repository: "acme/app",
    ownerType: "Organization",
    collaborators: [
      { login: "alice", permission: "admin", customRole: null, outside: false },
      { login: "dave", permission: "write", customRole: null, outside: true },
      { login: "erin", permission: "read", customRole: null, outside: false },
    ],
    teams: [
      { slug: "ops", permission: "write" },
      { slug: "readers", permission: "read" },
    ],
    membersWithout2fa: ["bob"],
    deployKeys: [{ id: 7, title: "mirror", readOnly: true, createdAt: ago(10 * DAY), lastUsed: ago(DAY) }],
    secrets: [{ name: "NPM_TOKEN", scope: "repository", environment: null, updatedAt: ago(10 * DAY) }],
    environments: [{ name: "production", requiredReviewers: ["team:ops"], preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: { kind: "protected" } }],
    coverage: { collaborators: "complete", teams: "complete", membersWithout2fa: "complete", deployKeys: "complete", secrets: "complete", environments: "complete" },
    unseen: [],
    ...change,
  };
}

const review = (s: AccessSnapshot, previous: string | null = null, now = NOW) => accessReview(s, previous, DEFAULT_ACCESS_REVIEW_SETTINGS, now);
const ids = (s: AccessSnapshot, now = NOW) => review(s, null, now).items.map((i) => i.id.split(".")[1]);

describe("accessReview: the difference from the previous review", () => {
  it("lists what was added, removed and changed since the last record, category by category", () => {
    const first = review(snapshot());
    const later = snapshot({
      collaborators: [
        { login: "alice", permission: "maintain", customRole: null, outside: false },
        { login: "erin", permission: "read", customRole: null, outside: false },
        { login: "frank", permission: "admin", customRole: null, outside: false },
      ],
      teams: [{ slug: "ops", permission: "write" }],
      deployKeys: [{ id: 7, title: "mirror", readOnly: false, createdAt: ago(10 * DAY), lastUsed: ago(DAY) }],
      secrets: [{ name: "NPM_TOKEN", scope: "repository", environment: null, updatedAt: ago(DAY) }],
    });
    const preface = review(later, first.record, new Date(NOW.getTime() + 90 * DAY)).preface;
    expect(preface).toContain("Since the previous review (2026-12-01):");
    expect(preface).toContain("- Collaborators: added `frank` (admin); removed `dave` (write outside); changed `alice` (admin) → maintain.");
    expect(preface).toContain("- Teams: removed `readers` (read).");
    expect(preface).toContain("- Members without two-factor authentication: unchanged.");
    expect(preface).toContain("- Deploy keys: changed `mirror` (id 7, read) → mirror, write.");
    expect(preface).toMatch(/- Secrets: changed Actions secret `NPM_TOKEN` \(updated 2026-11-21T12:00:00\.000Z\) → 2026-11-30T12:00:00\.000Z\./);
    expect(preface).toContain("- Environments: unchanged.");
  });

  it("computes no difference for a category the token could not read this time, instead of calling it all removed", () => {
    const first = review(snapshot());
    const blind = snapshot({ membersWithout2fa: [], coverage: { ...snapshot().coverage, membersWithout2fa: "unseen" }, unseen: [{ what: "organization members without two-factor authentication (GET /orgs/acme/members?filter=2fa_disabled)", why: "HTTP 403 (the token lacks the permission)" }] });
    const preface = review(blind, first.record).preface;
    expect(preface).toContain("- Members without two-factor authentication: no difference computed, not read completely this time.");
    expect(preface).not.toContain("removed `bob`");
    expect(preface).toContain("- organization members without two-factor authentication (GET /orgs/acme/members?filter=2fa\\_disabled): HTTP 403 (the token lacks the permission)");
    // Its own record keeps what it read and leaves out what it did not.
    expect(parseAccessRecord(review(blind).record)).toMatchObject({ entries: { collaborators: expect.any(Object) } });
    expect((parseAccessRecord(review(blind).record) as { entries: object }).entries).not.toHaveProperty("membersWithout2fa");
  });

  it("says so when there is no previous record, when it was damaged, and when it is another repository's", () => {
    expect(review(snapshot()).preface).toContain("First review");
    const damaged = review(snapshot()).record.replace(/shipgate:access-review (.{10})/, "shipgate:access-review XXXXXXXXXX");
    expect(review(snapshot(), damaged).preface).toContain("could not be read");
    const other = review(snapshot({ repository: "acme/other" })).record;
    expect(review(snapshot(), other).preface).toContain("is of `acme/other`, another repository");
  });

  it("compares logins that are also names of object properties as any other", () => {
    const people = (logins: string[]) => snapshot({ collaborators: logins.map((login) => ({ login, permission: "write" as const, customRole: null, outside: false })) });
    const first = review(people(["toString", "__proto__"]));
    expect(review(people(["constructor", "__proto__"]), first.record).preface).toContain("- Collaborators: added `constructor` (write); removed `toString` (write).");
  });

  it("finds the record inside a whole issue body edited by people", () => {
    const body = `Some notes\n\n${review(snapshot()).record}\n\n- [x] done`;
    expect(review(snapshot(), body).preface).toContain("- Teams: unchanged.");
  });

  it("keeps the record within its share of an issue body, dropping the largest category and saying so", () => {
    // Random-looking logins do not compress away.
    const many = Array.from({ length: 4000 }, (_, i) => ({ login: `user-${(i * 2654435761).toString(36)}-${i}`, permission: "write" as const, customRole: null, outside: false }));
    const big = review(snapshot({ collaborators: many }));
    expect(big.record.length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    expect(big.preface).toContain("Too many entries to keep in this review's record: collaborators");
    const next = review(snapshot({ collaborators: many }), big.record).preface;
    expect(next).toContain("- Collaborators: no difference computed, too large for this review's record.");
    expect(next).toContain("- Teams: unchanged.");
  });
});

describe("accessReview: findings", () => {
  it("asks to confirm admins, maintainers and writers, to fix or confirm outside writers, to fix members without 2FA", () => {
    const items = review(snapshot()).items;
    expect(items.map((i) => i.text)).toEqual(
      expect.arrayContaining([
        "Confirm admin access of collaborator `alice` is still needed.",
        "Fix or confirm: outside collaborator `dave` has write access; lower it to read or record why it is needed.",
        "Confirm write access of team `ops` and its members are still needed.",
        "Fix: organization member `bob` has no two-factor authentication; have it enabled or remove the member.",
        "Confirm the protection of environment `production`: reviewers team:ops, protected branches.",
      ]),
    );
    expect(items.some((i) => i.text.includes("erin") || i.text.includes("readers"))).toBe(false);
  });

  it("does not ask to confirm the owner of a user's repository, who is its admin by definition", () => {
    const personal = snapshot({
      repository: "jane/site",
      ownerType: "User",
      collaborators: [
        { login: "jane", permission: "admin", customRole: null, outside: false },
        { login: "kim", permission: "write", customRole: null, outside: false },
      ],
      teams: [],
      membersWithout2fa: [],
    });
    expect(review(personal).items.filter((i) => i.id.startsWith("access.collaborator.")).map((i) => i.text)).toEqual(["Confirm write access of collaborator `kim` is still needed."]);
  });

  it("counts the roles the settings call privileged", () => {
    const settings = accessReviewSettingsOf({ "privileged-permissions": ["admin"] });
    const texts = accessReview(snapshot(), null, settings, NOW).items.map((i) => i.text);
    expect(texts.some((t) => t.includes("team `ops`"))).toBe(false);
    expect(texts.some((t) => t.includes("`alice`"))).toBe(true);
    // An outside collaborator with write stays listed whatever the settings.
    expect(texts.some((t) => t.includes("`dave`"))).toBe(true);
  });

  it("rotates a secret older than the maximum age, and not one exactly at it", () => {
    const at = (ms: number) => snapshot({ secrets: [{ name: "NPM_TOKEN", scope: "repository", environment: null, updatedAt: ago(ms) }] });
    expect(ids(at(90 * DAY))).not.toContain("secret-age");
    expect(ids(at(90 * DAY + 1000))).toContain("secret-age");
    const item = review(at(91 * DAY)).items.find((i) => i.id.startsWith("access.secret-age."));
    expect(item?.text).toBe("Fix: rotate Actions secret `NPM_TOKEN`, last updated 91 days ago (policy: at most 90).");
  });

  it("rotates a deploy key older than its maximum age and removes one idle too long, each at its boundary", () => {
    const key = (created: number, lastUsed: number | null | undefined) =>
      snapshot({ deployKeys: [{ id: 7, title: "mirror", readOnly: true, createdAt: ago(created), ...(lastUsed === undefined ? {} : { lastUsed: lastUsed === null ? null : ago(lastUsed) }) }] });
    expect(ids(key(365 * DAY, DAY))).not.toContain("deploy-key-age");
    expect(ids(key(365 * DAY + 1000, DAY))).toContain("deploy-key-age");
    expect(ids(key(200 * DAY, 90 * DAY))).not.toContain("deploy-key-idle");
    expect(ids(key(200 * DAY, 90 * DAY + 1000))).toContain("deploy-key-idle");
    expect(review(key(100 * DAY, null)).items.map((i) => i.text)).toContain("Fix or confirm: deploy key `mirror` (id 7) was never used in 100 days (policy: at most 90 idle); remove it if nothing needs it.");
    // A GitHub that does not report the last use is not taken as "never used".
    expect(ids(key(200 * DAY, undefined))).not.toContain("deploy-key-idle");
    expect(ids(key(200 * DAY, null))).toContain("deploy-key-idle");
  });

  it("applies the policy's maximum ages and turns the idle check off with 0", () => {
    const settings = accessReviewSettingsOf({ "secret-max-age-days": 30, "deploy-key-max-idle-days": 0 });
    const s = snapshot({ secrets: [{ name: "S", scope: "environment", environment: "production", updatedAt: ago(31 * DAY) }], deployKeys: [{ id: 7, title: "k", readOnly: true, createdAt: ago(300 * DAY), lastUsed: null }] });
    const texts = accessReview(s, null, settings, NOW).items.map((i) => i.text);
    expect(texts).toContain("Fix: rotate secret `S` of environment `production`, last updated 31 days ago (policy: at most 30).");
    expect(texts.some((t) => t.includes("never used"))).toBe(false);
  });

  it("asks for required reviewers on production-like environments only", () => {
    const environments = ["production", "eu-prod", "Live_2", "staging", "productive-lab"].map((name) => ({ name, requiredReviewers: [], preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: { kind: "all" as const } }));
    const texts = review(snapshot({ environments })).items.filter((i) => i.id.startsWith("access.environment-reviewers.")).map((i) => i.text);
    expect(texts).toEqual([
      "Fix: production-like environment `eu-prod` has no required reviewers (no required reviewers, any branch); add them.",
      "Fix: production-like environment `Live_2` has no required reviewers (no required reviewers, any branch); add them.",
      "Fix: production-like environment `production` has no required reviewers (no required reviewers, any branch); add them.",
    ]);
  });

  it("gives every finding a stable id of safe characters, the same in the next review", () => {
    const a = review(snapshot()).items.map((i) => i.id);
    const b = review(snapshot(), review(snapshot()).record).items.map((i) => i.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(id).toMatch(/^access\.[a-z0-9-]+\.([a-z0-9-]+\.)?[0-9a-f]{8}$/);
    const long = review(snapshot({ environments: [{ name: "production-".repeat(20), requiredReviewers: [], preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: { kind: "all" } }] })).items;
    expect(long.find((i) => i.id.startsWith("access.environment-reviewers."))?.id.length).toBeLessThanOrEqual(62);
  });
});

describe("accessReview: untrusted names", () => {
  const hostile = "x`<!-- --> @admins [a](javascript:alert(1)) <img src=x> \u001b[31m\u202e";
  const s = snapshot({
    teams: [{ slug: hostile, permission: "admin" }],
    deployKeys: [{ id: 9, title: hostile, readOnly: false, createdAt: ago(DAY), lastUsed: ago(DAY) }],
    secrets: [{ name: hostile, scope: "environment", environment: hostile, updatedAt: ago(400 * DAY) }],
    environments: [{ name: `prod ${hostile}`, requiredReviewers: [`user:${hostile}`], preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: { kind: "custom", patterns: [hostile] } }],
    unseen: [{ what: `secrets of environment ${hostile}`, why: "HTTP 403" }],
  });

  it("never lets a name open HTML, a link, a mention or an escape sequence in items or preface", () => {
    const result = review(s, review(snapshot()).record);
    const shown = [result.preface, ...result.items.map((i) => i.text)];
    for (const text of shown) {
      // Not even inside a code span: the checklist keeps its hidden markers on the items' lines.
      expect(text).not.toMatch(/<!--|-->/);
      expect(text).not.toContain("\u001b");
      expect(text).not.toContain("\u202e");
      const outsideCode = text.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
      expect(outsideCode).not.toMatch(/<img|@admins|(?<!\\)\]\(javascript:/);
    }
    expect(result.preface).toContain("- Teams: added");
  });

  it("keeps names in the record encoded: nothing can end the hidden comment, and they come back exactly", () => {
    const { record } = review(s);
    expect(record).toMatch(/^<!-- shipgate:access-review [A-Za-z0-9_-]+ -->$/);
    const parsed = parseAccessRecord(record);
    expect(parsed).toMatchObject({ entries: { teams: { [hostile]: "admin" } } });
  });

  it("reads a hostile edit of the record as unreadable, not as data", () => {
    const bomb = `<!-- shipgate:access-review ${Buffer.from(JSON.stringify({ v: 1, at: "2026-01-01", repository: "acme/app", entries: { teams: { ops: 3 } } })).toString("base64url")} -->`;
    expect(parseAccessRecord(bomb)).toBe("unreadable");
    expect(review(snapshot(), bomb).preface).toContain("could not be read");
  });
});
