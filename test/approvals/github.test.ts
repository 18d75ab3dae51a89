import { beforeEach, describe, expect, it } from "vitest";
import { runApprovalsGate } from "../../src/approvals/run.ts";
import type { ApprovalsSettings } from "../../src/approvals/evaluate.ts";
import { createApprovalsSource } from "../../src/github/approvals.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const settings: ApprovalsSettings = {
  required: 2,
  requireHeadCommit: false,
  excludeLastPusher: false,
  requireWriteAccess: true,
  allowedBots: [],
  codeowners: true,
  teamRules: [],
  blockOnChangeRequests: true,
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
    const pull = seedPull([{ user: "bob", state: "APPROVED" }, { user: "carol", state: "APPROVED" }]);
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, settings);
    expect(result.status).toBe("pass");
    expect(result.metrics.approvals).toBe(2);
    expect(sim.requests.map((r) => r.operationId)).toEqual(["graphql", "graphql"]);
  });

  it("fails without a code-owner approval and counts only reviewers with write access", async () => {
    sim.state.setFile("acme/app", "docs/CODEOWNERS", "*.ts @dave\n");
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

  it("knows the last pusher (excluded when configured) and pages through a team of more than 100 members", async () => {
    const base = sim.state.addCommit("acme/app", { branch: "main", message: "base" });
    const head = sim.state.addCommit("acme/app", { parents: [base.sha], message: "change", author: { login: "bob" }, files: [{ filename: "infra/main.tf" }] });
    const pull = sim.state.addPullRequest("acme/app", { user: "author", head: { sha: head.sha }, files: [{ filename: "infra/main.tf" }] });
    const members = Array.from({ length: 150 }, (_, i) => `member${i}`);
    sim.state.setTeam("acme/security", members);
    for (const user of ["bob", "member149"]) {
      sim.state.setPermission("acme/app", user, "write");
      sim.state.addReview("acme/app", pull.number, { user, state: "APPROVED" });
    }
    const source = createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" });
    expect((await source.teamMembers("acme/security"))?.length).toBe(150);
    const rules = { ...settings, excludeLastPusher: true, teamRules: [{ paths: ["infra/**"], team: "@acme/security", count: 1 }] };
    const { result } = await runApprovalsGate(source, { pullRequest: pull.number }, rules);
    expect(result.title).toBe(`#${pull.number}: 1 of 2 approvals`);
    expect(result.findings.map((f) => f.message)).toContain("the approval of @bob does not count: @bob pushed the latest commit");
  });

  it("says clearly when the pull request does not exist", async () => {
    sim.state.addRepo("acme/app");
    await expect(createApprovalsSource(clientFor(sim), { owner: "acme", repo: "app" }).pullRequest(99)).rejects.toThrow(/reading pull request #99 of acme\/app failed: not found/);
  });
});
