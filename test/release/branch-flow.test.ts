import { beforeEach, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { TestRepo } from "../support/git-repo.ts";
import type { Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";
import { mirror } from "./mirror.ts";

/**
 * The whole git-flow release flow through `shipgate release-branch`, on real git repositories mirrored into the API
 * simulator: re-runs after develop moved, a second release branch, squash merges, back-merge conflicts, hotfixes
 * during a release, and re-runs of finish after a failure.
 */

const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.0.0"\n}\n';
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

let sim: Simulator;
let repo: TestRepo;

beforeEach(async () => {
  sim = await startTestSimulator();
  repo = await TestRepo.create();
  await repo.commit("chore: initial", {
    "package.json": PACKAGE_JSON,
    VERSION: "1.0.0\n",
    "CHANGELOG.md": "# Changelog\n\n## 1.0.0\n\n* first\n",
    "src/app.txt": "greeting = hello\n",
    ".github/workflows/deploy.yml": "on: workflow_dispatch\n",
  });
  await repo.tag("v1.0.0", { annotated: true });
  await repo.checkout("develop", { create: true });
  await repo.commit("feat: export to CSV");
  await repo.commit("fix: empty rows crash the export");
  await mirror(sim, "acme/app", repo);
});
afterEach(async () => {
  await repo.remove();
});

async function cli(args: string[]): Promise<{ code: number; stderr: string; json: Record<string, unknown> }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...args, "--repo", "acme/app", "--json"], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: repo.dir,
    env: { GITHUB_API_URL: sim.url, GITHUB_TOKEN: "t", SHIPGATE_NO_WRITE_SPACING: "1", SHIPGATE_RETRY_AFTER_BASE_MS: "1", SHIPGATE_HTTP_RETRIES: "0" },
    now: () => new Date("2026-03-10T09:00:00Z"),
  });
  return { code, stderr, json: JSON.parse(stdout) as Record<string, unknown> };
}

const state = () => sim.state.repo("acme", "app")!;
const writes = () => sim.requests.filter((r) => WRITE_METHODS.has(r.method));

/** A release branch merged into main as GitHub's merge button does (a merge commit), with its merged pull request. */
async function mergeIntoMain(branch: string, how: "merge" | "squash" = "merge"): Promise<string> {
  const head = (await repo.git(["rev-parse", branch])).trim();
  await repo.checkout("main");
  let commit: string;
  if (how === "merge") commit = await repo.merge(branch, `Merge pull request from acme/${branch}`);
  else {
    await repo.git(["merge", "--squash", branch]);
    await repo.git(["commit", "-q", "-m", `${branch} (#1)`]);
    commit = await repo.head();
  }
  await mirror(sim, "acme/app", repo);
  const pull = sim.state.addPullRequest("acme/app", { head: { ref: branch, sha: head }, base: { ref: "main" }, title: branch });
  Object.assign(pull, { state: "closed", merged: true, mergedAt: "2026-03-10T10:00:00Z", mergeCommitSha: commit });
  return commit;
}

/** The release branch as start leaves it, made locally so the checkout has it too. */
async function localRelease(version: string, extra: Record<string, string> = {}): Promise<void> {
  await repo.checkout(`release/${version}`, { create: true, from: "develop" });
  await repo.commit(`chore(release): ${version}`, { "package.json": PACKAGE_JSON.replace("1.0.0", version), VERSION: `${version}\n`, ...extra });
}

describe("start, and start again", () => {
  it("commits the release's section to CHANGELOG.md in the release commit", async () => {
    const run = await cli(["release-branch", "start"]);
    expect(run.code).toBe(0);
    const tip = state().resolveRef("heads/release/1.1.0")!;
    expect(state().commits.get(tip)?.message).toBe("chore(release): 1.1.0");
    const changelog = state().fileAt(tip, "CHANGELOG.md")!;
    expect(changelog.startsWith("# Changelog\n\n## [1.1.0]")).toBe(true);
    expect(changelog).toContain("export to CSV");
    expect(changelog).toContain("## 1.0.0\n\n* first\n");
  });

  it("a re-run after develop moved keeps the preview to what the release branch holds", async () => {
    expect((await cli(["release-branch", "start"])).code).toBe(0);
    const tip = state().resolveRef("heads/release/1.1.0");
    await repo.checkout("develop");
    await repo.commit("fix: landed after the release was cut");
    await mirror(sim, "acme/app", repo);

    const again = await cli(["release-branch", "start"]);
    expect(again.code).toBe(0);
    const pulls = state().pulls.list();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.body).toContain("export to CSV");
    expect(pulls[0]?.body).not.toContain("landed after the release was cut");
    expect(state().resolveRef("heads/release/1.1.0")).toBe(tip);
  });

  it("refuses a second release branch beside the open one, as git-flow does", async () => {
    expect((await cli(["release-branch", "start"])).code).toBe(0);
    await repo.checkout("develop");
    await repo.commit("feat!: drop the old export format");
    await mirror(sim, "acme/app", repo);
    sim.requests.length = 0;

    const second = await cli(["release-branch", "start"]);
    expect(second.code).toBe(1);
    expect(second.json.failed).toBe(
      "release/1.1.0 is still open (started, not finished: no tag yet), and develop now calls for 2.0.0: git-flow allows one release branch at a time. Finish it (merge its pull request, then finish) or delete it before starting another; nothing was written",
    );
    expect(writes()).toEqual([]);
    expect(state().refs.has("heads/release/2.0.0")).toBe(false);

    // Once 1.1.0 is released (its tag exists), the next release can start.
    sim.state.setRef("acme/app", "tags/v1.1.0", state().resolveRef("heads/release/1.1.0")!);
    const next = await cli(["release-branch", "start"]);
    expect(next.json).toMatchObject({ status: "pass", branch: "release/2.0.0" });
  });
});

