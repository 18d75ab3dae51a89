/**
 * shipgate's own release (.github/workflows/self-release.yml), step by step as the workflow runs them, with the
 * real bundles and npm against a real git repository and the simulator as GitHub: version -> CHANGELOG.md ->
 * package.json -> release commit (pushed: mirrored) -> tag, GitHub release and the major tag. Then the releases
 * after it: a breaking change (v2, its upgrade note in the notes, v1 left alone), a fix (v2 moved forward), a
 * backport on the 1.x line (v1 moved forward, v2 untouched) and a major tag someone pointed elsewhere (kept,
 * with a warning). Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";
import { TestRepo } from "../support/git-repo.ts";
import { runActionBundle } from "../support/runner.ts";
import { mirror } from "./mirror.ts";

const root = path.resolve(import.meta.dirname, "../..");
const repoName = "octo-org/octo-repo";
const POLICY = readFileSync(path.join(root, ".github/shipgate.yml"), "utf8");

let sim: Simulator;
let repo: TestRepo;

const state = () => sim.state.repo("octo-org", "octo-repo")!;
const refOf = (name: string) => state().resolveRef(name) ?? null;

function npmVersion(version: string): void {
  const npm = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "npm")).find((file) => existsSync(file));
  if (!npm) throw new Error("npm is not on PATH");
  const result = spawnSync(process.execPath, [realpathSync(npm), "version", "--no-git-tag-version", "--allow-same-version", version], { cwd: repo.dir, encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
}

/** The workflow's steps after npm ci, on the checked-out branch; answers the release action's run. */
async function releaseRound() {
  const version = await runActionBundle("dist/version.js", { workspace: repo.dir, inputs: {} });
  expect(version.exitCode, version.stderr).toBe(0);
  const next = version.outputs.next!;
  const changelog = await runActionBundle("dist/changelog.js", { workspace: repo.dir, inputs: { version: next, write: "true" } });
  expect(changelog.exitCode, changelog.stderr).toBe(0);
  npmVersion(next);
  const commit = await repo.commit(`chore(release): ${next}`, {});
  await mirror(sim, repoName, repo);
  const release = await runActionBundle("dist/release.js", { workspace: repo.dir, apiUrl: sim.url, inputs: { token: "writer", version: next, "major-tag": "true" } });
  // What `git fetch --tags` brings to the next run's checkout.
  if (release.outputs.tag) await repo.tag(release.outputs.tag, { annotated: true, at: commit });
  return { next, commit, release };
}

beforeEach(async () => {
  sim = await startTestSimulator({ tokens: { writer: "write" } });
  repo = await TestRepo.create();
  await repo.commit("chore: start", { "package.json": '{\n  "name": "octo-action",\n  "version": "0.0.0"\n}\n', "CHANGELOG.md": "# Changelog\n", ".github/shipgate.yml": POLICY });
  await repo.commit("feat: the first gate");
  await repo.commit("fix: a crash on empty input");
});

