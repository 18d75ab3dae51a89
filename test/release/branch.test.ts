import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExternalError } from "../../src/core/errors.ts";
import { GitHubReleaseScm } from "../../src/github/release-scm.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import type { ReleaseBranchesPolicy } from "../../src/policy/types.ts";
import { parseBranch, PULL_MARKER } from "../../src/release-branch/branches.ts";
import { mergeConflicts } from "../../src/release-branch/run.ts";
import { finishBranch, startBranch, type FinishRequest, type StartRequest } from "../../src/release-branch/steps.ts";
import { planRelease, type PlanRequest } from "../../src/release/plan.ts";
import { RecordingScm } from "../../src/release/recording-scm.ts";
import { updatersFor } from "../../src/release/updaters/index.ts";
import { releaseRules } from "../../src/version/rules.ts";
import { TestRepo } from "../support/git-repo.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { mirror } from "./mirror.ts";
import { HttpError, type RouteHandler } from "../simulator/route.ts";
import { defaultRoutes } from "../simulator/routes/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const PACKAGE_JSON = '{\n    "name": "app",\n    "version": "1.0.0",\n    "private": true\n}\n';
const LOCK = '{\n  "name": "app",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "packages": {\n    "": {\n      "name": "app",\n      "version": "1.0.0"\n    }\n  }\n}\n';
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

let sim: Simulator;
let repo: TestRepo;
let branches: ReleaseBranchesPolicy;
let developTip: string;

beforeEach(async () => {
  sim = await startTestSimulator();
  repo = await TestRepo.create();
  await repo.commit("chore: initial", { "package.json": PACKAGE_JSON, "package-lock.json": LOCK, VERSION: "1.0.0\n", ".github/workflows/deploy.yml": "on: workflow_dispatch\n" });
  await repo.tag("v1.0.0", { annotated: true });
  await repo.checkout("develop", { create: true });
  await repo.commit("feat: export to CSV");
  developTip = await repo.commit("fix: empty rows crash the export");
  await mirror(sim, "acme/app", repo);
  branches = { ...defaultPolicy().release.branches, "delete-branch": true, "deploy-workflow": "deploy.yml", "deploy-inputs": { environment: "production", ref: "{tag}" } };
});
afterEach(async () => {
  await repo.remove();
});

function scm(): GitHubReleaseScm {
  return new GitHubReleaseScm(clientFor(sim, { retries: 0 }), "acme", "app");
}

function planRequest(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return {
    repo: repo.dir,
    branch: "develop",
    rules: releaseRules(defaultPolicy().release, { where: "test" }),
    bump: "auto",
    prerelease: false,
    links: { host: "https://github.com", owner: "acme", repository: "app" },
    today: "2026-03-10",
    ...overrides,
  };
}

async function startRequest(kind: "release" | "hotfix" = "release"): Promise<StartRequest> {
  const { plan } = await planRelease(planRequest(kind === "hotfix" ? { branch: "main", bump: "patch" } : {}));
  return { kind, plan: plan!, branches, files: updatersFor(branches["version-files"], "test"), changelog: null };
}

const state = () => sim.state.repo("acme", "app")!;

/** GitHub applies the write, then the answer is lost (a 502 from a proxy, a dropped connection): once. */
function loseFirstAnswer(operationId: string): void {
  const route: RouteHandler = defaultRoutes()[operationId]!;
  let lost = false;
  sim.route(operationId, async (context) => {
    const result = await route(context);
    if (lost) return result;
    lost = true;
    throw new HttpError(502, "Bad Gateway");
  });
}

/** The end state of start: the branch one verified bump commit above develop, one open pull request. */
function expectStarted(version: string, base: string): void {
  const tip = state().refs.get(`heads/release/${version}`) ?? state().refs.get(`heads/hotfix/${version}`);
  const bump = state().commits.get(tip!)!;
  expect(bump.parents).toEqual([base]);
  expect(bump.verified).toBe(true);
  expect(bump.message).toBe(`chore(release): ${version}`);
  expect(state().fileAt(tip!, "package.json")).toBe(PACKAGE_JSON.replace("1.0.0", version));
  expect(JSON.parse(state().fileAt(tip!, "package-lock.json")!)).toMatchObject({ version, packages: { "": { version } } });
  expect(state().fileAt(tip!, "VERSION")).toBe(`${version}\n`);
  const pulls = state().pulls.list();
  expect(pulls).toHaveLength(1);
  expect(pulls[0]).toMatchObject({ state: "open", base: { ref: "main" } });
  expect(pulls[0]?.body).toContain(PULL_MARKER);
  expect(pulls[0]?.body).toContain("**Changelog preview:**");
}

