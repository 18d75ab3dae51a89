import { describe, expect, it } from "vitest";
import { approvalsSettingsOf, evaluateApprovals, type ApprovalsInput, type ApprovalsSettings } from "../../src/approvals/evaluate.ts";
import type { Review, ReviewState } from "../../src/approvals/reviews.ts";
import { validatePolicy } from "../../src/policy/validate.ts";
import type { ApprovalsPolicy } from "../../src/policy/types.ts";

const HEAD = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const OLD = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

let nextId = 1;
function review(author: string, state: ReviewState, minute: number, commitId = HEAD): Review {
  return { id: nextId++, author, state, commitId, submittedAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString() };
}

/** Settings exactly as the policy file gives them, defaults included. */
function settings(section: Record<string, unknown> = {}): ApprovalsSettings {
  return approvalsSettingsOf(validatePolicy({ gates: { approvals: section } }, "test").gates.approvals as ApprovalsPolicy);
}

function input(overrides: Partial<ApprovalsInput> = {}): ApprovalsInput {
  return {
    pullRequest: { author: "author", headSha: HEAD, lastPusher: "author" },
    reviews: [],
    changedFiles: ["src/app.ts"],
    codeowners: null,
    teams: {},
    permissions: { alice: "write", bob: "maintain", carol: "admin", dave: "read", author: "write", "deploy-bot[bot]": "write", "renovate[bot]": "write" },
    ...overrides,
  };
}

