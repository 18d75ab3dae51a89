import { beforeEach, describe, expect, it } from "vitest";
import { runApprovalsGate } from "../../src/approvals/run.ts";
import type { ApprovalsSettings } from "../../src/approvals/evaluate.ts";
import { createApprovalsSource } from "../../src/github/approvals.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { addPush, addRuleset, grantTeam, nestTeam, setMergeQueue, setReviewProtection } from "../simulator/routes/rules.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const settings: ApprovalsSettings = {
  required: 2,
  requireHeadCommit: false,
  lastPushApproval: false,
  requireWriteAccess: true,
  bots: "as-github",
  allowedBots: [],
  codeowners: true,
  teamRules: [],
  blockOnChangeRequests: true,
  githubRules: true,
};

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSimulator();
});

function seedPull(reviewers: { user: string; state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" }[], files = ["src/a.ts"]) {
  const pull = sim.state.addPullRequest("acme/app", { user: "author", files: files.map((filename) => ({ filename, patch: "@@ -0,0 +1 @@\n+x" })) });
  for (const r of reviewers) {
    sim.state.setPermission("acme/app", r.user, "write");
    sim.state.addReview("acme/app", pull.number, r);
  }
  return pull;
}

describe("approvals through the GitHub adapter", () => {
  it("reads reviews, files, CODEOWNERS and team members, and passes with owner approvals", async () => {
    sim.state.setFile("acme/app", ".github/CODEOWNERS", "* @acme/core\n");
    sim.state.setTeam("acme/core", ["carol"]);
    grantTeam(sim.state, "acme/core", "acme/app", "push");
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, settings);
    expect(result.status).toBe("pass");
    expect(result.metrics.approvals).toBe(2);
    // The branch's two layers of rules are read together; the team's members and its access come in one request.
    const operations = sim.requests.map((r) => r.operationId);
    expect(operations[0]).toBe("graphql");
    expect(operations.slice(1, 3).sort()).toEqual(["repos/get-branch-rules", "repos/get-pull-request-review-protection"]);
    expect(operations.slice(3)).toEqual(["graphql"]);
  });

  it("fails without a code-owner approval and counts only reviewers with write access", async () => {
    sim.state.setFile("acme/app", "docs/CODEOWNERS", "*.ts @dave\n");
    sim.state.setPermission("acme/app", "dave", "write");
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    sim.state.setPermission("acme/app", "carol", "read");
    const { result } = await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, settings);
    expect(result.status).toBe("fail");
    expect(result.title).toMatch(/1 of 2 approvals; 1 file without a code-owner approval/);
  });

  it("warns when a team's members cannot be read", async () => {
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    const { result } = await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, { ...settings, teamRules: [{ paths: ["docs/**"], team: "@acme/docs", count: 1 }] });
    expect(result.findings.map((f) => f.message).join("\n")).toMatch(/members of @acme\/docs could not be read/);
    expect(result.status).toBe("warn");
  });

  it("finds the merged pull request of a deployed commit, and fails clearly when there is none", async () => {
    const pull = sim.state.addPullRequest("acme/app", { merged: true, files: [{ filename: "a" }] });
    sim.state.setPermission("acme/app", "bob", "write");
    sim.state.addReview("acme/app", pull.number, { user: "bob", state: "APPROVED" });
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const found = await runApprovalsGate(source, { sha: pull.mergeCommitSha! }, { ...settings, required: 1 });
    expect(found.result.status).toBe("pass");
    expect(found.result.metrics["pull-request"]).toBe(pull.number);
    const direct = sim.state.addCommit("acme/app", { branch: "main", message: "pushed directly" });
    const none = await runApprovalsGate(source, { sha: direct.sha }, settings);
    expect(none.result.status).toBe("fail");
    expect(none.result.title).toBe(`no merged pull request for ${direct.sha.slice(0, 7)}`);
  });

  it("pages through a team of more than 100 members", async () => {
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "member149", state: "APPROVED" }], ["infra/main.tf"]);
    sim.state.setTeam("acme/security", Array.from({ length: 150 }, (_, i) => `member${i}`));
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    expect((await source.teamsAndOwners(["acme/security"], [])).members["acme/security"]?.length).toBe(150);
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, { ...settings, teamRules: [{ paths: ["infra/**"], team: "@acme/security", count: 1 }] });
    expect(result.status).toBe("pass");
  });

  it("says clearly when the pull request does not exist", async () => {
    sim.state.addRepo("acme/app");
    await expect(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }).pullRequest(99)).rejects.toThrow(/reading pull request #99 of acme\/app failed: not found/);
  });
});