describe("finish", () => {
  it("refuses a squash-merged release, writing nothing, and finishes once it is merged with a merge commit", async () => {
    await localRelease("1.1.0");
    await mergeIntoMain("release/1.1.0", "squash");
    sim.requests.length = 0;
    const refused = await cli(["release-branch", "finish", "--branch", "release/1.1.0"]);
    expect(refused.code).toBe(1);
    expect(String(refused.json.failed)).toMatch(/^release\/1\.1\.0 was squash- or rebase-merged into main \(#\d+\): its commits are not in main's history/);
    expect(String(refused.json.failed)).toContain('git-flow needs a merge commit. Nothing was written.');
    expect(writes()).toEqual([]);
    expect(state().refs.has("tags/v1.1.0")).toBe(false);

    const merge = await mergeIntoMain("release/1.1.0", "merge");
    const finished = await cli(["release-branch", "finish", "--branch", "release/1.1.0"]);
    expect(finished.code).toBe(0);
    expect(state().resolveRef("tags/v1.1.0")).toBe(merge);
  });

  it("opens the back-merge from a branch of its own and explains a conflict and how to resolve it", async () => {
    await localRelease("1.1.0", { "src/app.txt": "greeting = hello, world\n" });
    await repo.checkout("develop");
    await repo.commit("feat: greet by name", { "src/app.txt": "greeting = hello, {name}\n" });
    const merge = await mergeIntoMain("release/1.1.0");
    const mainBefore = state().resolveRef("heads/main");

    const run = await cli(["release-branch", "finish", "--branch", "release/1.1.0"]);
    expect(run.code).toBe(0);
    expect(run.json.status).toBe("warn");
    expect(run.json.warnings).toEqual([expect.stringContaining("the back-merge conflicts in src/app.txt")]);
    const [backMerge] = state().pulls.list((p) => p.base.ref === "develop");
    expect(backMerge?.head.ref).toBe("merge/v1.1.0-into-develop");
    expect(state().resolveRef("heads/merge/v1.1.0-into-develop")).toBe(merge);
    expect(backMerge?.body).toContain("### Conflicts");
    expect(backMerge?.body).toContain("- `src/app.txt`");
    expect(backMerge?.body).toContain("git fetch origin && git switch merge/v1.1.0-into-develop && git merge origin/develop");
    expect(state().resolveRef("heads/main")).toBe(mainBefore);
    expect((run.json.steps as string[]).join("\n")).toContain("resolve it on merge/v1.1.0-into-develop");
  });

  it("a back-merge without conflict says nothing of conflicts", async () => {
    await localRelease("1.1.0");
    await mergeIntoMain("release/1.1.0");
    const run = await cli(["release-branch", "finish", "--branch", "release/1.1.0"]);
    expect(run.json).toMatchObject({ status: "pass", warnings: [] });
    expect(state().pulls.list((p) => p.base.ref === "develop")[0]?.body).not.toContain("Conflicts");
  });

  it("merges a hotfix into the open release branch instead of develop, as git-flow does", async () => {
    await localRelease("1.1.0");
    await repo.checkout("hotfix/1.0.1", { create: true, from: "main" });
    await repo.commit("fix: crash on start", { VERSION: "1.0.1\n" });
    await mergeIntoMain("hotfix/1.0.1");
    const run = await cli(["release-branch", "finish", "--branch", "hotfix/1.0.1"]);
    expect(run.code).toBe(0);
    expect(state().pulls.list((p) => p.base.ref === "release/1.1.0")).toMatchObject([{ head: { ref: "merge/v1.0.1-into-release/1.1.0" }, state: "open" }]);
    expect(state().pulls.list((p) => p.base.ref === "develop")).toEqual([]);
  });

  it("a re-run after publishing failed does not dispatch the deploy again", async () => {
    await localRelease("1.1.0");
    await mergeIntoMain("release/1.1.0");
    sim.inject({ operationId: "repos/update-release", status: 500, times: 10 });
    const failed = await cli(["release-branch", "finish", "--branch", "release/1.1.0", "--deploy-workflow", "deploy.yml"]);
    expect(failed.code).toBe(3);
    expect(state().dispatches.list()).toHaveLength(1);
    sim.clearFaults();
    const again = await cli(["release-branch", "finish", "--branch", "release/1.1.0", "--deploy-workflow", "deploy.yml"]);
    expect(again.code).toBe(0);
    expect(state().dispatches.list()).toHaveLength(1);
    expect((again.json.steps as string[]).join("\n")).toContain("workflow deploy.yml was already dispatched on v1.1.0: not dispatched again");
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
  });
});
