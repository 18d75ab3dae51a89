import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ tokens: { "bot-token": { access: "write", login: "shipgate[bot]" } } });
});
afterEach(async () => {
  await sim.close();
});

describe("issue comments", () => {
  it("creates, lists, updates and deletes comments on a pull request", async () => {
    const pull = sim.state.addPullRequest("acme/app");
    sim.state.addComment("acme/app", pull.number, "LGTM", "alice");
    const octokit = apiFor(sim, { token: "bot-token" });
    const created = await octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: pull.number, body: "<!-- shipgate -->\nCoverage 91 %" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ body: "<!-- shipgate -->\nCoverage 91 %", user: { login: "shipgate[bot]", type: "Bot" } });

    const listed = await octokit.rest.issues.listComments({ owner: "acme", repo: "app", issue_number: pull.number });
    expect(listed.data.map((c) => [c.user?.login, c.body])).toEqual([
      ["alice", "LGTM"],
      ["shipgate[bot]", "<!-- shipgate -->\nCoverage 91 %"],
    ]);

    const updated = await octokit.rest.issues.updateComment({ owner: "acme", repo: "app", comment_id: created.data.id, body: "<!-- shipgate -->\nCoverage 92 %" });
    expect(updated.data.body).toBe("<!-- shipgate -->\nCoverage 92 %");
    expect(updated.data.updated_at > created.data.updated_at).toBe(true);
    const fetched = await octokit.rest.issues.getComment({ owner: "acme", repo: "app", comment_id: created.data.id });
    expect(fetched.data.body).toBe("<!-- shipgate -->\nCoverage 92 %");

    await octokit.rest.issues.deleteComment({ owner: "acme", repo: "app", comment_id: created.data.id });
    const after = await octokit.rest.issues.listComments({ owner: "acme", repo: "app", issue_number: pull.number });
    expect(after.data.map((c) => c.body)).toEqual(["LGTM"]);
    await expect(octokit.rest.issues.updateComment({ owner: "acme", repo: "app", comment_id: created.data.id, body: "x" })).rejects.toMatchObject({ status: 404 });
  });

  it("pages 75 comments and filters by since", async () => {
    const issue = sim.state.addIssue("acme/app");
    const comments = Array.from({ length: 75 }, (_, i) => sim.state.addComment("acme/app", issue.number, `comment ${i}`));
    const octokit = apiFor(sim, { token: "bot-token" });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: "acme", repo: "app", issue_number: issue.number, per_page: 50 });
    expect(all.map((c) => c.id)).toEqual(comments.map((c) => c.id));
    const recent = await octokit.rest.issues.listComments({ owner: "acme", repo: "app", issue_number: issue.number, since: comments[70]?.updatedAt ?? "" });
    expect(recent.data.map((c) => c.body)).toEqual(["comment 70", "comment 71", "comment 72", "comment 73", "comment 74"]);
  });

  it("answers 404 for comments on an issue that does not exist, and 401 for an unknown token", async () => {
    sim.state.addRepo("acme/app");
    await expect(apiFor(sim, { token: "bot-token" }).rest.issues.createComment({ owner: "acme", repo: "app", issue_number: 7, body: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(apiFor(sim, { token: "stolen" }).rest.issues.listComments({ owner: "acme", repo: "app", issue_number: 7 })).rejects.toMatchObject({ status: 401 });
    expect(sim.requests.map((r) => r.status)).toEqual([404, 401]);
  });
});

describe("issues and labels", () => {
  it("creates an issue with labels, finds it by label, closes it", async () => {
    sim.state.addRepo("acme/app");
    sim.state.addIssue("acme/app", { title: "older", labels: ["bug"] });
    const octokit = apiFor(sim, { token: "bot-token" });
    const created = await octokit.rest.issues.create({ owner: "acme", repo: "app", title: "Deploy failed: P1", body: "details", labels: ["incident", "P1"] });
    expect(created.data).toMatchObject({ title: "Deploy failed: P1", state: "open", user: { login: "shipgate[bot]" } });
    const found = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "app", labels: "incident,p1" });
    expect(found.data.map((i) => i.number)).toEqual([created.data.number]);
    await octokit.rest.issues.addLabels({ owner: "acme", repo: "app", issue_number: created.data.number, labels: ["postmortem"] });
    await octokit.rest.issues.removeLabel({ owner: "acme", repo: "app", issue_number: created.data.number, name: "P1" });
    const labels = await octokit.rest.issues.listLabelsOnIssue({ owner: "acme", repo: "app", issue_number: created.data.number });
    expect(labels.data.map((l) => l.name)).toEqual(["incident", "postmortem"]);
    const closed = await octokit.rest.issues.update({ owner: "acme", repo: "app", issue_number: created.data.number, state: "closed" });
    expect(closed.data).toMatchObject({ state: "closed", state_reason: "completed" });
    const open = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "app" });
    expect(open.data.map((i) => i.title)).toEqual(["older"]);
  });

  it("creates a label once and refuses a duplicate", async () => {
    sim.state.addRepo("acme/app");
    const octokit = apiFor(sim, { token: "bot-token" });
    await octokit.rest.issues.createLabel({ owner: "acme", repo: "app", name: "deploy-blocker", color: "d73a4a" });
    await expect(octokit.rest.issues.createLabel({ owner: "acme", repo: "app", name: "Deploy-Blocker" })).rejects.toMatchObject({ status: 422 });
    const { data } = await octokit.rest.issues.getLabel({ owner: "acme", repo: "app", name: "deploy-blocker" });
    expect(data).toMatchObject({ name: "deploy-blocker", color: "d73a4a" });
  });
});