describe("counting approvals (default: 2 required, write access required)", () => {
  it.each([
    ["two approvals", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], {}, "pass", 2],
    ["one approval", [review("alice", "APPROVED", 1)], {}, "fail", 1],
    ["the same reviewer twice counts once", [review("alice", "APPROVED", 1), review("alice", "APPROVED", 2)], {}, "fail", 1],
    ["a later comment keeps the approval", [review("alice", "APPROVED", 1), review("alice", "COMMENTED", 2), review("bob", "APPROVED", 3)], {}, "pass", 2],
    ["a dismissed approval does not count", [review("alice", "DISMISSED", 1), review("bob", "APPROVED", 2)], {}, "fail", 1],
    ["the author's approval never counts", [review("author", "APPROVED", 1), review("alice", "APPROVED", 2)], {}, "fail", 1],
    ["as on GitHub, an app with write access counts", [review("renovate[bot]", "APPROVED", 1), review("alice", "APPROVED", 2)], {}, "pass", 2],
    ["as on GitHub, GitHub Actions' own approval (GITHUB_TOKEN) never counts", [review("github-actions[bot]", "APPROVED", 1), review("alice", "APPROVED", 2)], { "require-write-access": false }, "fail", 1],
    ["with bots: allowed-only, an unlisted bot does not count", [review("renovate[bot]", "APPROVED", 1), review("alice", "APPROVED", 2)], { bots: "allowed-only" }, "fail", 1],
    ["with bots: allowed-only, a listed bot counts", [review("deploy-bot[bot]", "APPROVED", 1), review("alice", "APPROVED", 2)], { bots: "allowed-only", "allowed-bots": ["Deploy-Bot[bot]"] }, "pass", 2],
    ["a listed bot named without the [bot] suffix counts", [review("deploy-bot[bot]", "APPROVED", 1), review("alice", "APPROVED", 2)], { bots: "allowed-only", "allowed-bots": ["deploy-bot"] }, "pass", 2],
    ["read access does not count", [review("dave", "APPROVED", 1), review("alice", "APPROVED", 2)], {}, "fail", 1],
    ["unknown permission does not count", [review("stranger", "APPROVED", 1), review("alice", "APPROVED", 2)], {}, "fail", 1],
    ["read access counts when write access is not required", [review("dave", "APPROVED", 1), review("alice", "APPROVED", 2)], { "require-write-access": false }, "pass", 2],
    ["an older commit's approval counts by default", [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2)], {}, "pass", 2],
    ["an older commit's approval does not count when head approvals are required", [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2)], { "require-head-commit": true }, "fail", 1],
    ["one approval suffices when 1 is required", [review("alice", "APPROVED", 1)], { required: 1 }, "pass", 1],
    ["zero required passes without reviews", [], { required: 0 }, "pass", 0],
  ])("%s", (_name, reviews, section, status, approvals) => {
    const result = evaluateApprovals(input({ reviews }), settings(section));
    expect(result.status).toBe(status);
    expect(result.metrics.approvals).toBe(approvals);
  });

  // GitHub: "the most recent reviewable push must be approved by someone other than the person who pushed it".
  it.each([
    ["two approvals of an older commit, then carol pushes: not approved since", [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2, OLD)], "carol", [], "fail"],
    ["the pusher's own approval of the head is not enough", [review("alice", "APPROVED", 1, OLD), review("carol", "APPROVED", 2)], "carol", [], "fail"],
    ["another person approves the head after carol's push", [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2)], "carol", [], "pass"],
    ["the pusher's approval still counts towards the number", [review("alice", "APPROVED", 1), review("carol", "APPROVED", 2)], "carol", [], "pass"],
    ["a push that left the diff unchanged (a rebase) needs no new approval", [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2, OLD)], "carol", [OLD], "pass"],
    ["alice pushed and approved the head: bob's approval of it is what counts", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], "alice", [], "pass"],
  ])("last-push approval: %s", (_name, reviews, pusher, sameDiff, status) => {
    const pr = { author: "author", headSha: HEAD, lastPusher: pusher };
    expect(evaluateApprovals(input({ reviews, pullRequest: pr, sameDiffAsHead: sameDiff }), settings()).status).toBe("pass");
    expect(evaluateApprovals(input({ reviews, pullRequest: pr, sameDiffAsHead: sameDiff }), settings({ "require-last-push-approval": true })).status).toBe(status);
    // The former key turns on the same rule.
    expect(evaluateApprovals(input({ reviews, pullRequest: pr, sameDiffAsHead: sameDiff }), settings({ "exclude-last-pusher": true })).status).toBe(status);
  });

  it("says which push needs approval and by whom", () => {
    const reviews = [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2, OLD)];
    const result = evaluateApprovals(input({ reviews, pullRequest: { author: "author", headSha: HEAD, lastPusher: "carol", lastPusherFrom: "from the repository's activity" } }), settings({ "require-last-push-approval": true }));
    expect(result.title).toBe("last push not approved by another person");
    expect(result.findings).toContainEqual({ level: "failure", message: "the most recent push (aaaaaaa, by @carol (from the repository's activity)) needs an approval from someone other than @carol, given after it; approvals of older commits do not count for it" });
  });

  it("fails closed when the last push must be approved but its pusher is unknown", () => {
    const reviews = [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)];
    const result = evaluateApprovals(input({ reviews, pullRequest: { author: "author", headSha: HEAD, lastPusher: null } }), settings({ "require-last-push-approval": true }));
    expect(result.status).toBe("fail");
    expect(result.title).toBe("last pusher unknown");
  });

  it("stale approvals: GitHub compares diffs, not commits", () => {
    const reviews = [review("alice", "APPROVED", 1, OLD), review("bob", "APPROVED", 2)];
    expect(evaluateApprovals(input({ reviews }), settings({ "require-head-commit": true })).status).toBe("fail");
    expect(evaluateApprovals(input({ reviews, sameDiffAsHead: [OLD] }), settings({ "require-head-commit": true })).status).toBe("pass");
  });

  it("says what is missing and why approvals did not count", () => {
    const result = evaluateApprovals(input({ reviews: [review("alice", "APPROVED", 1), review("dave", "APPROVED", 2)] }), settings());
    expect(result.title).toBe("1 of 2 approvals");
    expect(result.findings.slice(0, 2)).toEqual([
      { level: "notice", message: "the approval of @dave does not count: @dave has no write access (read)" },
      { level: "failure", message: "2 approvals required, 1 counted (@alice)" },
    ]);
    expect(result.summary).toContain("| @dave | approved | aaaaaaa | no: has no write access (read) |");
  });
});

