import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runActionBundle } from "../support/runner.ts";
import { TestRepo } from "../support/git-repo.ts";
import type { Simulator } from "../simulator/index.ts";
import { mirror } from "../release/mirror.ts";
import { startTestSimulator } from "../simulator/setup.ts";

/** Runner-contract tests of dist/release.js and dist/release-branch.js with the simulator as GITHUB_API_URL. */

const repoName = "octo-org/octo-repo";
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.0.0"\n}\n';

let sim: Simulator;
let repo: TestRepo;

beforeEach(async () => {
  sim = await startTestSimulator({ tokens: { good: "write", readonly: "read" } });
  repo = await TestRepo.create();
  await repo.commit("chore: initial", { "package.json": PACKAGE_JSON, VERSION: "1.0.0\n" });
  await repo.tag("v1.0.0", { annotated: true });
});
afterEach(async () => {
  await repo.remove();
});

const state = () => sim.state.repo("octo-org", "octo-repo")!;
const writes = () => sim.requests.filter((r) => WRITE_METHODS.has(r.method));

function run(bundle: string, inputs: Record<string, string>, options: { event?: Record<string, unknown>; eventName?: string } = {}) {
  return runActionBundle(bundle, { workspace: repo.dir, apiUrl: sim.url, inputs, ...options });
}

describe("release action", () => {
  beforeEach(async () => {
    await repo.commit("feat: search");
    await mirror(sim, repoName, repo);
  });

  it("tags and publishes the release; a re-run changes nothing", async () => {
    const first = await run("dist/release.js", { token: "good" });
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", created: "true" });
    expect(first.outputs["release-url"]).toContain("/releases/tag/v1.1.0");
    expect(first.summary).toContain("### Features");
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);

    const second = await run("dist/release.js", { token: "good" });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ version: "1.1.0", created: "false" });
    expect(state().releases.size).toBe(1);
  });

  it("a 1.2 MB commit subject: the release body, the notes output and the job summary are each cut to GitHub's limit, saying so", async () => {
    await repo.commit(`fix: ${"漢".repeat(400_000)}`);
    await mirror(sim, repoName, repo);
    const result = await run("dist/release.js", { token: "good" });
    expect(result.exitCode).toBe(0);
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1_048_576);
    expect(result.summary).toMatch(/> ✂️ Truncated: \d+ bytes were cut; GitHub takes at most 1048576\.\n$/);
    expect(result.outputs.notes!.length).toBeLessThanOrEqual(100_000);
    expect(result.outputs.notes).toMatch(/^## \[?1\.1\.0[\s\S]*漢\n\n> ✂️ Truncated: \d+ characters were cut; GitHub takes at most 100000\./);
    const [published] = state().releases.list();
    expect([...(published?.body ?? "")].length).toBeLessThanOrEqual(125_000);
    expect(published?.body).toMatch(/Truncated: \d+ characters were cut; GitHub takes at most 125000\. The full text: `shipgate changelog --to v1\.1\.0` renders them \(so does CHANGELOG\.md at v1\.1\.0, where the repository keeps one\)\n$/);
  }, 60_000);

  it("two jobs racing for the same version end with one tag and one release", async () => {
    sim.inject({ operationId: "git/create-ref", delayMs: 300, times: 2 });
    const [a, b] = await Promise.all([run("dist/release.js", { token: "good" }), run("dist/release.js", { token: "good" })]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect([a.outputs.created, b.outputs.created].sort()).toEqual(["false", "true"]);
    const loser = a.outputs.created === "false" ? a : b;
    expect(loser.outputs.status).toBe("warn");
    expect(loser.summary).toContain("another run created tag v1.1.0");
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
    expect(state().refs.keys().filter((name) => name.startsWith("tags/"))).toEqual(["tags/v1.0.0", "tags/v1.1.0"]);
  });

  it("dry run with a read-only token writes nothing and lists the calls", async () => {
    const result = await run("dist/release.js", { token: "readonly", "dry-run": "true" });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", created: "false", "release-url": "" });
    expect(result.summary).toContain("POST /repos/octo-org/octo-repo/git/refs");
    expect(result.summary).toContain("PATCH /repos/octo-org/octo-repo/releases/{id}");
    expect(writes()).toEqual([]);
  });

  it("fails with exit 1 and writes nothing when the tag is at another commit", async () => {
    sim.state.setRef(repoName, "tags/v1.1.0", (await repo.git(["rev-parse", "v1.0.0^{commit}"])).trim());
    const result = await run("dist/release.js", { token: "good" });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toContain("tag v1.1.0 already exists at");
    expect(writes()).toEqual([]);
  });

  it("exits 2 naming the permission a read-only token lacks", async () => {
    const result = await run("dist/release.js", { token: "readonly" });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toContain('needs the "contents: write" permission');
  });

  it("exits 2 on a bad bump", async () => {
    const result = await run("dist/release.js", { token: "good", bump: "huge" });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toContain('input "bump": expected one of auto, patch, minor, major');
    expect(sim.requests).toEqual([]);
  });
});