describe("the last push, as GitHub's repository activity records it", () => {
  it("fails two approvals of an older commit once someone else pushed, and names the pusher from the activity log", async () => {
    const base = sim.state.addCommit("acme/app", { branch: "main", message: "base" });
    const first = sim.state.addCommit("acme/app", { parents: [base.sha], message: "change", author: { login: "author" }, files: [{ filename: "src/a.ts", patch: "@@ -0,0 +1 @@\n+a" }] });
    const pull = sim.state.addPullRequest("acme/app", { user: "author", head: { ref: "feature", sha: first.sha } });
    for (const user of ["bob", "carol", "dave"]) sim.state.setPermission("acme/app", user, "write");
    sim.state.addReview("acme/app", pull.number, { user: "bob", state: "APPROVED" });
    sim.state.addReview("acme/app", pull.number, { user: "carol", state: "APPROVED" });
    // dave pushes a commit that the author wrote: the committer guess would say "author"; the activity says dave.
    const second = sim.state.addCommit("acme/app", { parents: [first.sha], message: "more", author: { login: "author" }, files: [{ filename: "src/b.ts", patch: "@@ -0,0 +1 @@\n+b" }] });
    sim.state.repo("acme", "app")!.pulls.get(pull.number)!.head.sha = second.sha;
    addPush(sim.state, "acme/app", { branch: "feature", before: first.sha, after: second.sha, actor: "dave" });
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });

    const without = await runApprovalsGate(source, { pullRequest: pull.number }, settings);
    expect(without.result.status).toBe("pass");
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, { ...settings, lastPushApproval: true });
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.message)).toContain(
      `the most recent push (${second.sha.slice(0, 7)}, by @dave (from the repository's activity)) needs an approval from someone other than @dave, given after it; approvals of older commits do not count for it`,
    );
    sim.state.addReview("acme/app", pull.number, { user: "dave", state: "APPROVED" });
    expect((await runApprovalsGate(source, { pullRequest: pull.number }, { ...settings, lastPushApproval: true })).result.status).toBe("fail");
    sim.state.addReview("acme/app", pull.number, { user: "bob", state: "APPROVED" });
    expect((await runApprovalsGate(source, { pullRequest: pull.number }, { ...settings, lastPushApproval: true })).result.status).toBe("pass");
  });

  it("keeps an approval across a rebase that leaves the diff unchanged, and not across one that changes it", async () => {
    const b0 = sim.state.addCommit("acme/app", { branch: "main", message: "base" });
    const change = { filename: "src/a.ts", patch: "@@ -0,0 +1 @@\n+a" };
    const h1 = sim.state.addCommit("acme/app", { parents: [b0.sha], message: "change", files: [change] });
    const pull = sim.state.addPullRequest("acme/app", { user: "author", head: { ref: "feature", sha: h1.sha } });
    for (const user of ["bob", "carol"]) sim.state.setPermission("acme/app", user, "write");
    sim.state.addReview("acme/app", pull.number, { user: "bob", state: "APPROVED" });
    const b1 = sim.state.addCommit("acme/app", { branch: "main", message: "elsewhere", files: [{ filename: "docs/x.md", patch: "@@ -0,0 +1 @@\n+x" }] });
    const rebased = sim.state.addCommit("acme/app", { parents: [b1.sha], message: "change", files: [change] });
    const repo = sim.state.repo("acme", "app")!;
    repo.pulls.get(pull.number)!.head.sha = rebased.sha;
    sim.state.addReview("acme/app", pull.number, { user: "carol", state: "APPROVED" });
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const stale = { ...settings, requireHeadCommit: true, codeowners: false };
    expect((await runApprovalsGate(source, { pullRequest: pull.number }, stale)).result.status).toBe("pass");

    const changed = sim.state.addCommit("acme/app", { parents: [rebased.sha], message: "more", files: [{ filename: "src/b.ts", patch: "@@ -0,0 +1 @@\n+b" }] });
    repo.pulls.get(pull.number)!.head.sha = changed.sha;
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, stale);
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.message)).toContain(`the approval of @bob does not count: @bob approved ${h1.sha.slice(0, 7)}, whose diff differs from the head commit ${changed.sha.slice(0, 7)}'s (a stale approval)`);
  });
});