describe("change requests", () => {
  it.each([
    ["an outstanding change request blocks", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "CHANGES_REQUESTED", 3)], {}, "fail"],
    ["a change request later approved does not block", [review("alice", "APPROVED", 1), review("carol", "CHANGES_REQUESTED", 2), review("carol", "APPROVED", 3)], {}, "pass"],
    ["a dismissed change request does not block", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "DISMISSED", 3)], {}, "pass"],
    ["a later comment keeps the change request", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "CHANGES_REQUESTED", 3), review("carol", "COMMENTED", 4)], {}, "fail"],
    ["a change request on an older commit still blocks", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "CHANGES_REQUESTED", 3, OLD)], {}, "fail"],
    ["a change request without write access does not block", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("dave", "CHANGES_REQUESTED", 3)], {}, "pass"],
    ["change requests do not block when configured", [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "CHANGES_REQUESTED", 3)], { "block-on-change-requests": false }, "pass"],
  ])("%s", (_name, reviews, section, status) => {
    expect(evaluateApprovals(input({ reviews }), settings(section)).status).toBe(status);
  });

  it("names the reviewer", () => {
    const result = evaluateApprovals(input({ reviews: [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2), review("carol", "CHANGES_REQUESTED", 3)] }), settings());
    expect(result.title).toBe("changes requested by @carol");
  });
});

