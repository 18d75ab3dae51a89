import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changedLinesOfPullRequest } from "../../src/github/pull-files.ts";
import { addedFilePatch, apiFor, clientFor } from "./helpers.ts";
import { startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await sim.close();
});

function manyFiles(count: number) {
  return Array.from({ length: count }, (_, i) => ({ filename: `src/module${i}.ts`, status: "added" as const, patch: addedFilePatch((i % 4) + 1) }));
}

describe("pull requests", () => {
  it("gets a pull request with its head, base, author and merged state", async () => {
    sim.state.addRepo("acme/app");
    const pull = sim.state.addPullRequest("acme/app", { title: "Add parser", user: "alice", labels: ["feature"], files: [{ filename: "a.ts", patch: "@@ -1 +1,2 @@\n-old\n+new\n+more" }] });
    const merged = sim.state.addPullRequest("acme/app", { merged: true });
    const octokit = apiFor(sim);
    const { data } = await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: pull.number });
    expect(data).toMatchObject({
      number: pull.number,
      title: "Add parser",
      state: "open",
      merged: false,
      user: { login: "alice" },
      head: { sha: pull.head.sha, ref: pull.head.ref, repo: { full_name: "acme/app" } },
      base: { sha: pull.base.sha, ref: "main" },
      additions: 2,
      deletions: 1,
      changed_files: 1,
    });
    expect(data.labels.map((l) => l.name)).toEqual(["feature"]);
    const second = await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: merged.number });
    expect(second.data).toMatchObject({ state: "closed", merged: true });
    await expect(octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: 404 })).rejects.toMatchObject({ status: 404 });
  });

  it("pages 350 files 100 at a time with Link headers, as octokit.paginate follows them", async () => {
    const pull = sim.state.addPullRequest("acme/app", { files: manyFiles(350) });
    const octokit = apiFor(sim);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: "acme", repo: "app", pull_number: pull.number, per_page: 100 });
    expect(files).toHaveLength(350);
    expect(files.map((f) => f.filename)).toEqual(manyFiles(350).map((f) => f.filename));
    expect(files[5]).toMatchObject({ status: "added", additions: 2, deletions: 0, changes: 2, patch: addedFilePatch(2) });
    expect(sim.requests.map((r) => r.query)).toEqual([
      "per_page=100",
      "per_page=100&page=2",
      "per_page=100&page=3",
      "per_page=100&page=4",
    ]);
  });

  it("defaults to 30 per page and says where the next page is", async () => {
    const pull = sim.state.addPullRequest("acme/app", { files: manyFiles(45) });
    const octokit = apiFor(sim);
    const first = await octokit.rest.pulls.listFiles({ owner: "acme", repo: "app", pull_number: pull.number });
    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toBe(
      `<${sim.url}/repos/acme/app/pulls/${pull.number}/files?page=2>; rel="next", <${sim.url}/repos/acme/app/pulls/${pull.number}/files?page=2>; rel="last"`,
    );
    const second = await octokit.rest.pulls.listFiles({ owner: "acme", repo: "app", pull_number: pull.number, page: 2 });
    expect(second.data.map((f) => f.filename)).toEqual(manyFiles(45).slice(30).map((f) => f.filename));
    expect(second.headers.link).toContain('rel="prev"');
    expect(second.headers.link).not.toContain('rel="next"');
  });

  it("feeds changedLinesOfPullRequest (src/github/pull-files.ts), binary files without a patch listed apart", async () => {
    const pull = sim.state.addPullRequest("acme/app", {
      files: [...manyFiles(120), { filename: "logo.png", status: "added", additions: 0, deletions: 0 }, { filename: "gone.ts", status: "removed", patch: "@@ -1 +0,0 @@\n-x" }],
    });
    const { changed, withoutPatch } = await changedLinesOfPullRequest(clientFor(sim), { owner: "acme", repo: "app", number: pull.number });
    expect(changed.size).toBe(120);
    expect(changed.get("src/module3.ts")).toEqual([1, 2, 3, 4]);
    expect(withoutPatch).toEqual(["logo.png"]);
  });

  it("works under a GHES base URL (/api/v3), with Link headers under the same base", async () => {
    const pull = sim.state.addPullRequest("acme/app", { files: manyFiles(150) });
    const octokit = apiFor(sim, { baseUrl: `${sim.url}/api/v3` });
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: "acme", repo: "app", pull_number: pull.number, per_page: 100 });
    expect(files).toHaveLength(150);
    const { data } = await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: pull.number });
    expect(data.url).toBe(`${sim.url}/api/v3/repos/acme/app/pulls/${pull.number}`);
    expect(sim.requests.every((r) => r.operationId !== undefined && r.status === 200)).toBe(true);
  });

  it("lists reviews and commits of a pull request", async () => {
    const pull = sim.state.addPullRequest("acme/app", { files: manyFiles(1) });
    sim.state.addReview("acme/app", pull.number, { user: "bob", state: "APPROVED" });
    sim.state.addReview("acme/app", pull.number, { user: "carol", state: "CHANGES_REQUESTED", body: "please fix" });
    const octokit = apiFor(sim);
    const reviews = await octokit.rest.pulls.listReviews({ owner: "acme", repo: "app", pull_number: pull.number });
    expect(reviews.data.map((r) => [r.user?.login, r.state, r.commit_id])).toEqual([
      ["bob", "APPROVED", pull.head.sha],
      ["carol", "CHANGES_REQUESTED", pull.head.sha],
    ]);
    const commits = await octokit.rest.pulls.listCommits({ owner: "acme", repo: "app", pull_number: pull.number });
    expect(commits.data.map((c) => c.sha)).toEqual([pull.head.sha]);
  });
});