describe("rulesets and branch protection: the most restrictive layer applies", () => {
  it("takes the largest count and every switch from the rulesets and branch protection, and says which layer required what", async () => {
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    const ruleset = addRuleset(sim.state, "acme/app", { branches: ["main"], pullRequest: { required_approving_review_count: 3, require_last_push_approval: true } });
    addRuleset(sim.state, "acme/app", { branches: ["other"], pullRequest: { required_approving_review_count: 9 } });
    addRuleset(sim.state, "acme/app", { enforcement: "evaluate", pullRequest: { required_approving_review_count: 8 } });
    setReviewProtection(sim.state, "acme/app", "main", { required_approving_review_count: 1, require_code_owner_reviews: true });
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, { ...settings, codeowners: false });
    expect(result.status).toBe("fail");
    expect(result.metrics.required).toBe(3);
    expect(result.title).toMatch(/2 of 3 approvals/);
    expect(result.summary).toContain(`| Requirement | policy file | ruleset ${ruleset.id} (acme/app) | branch protection of main | applied |`);
    expect(result.summary).toContain(`| Approvals | 2 | 3 | 1 | 3 |`);
    expect(result.summary).toContain(`| Code-owner review | no | no | yes | yes |`);
    expect(result.summary).toContain(`| Approval of the last push by another person | no | yes | no | yes |`);
  });

  it("never lowers the policy file's requirement, and warns when branch protection is hidden from the token", async () => {
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    addRuleset(sim.state, "acme/app", { pullRequest: { required_approving_review_count: 1 } });
    setReviewProtection(sim.state, "acme/app", "main", "hidden");
    const { result } = await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, settings);
    expect(result.metrics.required).toBe(2);
    expect(result.status).toBe("warn");
    expect(result.findings.map((f) => f.message)).toContain("the branch protection of main could not be read (the token needs administration: read): its required reviews, if any, are not applied here");
    expect((await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, { ...settings, githubRules: false })).result.status).toBe("pass");
  });

  it("applies a ruleset's required reviewers, `!` patterns excluding files", async () => {
    sim.state.setTeam("acme/security", ["sec"]);
    const teamId = grantTeam(sim.state, "acme/security", "acme/app", "push");
    addRuleset(sim.state, "acme/app", { sourceType: "Organization", pullRequest: { required_reviewers: [{ file_patterns: ["infra/**", "!infra/docs/**"], minimum_approvals: 1, reviewer: { id: teamId, type: "Team" } }] } });
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const docsOnly = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }], ["infra/docs/a.md"]);
    expect((await runApprovalsGate(source, { pullRequest: docsOnly.number }, settings)).result.status).toBe("pass");
    const infra = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }], ["infra/main.tf"]);
    const { result } = await runApprovalsGate(source, { pullRequest: infra.number }, settings);
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.message).join("\n")).toMatch(/1 approval from @acme\/security required for infra\/\*\*, !infra\/docs\/\*\* \(ruleset \d+ \(organization acme\)\), 0 counted/);
    sim.state.setPermission("acme/app", "sec", "write");
    sim.state.addReview("acme/app", infra.number, { user: "sec", state: "APPROVED" });
    expect((await runApprovalsGate(source, { pullRequest: infra.number }, settings)).result.status).toBe("pass");
  });
});

describe("code owners GitHub would not assign", () => {
  it("does not require an owner that does not exist, or a team without write access", async () => {
    sim.state.setFile("acme/app", ".github/CODEOWNERS", "*.ts @ghost-user\n*.md @acme/readers\n");
    sim.state.setTeam("acme/readers", ["rita"]);
    grantTeam(sim.state, "acme/readers", "acme/app", "pull");
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }], ["src/a.ts", "README.md"]);
    const { result } = await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, settings);
    expect(result.status).toBe("pass");
    expect(result.findings.map((f) => f.message)).toContain(
      "@acme/readers, @ghost-user are named in .github/CODEOWNERS but do not exist or lack write access: GitHub assigns no code-owner review to them, so their approval is not required",
    );
  });
});