describe("code owners", () => {
  const codeowners = { path: ".github/CODEOWNERS", text: "* @alice\n/infra/ @octo/platform\n*.md docs@example.com\n/vendor/\n" };
  const teams = { "octo/platform": ["carol", "erin"] };
  const emails = { "docs@example.com": "bob" };

  it.each([
    ["owner user approved", ["src/a.ts"], [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], "pass"],
    ["owner user missing", ["src/a.ts"], [review("bob", "APPROVED", 1), review("carol", "APPROVED", 2)], "fail"],
    ["team member approved", ["infra/main.tf"], [review("carol", "APPROVED", 1), review("bob", "APPROVED", 2)], "pass"],
    ["team owner missing", ["infra/main.tf"], [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], "fail"],
    ["owner by email approved", ["README.md"], [review("bob", "APPROVED", 1), review("carol", "APPROVED", 2)], "pass"],
    ["unowned files need no owner", ["vendor/lib.js"], [review("bob", "APPROVED", 1), review("carol", "APPROVED", 2)], "pass"],
    ["every file needs its owners", ["src/a.ts", "infra/main.tf"], [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], "fail"],
  ])("%s", (_name, changedFiles, reviews, status) => {
    expect(evaluateApprovals(input({ reviews, changedFiles, codeowners, teams, emails }), settings()).status).toBe(status);
  });

  it("ignores code owners that do not exist or lack write access, as GitHub does", () => {
    const reviews = [review("bob", "APPROVED", 1), review("carol", "APPROVED", 2)];
    // @alice owns src/: required while her access is unknown or confirmed, not once GitHub would not assign her.
    expect(evaluateApprovals(input({ reviews, changedFiles: ["src/a.ts"], codeowners, teams, emails }), settings()).status).toBe("fail");
    expect(evaluateApprovals(input({ reviews, changedFiles: ["src/a.ts"], codeowners, teams, emails, ownerAccess: { "@alice": true } }), settings()).status).toBe("fail");
    const result = evaluateApprovals(input({ reviews, changedFiles: ["src/a.ts"], codeowners, teams, emails, ownerAccess: { "@alice": false } }), settings());
    expect(result.status).toBe("pass");
    expect(result.findings).toContainEqual({ level: "notice", message: "@alice is named in .github/CODEOWNERS but does not exist or lacks write access: GitHub assigns no code-owner review to them, so their approval is not required", file: ".github/CODEOWNERS" });
    // A file with one valid owner left still needs that owner.
    const shared = { path: "CODEOWNERS", text: "* @alice @octo/platform\n" };
    expect(evaluateApprovals(input({ reviews: [review("bob", "APPROVED", 1), review("dave", "APPROVED", 2)], changedFiles: ["a"], codeowners: shared, teams, ownerAccess: { "@alice": false } }), settings({ "require-write-access": false })).status).toBe("fail");
    expect(evaluateApprovals(input({ reviews: [review("bob", "APPROVED", 1), review("carol", "APPROVED", 2)], changedFiles: ["a"], codeowners: shared, teams, ownerAccess: { "@alice": false } }), settings()).status).toBe("pass");
  });

  it("groups files by their owners in the findings", () => {
    const changedFiles = ["infra/a.tf", "infra/b.tf", "src/x.ts"];
    const result = evaluateApprovals(input({ reviews: [review("bob", "APPROVED", 1), review("dave", "APPROVED", 2)], changedFiles, codeowners, teams, emails }), settings({ required: 1 }));
    expect(result.findings.filter((f) => f.level === "failure").map((f) => f.message)).toEqual([
      "2 files need an approval from one of @octo/platform: infra/a.tf, infra/b.tf",
      "1 file needs an approval from one of @alice: src/x.ts",
    ]);
    expect(result.title).toBe("3 files without a code-owner approval");
    expect(result.metrics["files-without-owner-approval"]).toBe(3);
  });

  it("an author who owns the files cannot approve them", () => {
    const result = evaluateApprovals(input({ reviews: [review("bob", "APPROVED", 1)], pullRequest: { author: "alice", headSha: HEAD }, codeowners }), settings({ required: 1 }));
    expect(result.status).toBe("fail");
  });

  it("says when a team's membership is unknown", () => {
    const result = evaluateApprovals(input({ reviews: [review("carol", "APPROVED", 1)], changedFiles: ["infra/a.tf"], codeowners }), settings({ required: 1 }));
    expect(result.findings.at(-1)!.message).toBe("1 file needs an approval from one of @octo/platform (membership of @octo/platform was not provided): infra/a.tf");
  });

  it("ignores a CODEOWNERS file over 3 MB, as GitHub does, with a warning", () => {
    const huge = { path: ".github/CODEOWNERS", text: "* @alice\n" + "# padding\n".repeat(320_000) };
    const result = evaluateApprovals(input({ reviews: [review("bob", "APPROVED", 1)], codeowners: huge }), settings({ required: 1 }));
    expect(result.status).toBe("warn");
    expect(result.findings[0]!.message).toBe(".github/CODEOWNERS is larger than 3 MB, so GitHub does not load it: no code-owner approvals are required");
  });

  it("warns about skipped CODEOWNERS lines at their line", () => {
    const result = evaluateApprovals(input({ reviews: [review("alice", "APPROVED", 1)], codeowners: { path: "CODEOWNERS", text: "* @alice\n!x @bob\n" } }), settings({ required: 1 }));
    expect(result.status).toBe("warn");
    expect(result.findings).toContainEqual({ level: "warning", message: 'pattern "!x": negation with ! is not supported; the line is skipped', file: "CODEOWNERS", line: 2 });
  });

  it("notes when there is no CODEOWNERS file, and is silent when code owners are off", () => {
    const reviews = [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)];
    const withoutFile = evaluateApprovals(input({ reviews }), settings());
    expect(withoutFile.status).toBe("pass");
    expect(withoutFile.findings).toEqual([{ level: "notice", message: "no CODEOWNERS file in .github/, the repository root or docs/: no code-owner approvals are required" }]);
    expect(evaluateApprovals(input({ reviews }), settings({ codeowners: false })).findings).toEqual([]);
  });
});

