/**
 * Replays release histories as semantic-release and release-please produce them with their defaults, and checks
 * that each computed next version is the tag those tools published next. The network is closed here, so the
 * histories are modelled, not fetched: the first follows the pattern of a semantic-release project on main
 * (angular commit messages, releases from 1.0.0, BREAKING CHANGE footers, revert and dependency-update commits,
 * merged pull requests); the second a release-please project started at 0.1.0 with bump-minor-pre-major, squash
 * merges titled `type: subject (#N)` and the step to 1.0.0. One deliberate difference is left out: semantic-release
 * still counts a feature reverted within the same release, shipgate cancels the pair.
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { TestRepo } from "../support/git-repo.ts";
import { cli } from "../support/cli.ts";

interface Step {
  /** Commits pushed before the release job runs; "merge:<branch>:<commit>;<commit>" merges a pull request. */
  commits: string[];
  /** The tag the tool published, or null when it made no release. */
  published: string | null;
}

const repos: TestRepo[] = [];
afterAll(async () => {
  for (const repo of repos) await repo.remove();
});

async function replay(steps: Step[], policy?: string): Promise<void> {
  const repo = await TestRepo.create();
  repos.push(repo);
  const args = ["version", "next", "--repo", repo.dir, "--json"];
  if (policy) {
    const file = path.join(repo.dir, ".policy.yml");
    await writeFile(file, policy);
    args.push("--config", file);
  }
  const outcomes: (string | null)[] = [];
  for (const [index, step] of steps.entries()) {
    for (const commit of step.commits) {
      if (commit.startsWith("merge:")) {
        const [, branch, list] = commit.split(":", 3) as [string, string, string];
        await repo.checkout(branch, { create: true });
        for (const message of list.split(";")) await repo.commit(message.replace("\\", ":"));
        await repo.checkout("main");
        await repo.merge(branch, `Merge pull request #${100 + index} from octo/${branch}`);
      } else await repo.commit(commit);
    }
    const run = await cli(args);
    expect(run.code).toBe(0);
    const { tag } = run.json as { tag: string | null };
    outcomes.push(tag);
    if (tag) await repo.tag(tag);
  }
  expect(outcomes).toEqual(steps.map((s) => s.published));
}

describe("reproduces published version histories", () => {
  it("semantic-release defaults (angular messages, first release 1.0.0)", async () => {
    await replay([
      { commits: ["chore: initial commit", "feat: parse configuration files", "ci: add release workflow"], published: "v1.0.0" },
      { commits: ["fix: handle a missing configuration file"], published: "v1.0.1" },
      { commits: ["docs: usage examples"], published: null },
      { commits: ["perf: cache resolved paths"], published: "v1.0.2" },
      { commits: ["merge:feature/dry-run:feat(cli)\\ add --dry-run;fix(cli)\\ exit code of --dry-run"], published: "v1.1.0" },
      { commits: ["fix(deps): update dependency yaml to v2.4.1", "chore(deps): update dev dependencies"], published: "v1.1.1" },
      { commits: ["refactor(api): rename the options object\n\nBREAKING CHANGE: `opts.path` is now `opts.paths` and takes an array."], published: "v2.0.0" },
      { commits: ['Revert "feat(cli): add --dry-run"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.'], published: "v2.0.1" },
      { commits: ["feat: plugin hooks", "fix: plugin load order", "test: plugin hooks"], published: "v2.1.0" },
      { commits: ["style: formatting", "Merge branch 'main' of github.com:octo/repo", "feat(core): streaming parser"], published: "v2.2.0" },
    ]);
  });

  it("release-please with initial-version 0.1.0 and bump-minor-pre-major, then 1.0.0", async () => {
    await replay(
      [
        { commits: ["feat: bootstrap the service (#1)"], published: "v0.1.0" },
        { commits: ["fix: retry on 503 (#2)", "chore: update lockfile (#3)"], published: "v0.1.1" },
        { commits: ["feat(api): pagination (#4)"], published: "v0.2.0" },
        { commits: ["feat(api)!: remove the v0 endpoints (#5)"], published: "v0.3.0" },
        { commits: ["feat: add metrics (#6)\n\n* feat: prometheus endpoint\n\n* fix!: label cardinality\n\n* chore: dashboards"], published: "v0.4.0" },
        { commits: ["build: pin node (#7)"], published: null },
        { commits: ["fix!: strict TLS by default (#8)"], published: "v0.5.0" },
      ],
      "release:\n  initial-version: 0.1.0\n",
    );
    await replay(
      [
        { commits: ["feat: bootstrap (#1)"], published: "v0.1.0" },
        { commits: ["feat!: stable API (#2)"], published: "v1.0.0" },
        { commits: ["feat!: another break (#3)"], published: "v2.0.0" },
      ],
      "release:\n  initial-version: 0.1.0\n  pre-major-breaking: major\n",
    );
  });
});