describe("commit comparison", () => {
  function history() {
    const root = sim.state.addCommit("acme/app", { branch: "main", message: "root", files: [{ filename: "README.md", status: "added", patch: "@@ -0,0 +1 @@\n+hello" }] });
    sim.state.addCommit("acme/app", { branch: "main", message: "on main", files: [{ filename: "main.ts", status: "added", patch: "@@ -0,0 +1 @@\n+m" }] });
    sim.state.setRef("acme/app", "heads/feature", root.sha);
    const a = sim.state.addCommit("acme/app", { branch: "feature", message: "a", files: [{ filename: "src/x.ts", status: "added", patch: "@@ -0,0 +1,2 @@\n+1\n+2" }] });
    const b = sim.state.addCommit("acme/app", { branch: "feature", message: "b", files: [{ filename: "src/x.ts", patch: "@@ -2 +2,2 @@\n-2\n+2b\n+3" }, { filename: "src/y.ts", status: "added", patch: "@@ -0,0 +1 @@\n+y" }] });
    return { root, a, b };
  }

  it("compares base...head: merge base, ahead/behind, commits oldest first, files over the range", async () => {
    const { root, a, b } = history();
    const octokit = apiFor(sim);
    const { data } = await octokit.rest.repos.compareCommits({ owner: "acme", repo: "app", base: "main", head: "feature" });
    expect(data).toMatchObject({ status: "diverged", ahead_by: 2, behind_by: 1, total_commits: 2, merge_base_commit: { sha: root.sha } });
    expect(data.commits.map((c) => c.sha)).toEqual([a.sha, b.sha]);
    expect(data.commits[1]?.parents.map((p) => p.sha)).toEqual([a.sha]);
    expect(data.files?.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ["src/x.ts", "added", 4, 1],
      ["src/y.ts", "added", 1, 0],
    ]);
  });

  it("answers the basehead form the same, and identical / ahead for related commits", async () => {
    const { root, b } = history();
    const octokit = apiFor(sim);
    const basehead = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "app", basehead: `${root.sha}...${b.sha}` });
    expect(basehead.data).toMatchObject({ status: "ahead", ahead_by: 2, behind_by: 0 });
    const same = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "app", basehead: "feature...feature" });
    expect(same.data).toMatchObject({ status: "identical", total_commits: 0, files: [] });
    await expect(octokit.rest.repos.compareCommits({ owner: "acme", repo: "app", base: "main", head: "no-such-branch" })).rejects.toMatchObject({ status: 404 });
  });

  it("pages the commits of a comparison when asked to, oldest first", async () => {
    const base = sim.state.addCommit("acme/app", { branch: "main" });
    const shas = Array.from({ length: 7 }, (_, i) => sim.state.addCommit("acme/app", { branch: "main", message: `c${i}` }).sha);
    const octokit = apiFor(sim);
    const pages = [];
    for (const page of [1, 2, 3]) {
      const { data, headers } = await octokit.rest.repos.compareCommits({ owner: "acme", repo: "app", base: base.sha, head: "main", per_page: 3, page });
      pages.push(data.commits.map((c) => c.sha));
      expect(data.total_commits).toBe(7);
      expect(headers.link?.includes('rel="next"')).toBe(page < 3);
    }
    expect(pages).toEqual([shas.slice(0, 3), shas.slice(3, 6), shas.slice(6)]);
  });

  it("gets one commit with its files", async () => {
    const { b } = history();
    const { data } = await apiFor(sim).rest.repos.getCommit({ owner: "acme", repo: "app", ref: "feature" });
    expect(data).toMatchObject({ sha: b.sha, stats: { additions: 3, deletions: 1, total: 4 } });
    expect(data.files?.map((f) => f.filename)).toEqual(["src/x.ts", "src/y.ts"]);
  });
});
