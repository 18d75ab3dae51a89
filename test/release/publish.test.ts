import { beforeEach, describe, expect, it } from "vitest";
import { GitHubReleaseScm } from "../../src/github/release-scm.ts";
import { ExternalError } from "../../src/core/errors.ts";
import { publishRelease, type ReleasePlan } from "../../src/release/publish.ts";
import { RecordingScm } from "../../src/release/recording-scm.ts";
import { clientFor } from "../simulator/helpers.ts";
import { HttpError, type Simulator } from "../simulator/index.ts";
import { defaultRoutes } from "../simulator/routes/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

let sim: Simulator;
let plan: ReleasePlan;

beforeEach(async () => {
  sim = await startTestSimulator();
  sim.state.addCommit("acme/app", { branch: "main", message: "feat: first" });
  const head = sim.state.addCommit("acme/app", { branch: "main", message: "fix: second" });
  plan = { version: "1.2.0", tag: "v1.2.0", commit: head.sha, notes: "## 1.2.0\n\n### Bug Fixes\n\n* second\n", prerelease: false };
});

function scm(options: { retries?: number } = {}): GitHubReleaseScm {
  return new GitHubReleaseScm(clientFor(sim, { retries: options.retries ?? 0 }), "acme", "app");
}

const WRITES = ["git/create-tag", "git/create-ref", "repos/create-release", "repos/update-release"];

/** The end state every run must reach: one annotated tag at the commit, one published release with the notes. */
function expectReleased(): void {
  const repo = sim.state.repo("acme", "app")!;
  const ref = repo.refs.get("tags/v1.2.0");
  expect(ref && repo.tagObjects.get(ref)).toMatchObject({ tag: "v1.2.0", object: plan.commit, type: "commit" });
  const releases = repo.releases.list();
  expect(releases).toHaveLength(1);
  expect(releases[0]).toMatchObject({ tagName: "v1.2.0", draft: false, body: plan.notes, prerelease: false });
  expect(repo.refs.keys().filter((name) => name.startsWith("tags/"))).toEqual(["tags/v1.2.0"]);
}

