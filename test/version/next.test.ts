import { describe, expect, it } from "vitest";
import { computeNextVersion, matchesBranchPattern, prereleaseVersion, versionOfBranch } from "../../src/version/next.ts";
import { validatePolicy } from "../../src/policy/validate.ts";
import type { ReleasePolicy } from "../../src/policy/types.ts";
import type { GitCommit } from "../../src/git/git.ts";
import type { ReleaseRules } from "../../src/version/rules.ts";
import { versionOfTag, tagFormatOf } from "../../src/version/tags.ts";

function defaults(release: Record<string, unknown> = {}): ReleasePolicy {
  return validatePolicy({ release }, "test").release;
}

let n = 0;
function commits(...messages: string[]): GitCommit[] {
  return messages.map((message) => ({ hash: (++n).toString(16).padStart(40, "0"), parents: ["p"], committerDate: "2024-01-01T00:00:00Z", message }));
}

const tag = (name: string, reachable = true) => ({ name, commit: "c".repeat(40), reachable });

describe("computeNextVersion", () => {
  const cases: { name: string; tags: string[]; messages: string[]; policy?: Record<string, unknown>; branch?: string; current: string | null; next: string | null; bump: string | null }[] = [
    { name: "feat -> minor", tags: ["v1.2.3"], messages: ["feat: a", "fix: b"], current: "1.2.3", next: "1.3.0", bump: "minor" },
    { name: "fix -> patch", tags: ["v1.2.3"], messages: ["fix: b", "chore: c"], current: "1.2.3", next: "1.2.4", bump: "patch" },
    { name: "perf -> patch", tags: ["v1.2.3"], messages: ["perf: p"], current: "1.2.3", next: "1.2.4", bump: "patch" },
    { name: "breaking footer -> major", tags: ["v1.2.3"], messages: ["fix: b\n\nBREAKING CHANGE: x"], current: "1.2.3", next: "2.0.0", bump: "major" },
    { name: "bang on any type -> major", tags: ["v1.2.3"], messages: ["refactor!: r"], current: "1.2.3", next: "2.0.0", bump: "major" },
    { name: "only chores -> no release", tags: ["v1.2.3"], messages: ["chore: c", "docs: d", "Update README"], current: "1.2.3", next: null, bump: null },
    { name: "types are case-insensitive", tags: ["v1.2.3"], messages: ["FEAT: shout"], current: "1.2.3", next: "1.3.0", bump: "minor" },
    { name: "highest semver tag wins, not the order given", tags: ["v1.10.0", "v1.9.0", "v1.2.0"], messages: ["fix: x"], current: "1.10.0", next: "1.10.1", bump: "patch" },
    { name: "non-semver tags are ignored", tags: ["latest", "v2", "v1.x", "release-2024", "v1.0.0"], messages: ["feat: x"], current: "1.0.0", next: "1.1.0", bump: "minor" },
    { name: "prerelease tags are not the previous release", tags: ["v1.0.0", "v1.1.0-rc.1"], messages: ["feat: x"], current: "1.0.0", next: "1.1.0", bump: "minor" },
    { name: "no tag -> initial version", tags: [], messages: ["fix: first"], current: null, next: "1.0.0", bump: "patch" },
    { name: "no tag, configured initial version", tags: [], messages: ["feat: first"], policy: { "initial-version": "0.1.0" }, current: null, next: "0.1.0", bump: "minor" },
    { name: "no tag and nothing releasable", tags: [], messages: ["chore: init"], current: null, next: null, bump: null },
    { name: "0.x: breaking -> minor by default", tags: ["v0.4.2"], messages: ["feat!: x"], current: "0.4.2", next: "0.5.0", bump: "minor" },
    { name: "0.x: breaking -> 1.0.0 when allowed", tags: ["v0.4.2"], messages: ["feat!: x"], policy: { "pre-major-breaking": "major" }, current: "0.4.2", next: "1.0.0", bump: "major" },
    { name: "0.x: feature -> patch when configured", tags: ["v0.4.2"], messages: ["feat: x"], policy: { "pre-major-features": "patch" }, current: "0.4.2", next: "0.4.3", bump: "patch" },
    { name: "custom bump map", tags: ["v1.0.0"], messages: ["docs: d"], policy: { bumps: { docs: "patch" } }, current: "1.0.0", next: "1.0.1", bump: "patch" },
    { name: "bump map can silence a type", tags: ["v1.0.0"], messages: ["perf: p"], policy: { bumps: { perf: "none" } }, current: "1.0.0", next: null, bump: null },
    { name: "tag prefix", tags: ["release-1.0.0", "v9.9.9"], messages: ["fix: x"], policy: { "tag-prefix": "release-" }, current: "1.0.0", next: "1.0.1", bump: "patch" },
    { name: "empty tag prefix", tags: ["1.4.0", "v9.0.0"], messages: ["feat: x"], policy: { "tag-prefix": "" }, current: "1.4.0", next: "1.5.0", bump: "minor" },
    { name: "release branch -> rc.1", tags: ["v1.0.0"], messages: ["feat: x"], branch: "release/next", current: "1.0.0", next: "1.1.0-rc.1", bump: "minor" },
    { name: "release branch continues N", tags: ["v1.0.0", "v1.1.0-rc.1", "v1.1.0-rc.2"], messages: ["fix: y"], branch: "release/1.1.0", current: "1.0.0", next: "1.1.0-rc.3", bump: "patch" },
    { name: "hotfix branch", tags: ["v2.3.0"], messages: ["fix: urgent"], branch: "hotfix/2.3.1", current: "2.3.0", next: "2.3.1-rc.1", bump: "patch" },
    { name: "main is not a prerelease branch", tags: ["v2.3.0", "v2.4.0-rc.1"], messages: ["feat: x"], branch: "main", current: "2.3.0", next: "2.4.0", bump: "minor" },
    { name: "prerelease identifier", tags: ["v1.0.0"], messages: ["fix: x"], branch: "release/x", policy: { prerelease: { identifier: "beta" } }, current: "1.0.0", next: "1.0.1-beta.1", bump: "patch" },
  ];
  it.each(cases)("$name", (c) => {
    const result = computeNextVersion({ commits: commits(...c.messages), tags: c.tags.map((name) => tag(name)), policy: defaults(c.policy), branch: c.branch });
    expect({ current: result.current, next: result.next, bump: result.bump }).toEqual({ current: c.current, next: c.next, bump: c.bump });
    if (result.next) expect(result.tag).toBe(`${(c.policy?.["tag-prefix"] as string | undefined) ?? "v"}${result.next}`);
  });

  it("ignores tags not reachable from the head", () => {
    const result = computeNextVersion({ commits: commits("fix: x"), tags: [tag("v1.0.0"), tag("v3.0.0", false)], policy: defaults() });
    expect(result.current).toBe("1.0.0");
    expect(result.next).toBe("1.0.1");
  });

  it("continues rc numbers from tags on other branches too", () => {
    const result = computeNextVersion({ commits: commits("feat: x"), tags: [tag("v1.0.0"), tag("v1.1.0-rc.4", false)], policy: defaults(), branch: "release/1.1.0" });
    expect(result.next).toBe("1.1.0-rc.5");
  });

  it("lists the changes that decided the bump", () => {
    const result = computeNextVersion({ commits: commits("fix: a", "feat(ui): b", "feat: c", "chore: d"), tags: [tag("v1.0.0")], policy: defaults() });
    expect(result.deciding.map((d) => d.header)).toEqual(["feat(ui): b", "feat: c"]);
    expect(result.conventional).toBe(4);
  });

  it("rejects an initial version that is not semver, naming the key", () => {
    expect(() => computeNextVersion({ commits: [], tags: [], policy: { ...defaults(), "initial-version": "one.0" } })).toThrow(/release\.initial-version: "one\.0" is not a semver version/);
  });

  it("reads package tags and ignores other packages' tags", () => {
    const rules: ReleaseRules = { ...defaults(), package: { name: "api", path: "packages/api", "tag-format": "{name}@{version}" } };
    const result = computeNextVersion({ commits: commits("feat: x"), tags: ["api@1.2.0", "web@5.0.0", "v9.0.0", "api@not-semver"].map((t) => tag(t)), policy: rules });
    expect(result.current).toBe("1.2.0");
    expect(result.tag).toBe("api@1.3.0");
    const dashed: ReleaseRules = { ...defaults(), package: { name: "api", path: "p", "tag-format": "{name}-v{version}" } };
    expect(computeNextVersion({ commits: commits("fix: x"), tags: ["api-v0.3.0", "api@7.0.0"].map((t) => tag(t)), policy: dashed }).tag).toBe("api-v0.3.1");
  });
});