describe("start", () => {
  it("cuts release/X.Y.Z from develop, bumps the version files in a verified commit and opens the pull request", async () => {
    const outcome = await startBranch(scm(), await startRequest());
    expect(outcome.branch).toBe("release/1.1.0");
    expect(outcome.changed).toBe(true);
    expectStarted("1.1.0", developTip);
    expect(state().pulls.list()[0]?.body).toContain("export to CSV");

    const writesBefore = sim.requests.filter((r) => WRITE_METHODS.has(r.method)).length;
    const again = await startBranch(scm(), await startRequest());
    expect(again.changed).toBe(false);
    expect(again.pull.number).toBe(outcome.pull.number);
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toHaveLength(writesBefore);
  });

  it("updates the pull request body instead of opening a second one", async () => {
    await startBranch(scm(), await startRequest());
    const request = await startRequest();
    const changed = { ...request, plan: { ...request.plan, notes: `${request.plan.notes}\n* one more line\n` } };
    const outcome = await startBranch(scm(), changed);
    expect(outcome.steps.join("\n")).toContain("updated pull request");
    expect(state().pulls.list()).toHaveLength(1);
    expect(state().pulls.list()[0]?.body).toContain("one more line");
  });

  for (const operationId of ["git/create-ref", "git/create-blob", "git/create-tree", "git/create-commit", "git/update-ref", "pulls/create"]) {
    it(`converges after a failure at ${operationId}`, async () => {
      sim.inject({ operationId, status: 500 });
      await expect(startBranch(scm(), await startRequest())).rejects.toBeInstanceOf(ExternalError);
      await startBranch(scm(), await startRequest());
      expectStarted("1.1.0", developTip);
    });
  }

  for (const operationId of ["git/create-ref", "git/create-blob", "git/create-tree", "git/create-commit", "git/update-ref", "pulls/create"]) {
    it(`converges after ${operationId} was applied but its answer lost`, async () => {
      loseFirstAnswer(operationId);
      // A lost fast-forward is noticed at once (the branch already holds the version); the others fail the run.
      const first = startBranch(scm(), await startRequest());
      if (operationId === "git/update-ref") await first;
      else await expect(first).rejects.toBeInstanceOf(ExternalError);
      await startBranch(scm(), await startRequest());
      expectStarted("1.1.0", developTip);
    });
  }

  it("two concurrent starts end with one branch, one bump commit and one pull request", async () => {
    sim.inject({ operationId: "git/create-ref", delayMs: 100, times: 2 });
    const results = await Promise.allSettled([startBranch(scm(), await startRequest()), startBranch(scm(), await startRequest())]);
    // A run that lost the fast-forward fails clearly or converges; a re-run always converges.
    if (results.some((r) => r.status === "rejected")) await startBranch(scm(), await startRequest());
    expectStarted("1.1.0", developTip);
  });

  it("hotfix: hotfix/X.Y.(Z+1) from main", async () => {
    await repo.checkout("main");
    const mainTip = await repo.head();
    const outcome = await startBranch(scm(), await startRequest("hotfix"));
    expect(outcome.branch).toBe("hotfix/1.0.1");
    expectStarted("1.0.1", mainTip);
  });

  it("dry run reads only and lists the writes", async () => {
    const recording = new RecordingScm(scm());
    await startBranch(recording, await startRequest());
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
    expect(recording.calls.map((c) => c.call)).toEqual([
      "POST /repos/acme/app/git/refs",
      "POST /repos/acme/app/git/blobs",
      "POST /repos/acme/app/git/trees",
      "POST /repos/acme/app/git/commits",
      "PATCH /repos/acme/app/git/refs/heads/release/1.1.0",
      "POST /repos/acme/app/pulls",
    ]);
  });
});

