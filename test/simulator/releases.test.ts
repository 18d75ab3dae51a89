import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe("git refs and tags", () => {
  it("creates, reads, fast-forwards and deletes refs", async () => {
    const first = sim.state.addCommit("acme/app", { branch: "develop" });
    const second = sim.state.addCommit("acme/app", { branch: "develop" });
    const octokit = apiFor(sim);
    const created = await octokit.rest.git.createRef({ owner: "acme", repo: "app", ref: "refs/heads/release/1.2", sha: first.sha });
    expect(created.data).toMatchObject({ ref: "refs/heads/release/1.2", object: { sha: first.sha, type: "commit" } });
    await expect(octokit.rest.git.createRef({ owner: "acme", repo: "app", ref: "refs/heads/release/1.2", sha: first.sha })).rejects.toMatchObject({ status: 422 });
    const got = await octokit.rest.git.getRef({ owner: "acme", repo: "app", ref: "heads/release/1.2" });
    expect(got.data.object.sha).toBe(first.sha);
    await octokit.rest.git.updateRef({ owner: "acme", repo: "app", ref: "heads/release/1.2", sha: second.sha });
    await expect(octokit.rest.git.updateRef({ owner: "acme", repo: "app", ref: "heads/release/1.2", sha: first.sha })).rejects.toMatchObject({ status: 422 });
    await octokit.rest.git.updateRef({ owner: "acme", repo: "app", ref: "heads/release/1.2", sha: first.sha, force: true });
    const matching = await octokit.rest.git.listMatchingRefs({ owner: "acme", repo: "app", ref: "heads/release/" });
    expect(matching.data.map((r) => [r.ref, r.object.sha])).toEqual([["refs/heads/release/1.2", first.sha]]);
    await octokit.rest.git.deleteRef({ owner: "acme", repo: "app", ref: "heads/release/1.2" });
    await expect(octokit.rest.git.getRef({ owner: "acme", repo: "app", ref: "heads/release/1.2" })).rejects.toMatchObject({ status: 404 });
  });

  it("lists tags newest first and commits from a ref", async () => {
    const a = sim.state.addCommit("acme/app", { branch: "main" });
    const b = sim.state.addCommit("acme/app", { branch: "main" });
    sim.state.setRef("acme/app", "tags/v1.0.0", a.sha);
    sim.state.setRef("acme/app", "refs/tags/v1.1.0", b.sha);
    const octokit = apiFor(sim);
    const tags = await octokit.rest.repos.listTags({ owner: "acme", repo: "app" });
    expect(tags.data.map((t) => [t.name, t.commit.sha])).toEqual([
      ["v1.1.0", b.sha],
      ["v1.0.0", a.sha],
    ]);
    const commits = await octokit.rest.repos.listCommits({ owner: "acme", repo: "app", sha: "v1.1.0" });
    expect(commits.data.map((c) => c.sha)).toEqual([b.sha, a.sha]);
  });
});

describe("releases", () => {
  it("creates a release that tags its target, finds it by tag, refuses a duplicate, updates and deletes it", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const octokit = apiFor(sim);
    const created = await octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v2.0.0", name: "v2.0.0", body: "notes", target_commitish: "main" });
    expect(created.data).toMatchObject({ tag_name: "v2.0.0", draft: false, author: { login: "github-actions[bot]" } });
    expect(sim.state.repo("acme", "app")?.refs.get("tags/v2.0.0")).toBe(head.sha);
    await expect(octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v2.0.0" })).rejects.toMatchObject({ status: 422 });
    const byTag = await octokit.rest.repos.getReleaseByTag({ owner: "acme", repo: "app", tag: "v2.0.0" });
    expect(byTag.data.id).toBe(created.data.id);
    await octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v2.1.0-rc.1", prerelease: true });
    const latest = await octokit.rest.repos.getLatestRelease({ owner: "acme", repo: "app" });
    expect(latest.data.tag_name).toBe("v2.0.0");
    const updated = await octokit.rest.repos.updateRelease({ owner: "acme", repo: "app", release_id: created.data.id, body: "better notes" });
    expect(updated.data.body).toBe("better notes");
    const listed = await octokit.rest.repos.listReleases({ owner: "acme", repo: "app" });
    expect(listed.data.map((r) => r.tag_name)).toEqual(["v2.1.0-rc.1", "v2.0.0"]);
    await octokit.rest.repos.deleteRelease({ owner: "acme", repo: "app", release_id: created.data.id });
    await expect(octokit.rest.repos.getRelease({ owner: "acme", repo: "app", release_id: created.data.id })).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a draft untagged until it is published", async () => {
    const head = sim.state.addCommit("acme/app", { branch: "main" });
    const octokit = apiFor(sim);
    const draft = await octokit.rest.repos.createRelease({ owner: "acme", repo: "app", tag_name: "v3.0.0", draft: true });
    expect(sim.state.repo("acme", "app")?.refs.has("tags/v3.0.0")).toBe(false);
    await expect(octokit.rest.repos.getReleaseByTag({ owner: "acme", repo: "app", tag: "v3.0.0" })).rejects.toMatchObject({ status: 404 });
    const published = await octokit.rest.repos.updateRelease({ owner: "acme", repo: "app", release_id: draft.data.id, draft: false });
    expect(published.data.published_at).not.toBeNull();
    expect(sim.state.repo("acme", "app")?.refs.get("tags/v3.0.0")).toBe(head.sha);
  });
});