describe("release-branch action", () => {
  it("start: release branch from develop with the bumped files and the pull request", async () => {
    await repo.checkout("develop", { create: true });
    await repo.commit("feat: export");
    await mirror(sim, repoName, repo);
    const result = await run("dist/release-branch.js", { token: "good", mode: "start" });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", branch: "release/1.1.0", created: "true" });
    expect(result.outputs["pull-request-url"]).toContain("/pull/");
    const tip = state().refs.get("heads/release/1.1.0")!;
    expect(state().fileAt(tip, "package.json")).toBe(PACKAGE_JSON.replace("1.0.0", "1.1.0"));
    expect(state().fileAt(tip, "VERSION")).toBe("1.1.0\n");
    expect(state().pulls.list()).toMatchObject([{ head: { ref: "release/1.1.0" }, base: { ref: "main" }, state: "open" }]);

    const again = await run("dist/release-branch.js", { token: "good", mode: "start" });
    expect(again.outputs).toMatchObject({ branch: "release/1.1.0", created: "false" });
    expect(state().pulls.size).toBe(1);
  });

  it("finish on the merged pull request: tag, release and back-merge", async () => {
    await repo.checkout("develop", { create: true });
    await repo.commit("feat: export");
    await repo.checkout("release/1.1.0", { create: true });
    const head = await repo.commit("chore(release): 1.1.0", { VERSION: "1.1.0\n" });
    await repo.checkout("main");
    const merge = await repo.merge("release/1.1.0");
    await mirror(sim, repoName, repo);
    const pull = sim.state.addPullRequest(repoName, { head: { ref: "release/1.1.0", sha: head }, base: { ref: "main" } });
    Object.assign(pull, { state: "closed", merged: true, mergeCommitSha: merge, mergedAt: "2026-03-10T10:00:00Z" });
    const event = { action: "closed", number: pull.number, pull_request: { number: pull.number, merged: true, head: { ref: "release/1.1.0", sha: head }, base: { ref: "main", sha: merge } } };

    const result = await run("dist/release-branch.js", { token: "good", mode: "finish" }, { event, eventName: "pull_request" });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", branch: "release/1.1.0", created: "true" });
    expect(result.outputs["back-merge-url"]).toContain("/pull/");
    expect(state().resolveRef("tags/v1.1.0")).toBe(merge);
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
    expect(state().pulls.list((p) => p.head.ref === "merge/v1.1.0-into-develop" && p.base.ref === "develop")).toHaveLength(1);
  });

  it("finish by dispatch without branch or version: the one merged release pull request without its tag", async () => {
    await repo.checkout("develop", { create: true });
    await repo.commit("feat: export");
    await repo.checkout("release/1.1.0", { create: true });
    const head = await repo.commit("chore(release): 1.1.0", { VERSION: "1.1.0\n" });
    await repo.checkout("main");
    const merge = await repo.merge("release/1.1.0");
    await mirror(sim, repoName, repo);
    const merged = (ref: string, sha: string, mergedAt: string) => {
      const pull = sim.state.addPullRequest(repoName, { head: { ref, sha }, base: { ref: "main" } });
      Object.assign(pull, { state: "closed", merged: true, mergeCommitSha: merge, mergedAt });
      return pull;
    };
    merged("release/1.1.0", head, "2026-03-10T10:00:00Z");
    merged("release/1.0.0", head, "2026-03-01T10:00:00Z"); // finished long ago: v1.0.0 exists
    merged("feature/search", head, "2026-03-11T10:00:00Z"); // not a release branch
    const dispatch = () => run("dist/release-branch.js", { token: "good", mode: "finish" }, { event: { inputs: {} }, eventName: "workflow_dispatch" });

    const result = await dispatch();
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", branch: "release/1.1.0", created: "true" });
    expect(state().resolveRef("tags/v1.1.0")).toBe(merge);

    const none = await dispatch();
    expect(none.exitCode).toBe(2);
    expect(none.failure).toContain("no merged release (release/{version}) or hotfix (hotfix/{version}) pull request into main lacks its tag");

    merged("hotfix/1.1.1", merge, "2026-03-12T10:00:00Z");
    const release = merged("release/1.2.0", merge, "2026-03-13T10:00:00Z");
    const before = writes().length;
    const two = await dispatch();
    expect(two.exitCode).toBe(2);
    expect(two.failure).toContain(`2 merged pull requests into main lack their tags: release/1.2.0 (#${release.number}), hotfix/1.1.1 (#`);
    expect(two.failure).toContain('give input "branch" or "version" to choose');
    expect(writes()).toHaveLength(before);
  });

  it("start dry run with a read-only token lists the branch, commit and pull request it would make", async () => {
    await repo.checkout("develop", { create: true });
    await repo.commit("feat: export");
    await mirror(sim, repoName, repo);
    const result = await run("dist/release-branch.js", { token: "readonly", mode: "start", "dry-run": "true" });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", branch: "release/1.1.0", created: "false", "pull-request-url": "" });
    for (const call of ["POST /repos/octo-org/octo-repo/git/refs", "POST /repos/octo-org/octo-repo/git/commits", "POST /repos/octo-org/octo-repo/pulls"]) expect(result.summary).toContain(call);
    expect(result.summary).toContain("### Features");
    expect(writes()).toEqual([]);
  });

  it("finish skips a merged pull request that is not a release branch", async () => {
    await mirror(sim, repoName, repo);
    const event = { action: "closed", number: 3, pull_request: { number: 3, merged: true, head: { ref: "feature/x", sha: "a" }, base: { ref: "main", sha: "b" } } };
    const result = await run("dist/release-branch.js", { token: "good", mode: "finish" }, { event, eventName: "pull_request" });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain("not a release or hotfix branch");
    expect(writes()).toEqual([]);
  });

  it("exits 2 without a mode", async () => {
    const result = await run("dist/release-branch.js", { token: "good" });
    expect(result.exitCode).toBe(2);
    expect(result.failure).toContain('input "mode" is required');
  });
});