describe("tags and branches", () => {
  it.each([
    ["v1.2.3", "1.2.3"],
    ["v1.2.3-rc.1", "1.2.3-rc.1"],
    ["v1.2.3+build.5", "1.2.3"],
    ["vv1.2.3", null],
    ["v=1.2.3", null],
    ["v1.2", null],
    ["1.2.3", null],
    ["v01.2.3", null],
  ])("tag %s -> %s", (name, version) => {
    expect(versionOfTag(name, tagFormatOf({ "tag-prefix": "v" }))?.version ?? null).toBe(version);
  });

  it.each([
    ["release/1.2.0", "release/*", true],
    ["release/a/b", "release/*", true],
    ["hotfix/1.0.1", "release/*", false],
    ["main", "main", true],
    ["feature/release/1", "release/*", false],
    ["r-1-x", "r-*-x", true],
    ["r-1-y", "r-*-x", false],
  ])("branch %s matches %s: %s", (branch, pattern, expected) => {
    expect(matchesBranchPattern(branch, pattern)).toBe(expected);
  });

  it.each([
    ["release/1.2.0", "1.2.0"],
    ["hotfix/v2.0.1", "2.0.1"],
    ["release/next", null],
    ["release/1.2", null],
  ])("branch %s names version %s", (branch, version) => {
    expect(versionOfBranch(branch)).toBe(version);
  });
});

describe("prereleaseVersion", () => {
  const cases: { version: string; tags: string[]; release?: Record<string, unknown>; expected: string }[] = [
    { version: "1.3.0", tags: [], expected: "1.3.0-rc.1" },
    { version: "1.3.0", tags: ["v1.3.0-rc.1", "v1.3.0-rc.4", "v1.2.0-rc.9", "v1.3.0-beta.7"], expected: "1.3.0-rc.5" },
    { version: "1.3.0", tags: ["web@1.3.0-rc.3", "v1.3.0-rc.x"], expected: "1.3.0-rc.1" },
    { version: "1.3.0-rc.2", tags: ["v1.3.0-rc.5"], expected: "1.3.0-rc.2" },
    { version: "2.0.0", tags: ["v2.0.0-beta.2"], release: { prerelease: { identifier: "beta" } }, expected: "2.0.0-beta.3" },
  ];
  for (const c of cases) {
    it(`${c.version} with ${c.tags.join(", ") || "no tags"} -> ${c.expected}`, () => {
      expect(prereleaseVersion(c.version, c.tags.map((name) => tag(name, false)), defaults(c.release))).toBe(c.expected);
    });
  }
});