describe("code owners through parent teams", () => {
  it("requires a code-owner team whose write access comes from its parent team, in one request for members and access", async () => {
    sim.state.setFile("acme/app", ".github/CODEOWNERS", "*.ts @acme/web-core\n");
    sim.state.setTeam("acme/web", ["wendy"]);
    sim.state.setTeam("acme/web-core", ["carol"]);
    grantTeam(sim.state, "acme/web", "acme/app", "push");
    nestTeam(sim.state, "acme/web-core", "acme/web");
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "dave", state: "APPROVED" }]);
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, settings);
    expect(result.status).toBe("fail");
    expect(result.title).toMatch(/1 file without a code-owner approval/);
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(2);
    sim.state.setPermission("acme/app", "carol", "write");
    sim.state.addReview("acme/app", pull.number, { user: "carol", state: "APPROVED" });
    expect((await runApprovalsGate(source, { pullRequest: pull.number }, settings)).result.status).toBe("pass");
  });

  it("drops the requirement once neither the team nor its parent may write", async () => {
    sim.state.setFile("acme/app", ".github/CODEOWNERS", "*.ts @acme/web-core\n");
    sim.state.setTeam("acme/web", ["wendy"]);
    sim.state.setTeam("acme/web-core", ["carol"]);
    grantTeam(sim.state, "acme/web", "acme/app", "triage");
    nestTeam(sim.state, "acme/web-core", "acme/web");
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "dave", state: "APPROVED" }]);
    const { result } = await runApprovalsGate(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }), { pullRequest: pull.number }, settings);
    expect(result.status).toBe("pass");
    expect(result.findings.map((f) => f.message).join("\n")).toMatch(/@acme\/web-core is named in .github\/CODEOWNERS but does not exist or lacks write access/);
  });
});

describe("merge queue and fork pull requests", () => {
  it("judges every pull request of a merge group, not the queue's temporary commit", async () => {
    const approved = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    const lacking = seedPull([{ user: "bob", state: "APPROVED" }]);
    const g1 = sim.state.addCommit("acme/app", { branch: "gh-readonly-queue/main/pr-1", message: "queue 1" });
    const g2 = sim.state.addCommit("acme/app", { parents: [g1.sha], message: "queue 2" });
    setMergeQueue(sim.state, "acme/app", "main", [{ pull: approved.number, headSha: g1.sha }, { pull: lacking.number, headSha: g2.sha }]);
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const first = await runApprovalsGate(source, { mergeGroup: { headSha: g1.sha, headRef: `refs/heads/gh-readonly-queue/main/pr-${approved.number}-${g1.sha}`, baseRef: "main" } }, settings);
    expect(first.result.status).toBe("pass");
    expect(first.result.title).toBe(`merge group ${g1.sha.slice(0, 7)} (#${approved.number}): every pull request approved`);
    const both = await runApprovalsGate(source, { mergeGroup: { headSha: g2.sha, headRef: `refs/heads/gh-readonly-queue/main/pr-${lacking.number}-${g2.sha}`, baseRef: "main" } }, settings);
    expect(both.result.status).toBe("fail");
    expect(both.result.metrics["pull-requests"]).toBe(`#${approved.number} #${lacking.number}`);
    expect(both.result.title).toBe(`merge group ${g2.sha.slice(0, 7)}: #${lacking.number}: 1 of 2 approvals`);
    // Once the queue moved on, the temporary branch's name still says which pull request it was.
    setMergeQueue(sim.state, "acme/app", "main", []);
    const late = await runApprovalsGate(source, { mergeGroup: { headSha: g2.sha, headRef: `gh-readonly-queue/main/pr-${approved.number}-${g2.sha}`, baseRef: "main" } }, settings);
    expect(late.result.metrics["pull-requests"]).toBe(`#${approved.number}`);
  });

  it("finds a fork's pull request from its head for a workflow_run follow-up", async () => {
    const pull = sim.state.addPullRequest("acme/app", { user: "outsider", head: { ref: "patch-1", repoFullName: "outsider/app" }, files: [{ filename: "a" }] });
    for (const user of ["bob", "carol"]) {
      sim.state.setPermission("acme/app", user, "write");
      sim.state.addReview("acme/app", pull.number, { user, state: "APPROVED" });
    }
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const { result } = await runApprovalsGate(source, { pullRequestHead: { repository: "outsider/app", branch: "patch-1", sha: pull.head.sha } }, settings);
    expect(result.status).toBe("pass");
    expect(result.metrics["pull-request"]).toBe(pull.number);
    const stale = await runApprovalsGate(source, { pullRequestHead: { repository: "outsider/app", branch: "patch-1", sha: "f".repeat(40) } }, settings);
    expect(stale.result.title).toBe("no open pull request for fffffff");
  });
});