describe("N-of-team rules", () => {
  const teamRules = [{ paths: ["infra/**", "*.tf"], team: "@octo/security", count: 1 }];
  const teams = { "octo/security": ["sec1", "sec2"] };
  const permissions = { alice: "write", bob: "write", sec1: "write", sec2: "write" } as const;

  it.each([
    ["matching files without a team approval", ["infra/k8s/deploy.yaml"], [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], 1, "fail"],
    ["matching files with a team approval", ["modules/net.tf"], [review("alice", "APPROVED", 1), review("sec1", "APPROVED", 2)], 1, "pass"],
    ["no matching file", ["src/a.ts"], [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], 1, "pass"],
    ["two from the team required, one given", ["infra/a"], [review("alice", "APPROVED", 1), review("sec1", "APPROVED", 2)], 2, "fail"],
    ["two from the team required and given", ["infra/a"], [review("sec2", "APPROVED", 1), review("sec1", "APPROVED", 2)], 2, "pass"],
  ])("%s", (_name, changedFiles, reviews, count, status) => {
    const rules = [{ ...teamRules[0]!, count }];
    const result = evaluateApprovals(input({ reviews, changedFiles, teams, permissions }), settings({ codeowners: false, "team-rules": rules }));
    expect(result.status).toBe(status);
  });

  it("explains a missing team approval", () => {
    const result = evaluateApprovals(input({ reviews: [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)], changedFiles: ["infra/a.tf"], teams, permissions }), settings({ codeowners: false, "team-rules": teamRules }));
    expect(result.title).toBe("0 of 1 from @octo/security");
    expect(result.findings.at(-1)!.message).toBe("1 approval from @octo/security required for infra/**, *.tf, 0 counted; files: infra/a.tf");
  });

  it("a pattern starting with ! excludes files, as in a ruleset's required reviewers", () => {
    const rules = [{ paths: ["infra/**", "!infra/docs/**"], team: "@octo/security", count: 1 }];
    const reviews = [review("alice", "APPROVED", 1), review("bob", "APPROVED", 2)];
    expect(evaluateApprovals(input({ reviews, changedFiles: ["infra/docs/readme.md"], teams, permissions }), settings({ "team-rules": rules })).status).toBe("pass");
    expect(evaluateApprovals(input({ reviews, changedFiles: ["infra/docs/readme.md", "infra/main.tf"], teams, permissions }), settings({ "team-rules": rules })).status).toBe("fail");
  });

  it("refuses an invalid path pattern, naming the key", () => {
    expect(() => evaluateApprovals(input(), settings({ "team-rules": [{ paths: ["src/**", "!!x"], team: "@o/t" }] }))).toThrow("gates.approvals.team-rules[0].paths[1]: negation with ! is not supported");
  });
});

describe("hundreds of reviews and files", () => {
  it("evaluates 300 reviews and 500 files", () => {
    const reviewers = Array.from({ length: 30 }, (_, i) => `r${i}`);
    const reviews = Array.from({ length: 300 }, (_, i) => review(reviewers[i % 30]!, i % 7 === 0 ? "COMMENTED" : i >= 270 ? "APPROVED" : "CHANGES_REQUESTED", i));
    const permissions = Object.fromEntries(reviewers.map((r) => [r, "write" as const]));
    const changedFiles = Array.from({ length: 500 }, (_, i) => `pkg${i % 10}/src/file${i}.ts`);
    const codeowners = { path: "CODEOWNERS", text: Array.from({ length: 10 }, (_, i) => `/pkg${i}/ @r${i * 3}`).join("\n") };
    const result = evaluateApprovals(input({ reviews, permissions, changedFiles, codeowners }), settings());
    // Each reviewer's last review is in 270..299: an approval, unless that one was a comment (i % 7 === 0).
    const commentedLast = reviewers.filter((_, r) => (270 + r) % 7 === 0);
    expect(result.metrics.approvals).toBe(30 - commentedLast.length);
    expect(result.status).toBe("fail");
    expect(result.title).toMatch(/^changes requested by @r/);
  });
});