function writes(): string[] {
  return sim.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.operationId}`);
}

describe("publishRelease", () => {
  it("creates the annotated tag, a draft, then publishes it", async () => {
    const outcome = await publishRelease(scm(), plan);
    expect(outcome.state).toBe("created");
    expect(outcome.release?.url).toContain("/releases/tag/v1.2.0");
    expectReleased();
    expect(writes()).toEqual(["POST git/create-tag", "POST git/create-ref", "POST repos/create-release", "PATCH repos/update-release"]);
    const draftCreate = sim.requests.find((r) => r.operationId === "repos/create-release");
    expect(draftCreate?.body).toMatchObject({ draft: true, tag_name: "v1.2.0", target_commitish: plan.commit });
  });

  it("posts notes whose mentions notify nobody, keeping CHANGELOG.md's text, and a re-run leaves them alone", async () => {
    plan = { ...plan, notes: "## 1.2.0\n\n### Bug Fixes\n\n* update @acme/widgets, thanks @octocat <img src=x>\n" };
    await publishRelease(scm(), plan);
    const [release] = sim.state.repo("acme", "app")!.releases.list();
    expect(release?.body).toBe("## 1.2.0\n\n### Bug Fixes\n\n* update @\u200Bacme/widgets, thanks @\u200Boctocat &lt;img src=x>\n");
    const before = writes().length;
    expect((await publishRelease(scm(), plan)).state).toBe("unchanged");
    expect(writes()).toHaveLength(before);
  });

  it("is a no-op on a re-run after success", async () => {
    await publishRelease(scm(), plan);
    const before = writes().length;
    const again = await publishRelease(scm(), plan);
    expect(again.state).toBe("unchanged");
    expect(writes()).toHaveLength(before);
    expectReleased();
  });

  it("refuses a tag that exists at another commit and changes nothing", async () => {
    const other = sim.state.addCommit("acme/app", { message: "chore: elsewhere", parents: [plan.commit] });
    sim.state.setRef("acme/app", "tags/v1.2.0", other.sha);
    const outcome = await publishRelease(scm(), plan);
    expect(outcome.state).toBe("conflict");
    expect(outcome.message).toContain(`already exists at ${other.sha}, not at ${plan.commit}`);
    expect(writes()).toEqual([]);
    expect(sim.state.repo("acme", "app")!.releases.size).toBe(0);
  });

  it("accepts a lightweight tag already at the commit and finishes the release", async () => {
    sim.state.setRef("acme/app", "tags/v1.2.0", plan.commit);
    const outcome = await publishRelease(scm(), plan);
    expect(outcome.state).toBe("created");
    expect(outcome.steps[0]).toContain("already exists");
    expect(sim.state.repo("acme", "app")!.releases.list()).toMatchObject([{ tagName: "v1.2.0", draft: false }]);
  });

  it("finishes a draft left by a failed run instead of creating another", async () => {
    sim.state.addRelease("acme/app", { tagName: "v1.2.0", draft: true, body: "old", targetCommitish: plan.commit });
    sim.state.setRef("acme/app", "tags/v1.2.0", plan.commit);
    const outcome = await publishRelease(scm(), plan);
    expect(outcome.steps.join("\n")).toContain("found the draft");
    expect(writes()).toEqual(["PATCH repos/update-release"]);
    expect(sim.state.repo("acme", "app")!.releases.list()).toMatchObject([{ draft: false, body: plan.notes }]);
  });

  for (const operationId of WRITES) {
    it(`converges after a failure at ${operationId} (refused before it ran)`, async () => {
      sim.inject({ operationId, status: 500 });
      await expect(publishRelease(scm(), plan)).rejects.toBeInstanceOf(ExternalError);
      const outcome = await publishRelease(scm(), plan);
      expect(outcome.state).toBe("created");
      expectReleased();
    });

    it(`converges after a failure at ${operationId} (applied, answer lost)`, async () => {
      const route = defaultRoutes()[operationId]!;
      let failed = false;
      sim.route(operationId, async (context) => {
        const result = await route(context);
        if (failed) return result;
        failed = true;
        throw new HttpError(502, "Bad Gateway");
      });
      await expect(publishRelease(scm(), plan)).rejects.toBeInstanceOf(ExternalError);
      const outcome = await publishRelease(scm(), plan);
      expect(["created", "unchanged"]).toContain(outcome.state);
      expectReleased();
    });
  }

  it("two racing runs end with one tag and one release; the loser says so and writes nothing after the race", async () => {
    // Both read "no tag" before either creates it: the ref creation decides.
    sim.inject({ operationId: "git/create-ref", delayMs: 150, times: 2 });
    const [a, b] = await Promise.all([publishRelease(scm(), plan), publishRelease(scm(), plan)]);
    const states = [a.state, b.state].sort();
    expect(states).toEqual(["created", "lost-race"]);
    const loser = a.state === "lost-race" ? a : b;
    expect(loser.message).toContain("another run created tag v1.2.0");
    expectReleased();
    expect(sim.requests.filter((r) => r.operationId === "repos/create-release")).toHaveLength(1);
  });

  it("two runs that both find the tag made end with one published release", async () => {
    sim.state.setRef("acme/app", "tags/v1.2.0", plan.commit);
    sim.inject({ operationId: "repos/list-releases", delayMs: 100, times: 2 });
    const [a, b] = await Promise.all([publishRelease(scm(), plan), publishRelease(scm(), plan)]);
    expect([a.state, b.state]).toContain("created");
    const releases = sim.state.repo("acme", "app")!.releases.list();
    expect(releases).toMatchObject([{ tagName: "v1.2.0", draft: false }]);
  });

  it("deletes its own draft when an older draft of the same tag exists (GitHub allows several)", async () => {
    sim.state.setRef("acme/app", "tags/v1.2.0", plan.commit);
    let older = 0;
    // Another run's draft appears between this run's read and its create.
    sim.route("repos/create-release", async (context) => {
      if (older === 0) older = sim.state.addRelease("acme/app", { tagName: "v1.2.0", draft: true, targetCommitish: plan.commit }).id;
      const repo = context.repo();
      const body = context.body as { tag_name: string; body: string };
      const mine = sim.state.addRelease("acme/app", { tagName: body.tag_name, draft: true, body: body.body, targetCommitish: plan.commit });
      return { status: 201, body: { id: mine.id, tag_name: mine.tagName, name: null, draft: true, prerelease: false, html_url: `${sim.url}/${repo.repo.fullName}/releases/${mine.id}` } };
    });
    const outcome = await publishRelease(scm(), plan);
    expect(outcome.steps.join("\n")).toContain("duplicate draft");
    expect(sim.state.repo("acme", "app")!.releases.list()).toMatchObject([{ id: older, draft: false, body: plan.notes }]);
  });
});

describe("dry run", () => {
  it("reads with the real API and records every write instead of sending it", async () => {
    const recording = new RecordingScm(scm());
    const outcome = await publishRelease(recording, plan);
    expect(outcome.state).toBe("created");
    expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(recording.calls.map((c) => c.call)).toEqual([
      "POST /repos/acme/app/git/tags",
      "POST /repos/acme/app/git/refs",
      "POST /repos/acme/app/releases",
      "PATCH /repos/acme/app/releases/{id}",
    ]);
  });

  it("plans nothing to write when the release exists", async () => {
    await publishRelease(scm(), plan);
    const recording = new RecordingScm(scm());
    const outcome = await publishRelease(recording, plan);
    expect(outcome.state).toBe("unchanged");
    expect(recording.calls).toEqual([]);
  });
});