describe("finish", () => {
  /** The release branch made and merged into main locally (as the merge button would), then mirrored. */
  async function mergedRelease(): Promise<string> {
    await repo.checkout("release/1.1.0", { create: true, from: "develop" });
    await repo.commit("chore(release): 1.1.0", { "package.json": PACKAGE_JSON.replace("1.0.0", "1.1.0"), VERSION: "1.1.0\n" });
    await repo.checkout("main");
    const merge = await repo.merge("release/1.1.0", "Merge pull request #1 from acme/release/1.1.0");
    await mirror(sim, "acme/app", repo);
    const pull = sim.state.addPullRequest("acme/app", { head: { ref: "release/1.1.0", sha: (await repo.git(["rev-parse", "release/1.1.0"])).trim() }, base: { ref: "main" }, title: "release 1.1.0" });
    Object.assign(pull, { state: "closed", merged: true, mergedAt: "2026-03-10T10:00:00Z", mergeCommitSha: merge });
    return merge;
  }

  function finishRequest(): FinishRequest {
    return {
      branch: "release/1.1.0",
      kind: "release",
      version: "1.1.0",
      branches,
      planFor: async (commit) => (await planRelease(planRequest({ version: "1.1.0", to: commit, branch: "main" }))).plan!,
      openRelease: null,
      conflicts: (branch, commit) => mergeConflicts(repo.dir, branch, commit),
    };
  }

  function expectFinished(merge: string): void {
    expect(state().resolveRef("tags/v1.1.0")).toBe(merge);
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.1.0", draft: false }]);
    expect(state().releases.list()[0]?.body).toContain("export to CSV");
    // The back-merge runs from a branch of its own at the tagged commit, never from main itself.
    const backMerges = state().pulls.list((p) => p.base.ref === "develop");
    expect(backMerges).toMatchObject([{ state: "open", head: { ref: "merge/v1.1.0-into-develop" } }]);
    expect(state().resolveRef("heads/merge/v1.1.0-into-develop")).toBe(merge);
    expect(state().refs.has("heads/release/1.1.0")).toBe(false);
    // Exactly one deploy, whatever failed and was re-run.
    expect(state().dispatches.list()).toHaveLength(1);
    for (const d of state().dispatches.list()) expect(d).toMatchObject({ workflow: "deploy.yml", ref: "v1.1.0", inputs: { environment: "production", ref: "v1.1.0" } });
  }

  it("tags the merge commit, publishes the release, opens the back-merge, deletes the branch and dispatches the deploy", async () => {
    const merge = await mergedRelease();
    const outcome = await finishBranch(scm(), finishRequest());
    expect(outcome.blocked).toBeNull();
    expect(outcome.publish?.state).toBe("created");
    expectFinished(merge);
    expect(state().dispatches.size).toBe(1);

    const again = await finishBranch(scm(), finishRequest());
    expect(again.publish?.state).toBe("unchanged");
    expect(state().dispatches.size).toBe(1);
    expectFinished(merge);
  });

  for (const operationId of ["git/create-tag", "git/create-ref", "repos/create-release", "actions/create-workflow-dispatch", "repos/update-release", "pulls/create", "git/delete-ref"]) {
    it(`converges after a failure at ${operationId}`, async () => {
      const merge = await mergedRelease();
      sim.inject({ operationId, status: 500 });
      await expect(finishBranch(scm(), finishRequest())).rejects.toBeInstanceOf(ExternalError);
      await finishBranch(scm(), finishRequest());
      expectFinished(merge);
    });
  }

  for (const operationId of ["git/create-tag", "git/create-ref", "repos/create-release", "actions/create-workflow-dispatch", "repos/update-release", "pulls/create", "git/delete-ref"]) {
    it(`converges after ${operationId} was applied but its answer lost, with one deploy`, async () => {
      const merge = await mergedRelease();
      loseFirstAnswer(operationId);
      await expect(finishBranch(scm(), finishRequest())).rejects.toBeInstanceOf(ExternalError);
      await finishBranch(scm(), finishRequest());
      expectFinished(merge);
    });
  }

  it("refuses to finish a branch whose pull request is still open, writing nothing", async () => {
    await repo.checkout("release/1.1.0", { create: true, from: "develop" });
    await repo.commit("chore(release): 1.1.0", { VERSION: "1.1.0\n" });
    await mirror(sim, "acme/app", repo);
    sim.state.addPullRequest("acme/app", { head: { ref: "release/1.1.0", sha: await repo.head() }, base: { ref: "main" } });
    const outcome = await finishBranch(scm(), { ...finishRequest(), branches: { ...branches, "deploy-workflow": "" } });
    expect(outcome.blocked).toContain("is not merged yet");
    expect(sim.requests.filter((r) => WRITE_METHODS.has(r.method))).toEqual([]);
  });
});

describe("parseBranch", () => {
  it("reads the kind and version from the policy's templates", () => {
    const policy = defaultPolicy().release.branches;
    expect(parseBranch("release/1.2.0", policy)).toEqual({ kind: "release", version: "1.2.0" });
    expect(parseBranch("hotfix/v1.2.1", policy)).toEqual({ kind: "hotfix", version: "1.2.1" });
    expect(parseBranch("feature/x", policy)).toBeNull();
    expect(parseBranch("release/next", policy)).toBeNull();
    expect(parseBranch("rel-2.0.0-x", { ...policy, release: "rel-{version}-x" })).toEqual({ kind: "release", version: "2.0.0" });
  });
});
