/**
 * Compatibility with conventional-changelog's conventionalcommits preset: the same repository rendered by
 * both must give the same markdown, release by release.
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ConventionalChangelog } from "conventional-changelog";
import { TestRepo } from "../support/git-repo.ts";
import { cli } from "../support/cli.ts";

const repos: TestRepo[] = [];
afterAll(async () => {
  for (const repo of repos) await repo.remove();
});

async function theirs(dir: string, config: Record<string, unknown> = {}): Promise<string> {
  const generator = new ConventionalChangelog(dir).readRepository().loadPreset({ name: "conventionalcommits", ...config }).options({ releaseCount: 0 });
  let text = "";
  for await (const chunk of generator.write()) text += chunk;
  // With every commit released, conventional-changelog still opens with an empty "unreleased" heading.
  return text.replace(/^## \[\]\([^)]*\) \(\d{4}-\d{2}-\d{2}\)\n\n/, "");
}

async function ours(dir: string, ...args: string[]): Promise<string> {
  const run = await cli(["changelog", "--repo", dir, "--all", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

async function buildHistory(remote: string): Promise<TestRepo> {
  const repo = await TestRepo.create({ remote });
  repos.push(repo);
  await repo.commit("chore: scaffold");
  await repo.commit("feat: first feature");
  await repo.commit("Initial import of legacy code");
  await repo.tag("v0.1.0");

  await repo.commit("fix(parser): handle empty input (#12)\n\nCloses #13\nRefs octo/other#14");
  await repo.commit("feat(*): wildcard scope mentions @octocat and `@not-a-user`");
  await repo.commit("feat(cli): add --json flag\n\nFixes #20, fixes #21");
  await repo.commit("perf: faster startup\n\nSee https://example.com/issue#1 for numbers");
  await repo.commit("feature: old-style feature type");
  const reverted = await repo.commit("feat: experimental thing");
  await repo.revert(reverted);
  await repo.checkout("feature/x", { create: true });
  await repo.commit("fix: on a branch");
  await repo.checkout("main");
  await repo.merge("feature/x", "Merge pull request #30 from octo/feature/x");
  // conventional-changelog lists commits without merges, so it loses a tag on a merge commit (shipgate keeps it);
  // here the release is tagged on a release commit, as semantic-release and release-please do.
  await repo.commit("chore(release): 0.2.0");
  await repo.tag("v0.2.0");

  await repo.commit("feat(api)!: rename endpoints\n\nBREAKING CHANGE: /v1 endpoints moved to /v2\nclients must update");
  await repo.commit("refactor!: hidden type but breaking");
  await repo.commit("custom(x)!: a type no section knows, but breaking");
  await repo.commit("docs: readme");
  await repo.commit("fix: Zebra sorting");
  await repo.commit("fix: apple sorting");
  await repo.commit("fix(a): scoped sorting");
  await repo.tag("v1.0.0-rc.1");
  await repo.commit("fix: after rc");
  await repo.tag("v1.0.0", { annotated: true });

  const older = await repo.git(["rev-parse", "HEAD~2"]);
  await repo.revert(older.trim());
  await repo.commit("chore: only a chore");
  await repo.tag("v1.0.1");
  return repo;
}

describe("changelog compatible with conventional-changelog (conventionalcommits preset)", () => {
  it.each([
    ["github.com over https", "https://github.com/octo-org/octo-repo.git"],
    ["GitHub Enterprise over ssh", "git@github.example.com:octo-org/octo-repo.git"],
  ])("renders the same whole changelog: %s", async (_name, remote) => {
    const repo = await buildHistory(remote);
    const expected = await theirs(repo.dir);
    const actual = await ours(repo.dir);
    // Sanity: the fixture exercises every section and link kind.
    for (const fragment of ["### ⚠ BREAKING CHANGES", "### Features", "### Bug Fixes", "### Performance Improvements", "### Reverts", "/compare/v0.2.0...v1.0.0-rc.1", "/issues/13", "/commit/"]) {
      expect(expected).toContain(fragment);
    }
    expect(actual).toBe(expected);
  });

  it("reads the preset's options from the policy file: types with section and hidden, URL formats, issue prefixes", async () => {
    const repo = await buildHistory("https://github.com/octo-org/octo-repo.git");
    await repo.commit("docs: now shown (#7)\n\nCloses JIRA-12");
    await repo.commit("fix: hidden now\n\nRefs #8");
    await repo.tag("v1.0.2");
    const types = [
      { type: "feat", section: "New" },
      { type: "fix", section: "Fixed", hidden: true },
      { type: "docs", section: "Docs" },
      { type: "revert", section: "Undone" },
    ];
    const urls = {
      commitUrlFormat: "{{host}}/{{owner}}/{{repository}}/-/commit/{{hash}}",
      compareUrlFormat: "{{host}}/{{owner}}/{{repository}}/-/compare/{{previousTag}}...{{currentTag}}",
      issueUrlFormat: "https://tracker.example/{{prefix}}{{id}}",
      userUrlFormat: "https://people.example/{{user}}",
    };
    const expected = await theirs(repo.dir, { types, issuePrefixes: ["#", "JIRA-"], ...urls });
    const config = path.join(repo.dir, "policy.yml");
    await writeFile(
      config,
      [
        "release:",
        "  changelog:",
        "    sections:",
        ...types.map((t) => `      - { type: ${t.type}, section: ${t.section}${t.hidden ? ", hidden: true" : ""} }`),
        '    issue-prefixes: ["#", "JIRA-"]',
        "    urls:",
        `      commit: "${urls.commitUrlFormat}"`,
        `      compare: "${urls.compareUrlFormat}"`,
        `      issue: "${urls.issueUrlFormat}"`,
        `      user: "${urls.userUrlFormat}"`,
        "",
      ].join("\n"),
    );
    for (const fragment of ["### New", "### Docs", "### Undone", "https://tracker.example/JIRA-12", "/-/commit/", "https://people.example/octocat"]) {
      expect(expected).toContain(fragment);
    }
    expect(await ours(repo.dir, "--config", config)).toBe(expected);
  });
});