describe("shipgate's self-release workflow", () => {
  it("has the steps this test follows, in this order, with the major tag asked for", () => {
    const workflow = parse(readFileSync(path.join(root, ".github/workflows/self-release.yml"), "utf8")) as { jobs: { release: { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] } } };
    const steps = workflow.jobs.release.steps.map((step) => step.uses ?? step.run?.split("\n")[0] ?? "");
    const order = ["npm ci", "npm run check-dist", "./actions/version", "./actions/changelog", 'npm version --no-git-tag-version --allow-same-version "$NEXT"', "npm run check-dist", "git push", "./actions/release"];
    let at = -1;
    for (const expected of order) {
      const found = steps.findIndex((step, i) => i > at && step.startsWith(expected));
      expect(found, `${expected} after step ${at}`).toBeGreaterThan(at);
      at = found;
    }
    expect(workflow.jobs.release.steps.at(-1)?.with).toMatchObject({ "major-tag": true });
  });

  it("releases 1.0.0 first: CHANGELOG.md and package.json in the release commit, the tag, the release and v1", async () => {
    const { next, commit, release } = await releaseRound();
    expect(next).toBe("1.0.0");
    expect(release.exitCode, release.stderr).toBe(0);
    expect(release.outputs).toMatchObject({ version: "1.0.0", tag: "v1.0.0", created: "true", "major-tag": "v1" });
    expect(JSON.parse(await repo.git(["show", `${commit}:package.json`])) as unknown).toMatchObject({ version: "1.0.0" });
    expect(await repo.git(["show", `${commit}:CHANGELOG.md`])).toMatch(/^# Changelog\n\n## \[?1\.0\.0\b.*\n\n### Features\n\n\* the first gate[^\n]*\n\n### Bug Fixes\n\n\* a crash on empty input/);
    expect(refOf("tags/v1.0.0")).toBe(commit);
    expect(refOf("tags/v1")).toBe(commit);
    expect(state().releases.list()).toMatchObject([{ tagName: "v1.0.0", draft: false, targetCommitish: commit }]);
    expect(release.summary).toContain("created v1 at");

    // A re-run of the release step finds everything in place.
    const again = await runActionBundle("dist/release.js", { workspace: repo.dir, apiUrl: sim.url, inputs: { token: "writer", version: "1.0.0", "major-tag": "true" } });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.outputs).toMatchObject({ created: "false", "major-tag": "v1" });
    expect(state().releases.list()).toHaveLength(1);
  });

  it("a dry run of the release step on an unpushed release commit writes nothing and lists the major tag's move", async () => {
    const first = await releaseRound();
    await repo.commit("fix: on main");
    const commit = await repo.commit("chore(release): 1.0.1", {});
    const writesBefore = sim.requests.filter((r) => r.method !== "GET").length;
    const dry = await runActionBundle("dist/release.js", { workspace: repo.dir, apiUrl: sim.url, inputs: { token: "writer", version: "1.0.1", "major-tag": "true", "dry-run": "true" } });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(sim.requests.filter((r) => r.method !== "GET").length).toBe(writesBefore);
    expect(dry.summary).toContain(`| \`PATCH /repos/octo-org/octo-repo/git/refs/tags/v1\` | move tags/v1 to ${commit} |`);
    expect(dry.summary).toContain(`- dry run, nothing written: moved v1 from ${first.commit} to ${commit} (v1.0.1)`);
    expect(refOf("tags/v1")).toBe(first.commit);
  });

  it("a breaking change releases 2.0.0 with its upgrade note and a new v2; v1 stays; a fix moves v2 forward", async () => {
    const first = await releaseRound();
    await repo.commit("feat(inputs)!: one input for every report\n\nBREAKING CHANGE: rename the input `file` to `files`; it takes a list of globs.");
    const second = await releaseRound();
    expect(second.next).toBe("2.0.0");
    expect(second.release.exitCode, second.release.stderr).toBe(0);
    const notes = state().releases.list().find((r) => r.tagName === "v2.0.0")?.body ?? "";
    expect(notes).toContain("### ⚠ BREAKING CHANGES");
    expect(notes).toContain("* **inputs:** rename the input `file` to `files`; it takes a list of globs.");
    expect(refOf("tags/v2")).toBe(second.commit);
    expect(refOf("tags/v1")).toBe(first.commit);

    await repo.commit("fix: a typo in the summary");
    const third = await releaseRound();
    expect(third.next).toBe("2.0.1");
    expect(third.release.outputs["major-tag"]).toBe("v2");
    expect(third.release.summary).toContain(`moved v2 from ${second.commit} to ${third.commit}`);
    expect(refOf("tags/v2")).toBe(third.commit);
    expect(refOf("tags/v1")).toBe(first.commit);
  });

  it("a backport on the 1.x line moves v1 forward and leaves v2; v1 is never moved back to an older 1.x", async () => {
    const first = await releaseRound();
    await repo.commit("feat!: the new world\n\nBREAKING CHANGE: the old world is gone.");
    const second = await releaseRound();
    await repo.checkout("release-1.x", { create: true, from: first.commit });
    await repo.commit("fix: backported crash fix");
    const backport = await releaseRound();
    expect(backport.next).toBe("1.0.1");
    expect(backport.release.outputs["major-tag"]).toBe("v1");
    expect(refOf("tags/v1")).toBe(backport.commit);
    expect(refOf("tags/v2")).toBe(second.commit);

    // Re-releasing the older 1.0.0 (a re-run of its workflow) must not take v1 back.
    const rerun = await runActionBundle("dist/release.js", { workspace: repo.dir, apiUrl: sim.url, inputs: { token: "writer", version: "1.0.0", to: first.commit, "major-tag": "true" } });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.outputs["major-tag"]).toBe("");
    expect(rerun.summary).toContain("v1 stays where it is: v1.0.1 is a later release of the same major version");
    expect(refOf("tags/v1")).toBe(backport.commit);
  });

  it("keeps a major tag that points at a commit the release does not descend from, and warns", async () => {
    const first = await releaseRound();
    await repo.checkout("elsewhere", { create: true });
    const stray = await repo.commit("chore: somewhere else");
    await mirror(sim, repoName, repo);
    sim.state.setRef(repoName, "refs/tags/v1", stray);
    await repo.checkout("main");
    await repo.commit("fix: on main");
    const round = await releaseRound();
    expect(round.release.exitCode, round.release.stderr).toBe(0);
    expect(round.release.outputs).toMatchObject({ version: "1.0.1", status: "warn", "major-tag": "" });
    expect(round.release.annotations.map((a) => a.message)).toContain(`v1 stays at ${stray}: that commit is not an ancestor of ${round.commit}, so moving v1 would not be a move forward`);
    expect(refOf("tags/v1")).toBe(stray);
    expect(first.commit).not.toBe(stray);
  });
});
