import { beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../src/core/capability.ts";
import { NotApplicable } from "../../src/core/errors.ts";
import { readOptions, type Door, type OptionValues, type RawValue } from "../../src/core/options.ts";
import { readRunContext } from "../../src/core/run-context.ts";
import { goNoGoDoor } from "../../src/go-no-go/door.ts";
import { validatePolicy } from "../../src/policy/validate.ts";
import { tempDir } from "../support/temp.ts";

const SHA = "b".repeat(40);
let root: string;

beforeAll(async () => {
  // Not a git checkout: the CLI has no HEAD to fall back on.
  root = tempDir("go-no-go-door");
});

function invocation(door: Door, env: NodeJS.ProcessEnv): Invocation {
  const now = new Date("2026-11-21T12:00:00Z");
  return { door, cwd: root, env, run: readRunContext({ GITHUB_WORKSPACE: root, ...env }), now, clock: () => now, sleep: async () => {}, log: () => {}, warn: () => {} };
}

type Values = OptionValues<typeof goNoGoDoor.options>;

function settings(door: Door, values: Values, env: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: "o/r" }) {
  const policy = validatePolicy({ gates: { "go-no-go": { "required-checks": ["ci"], staging: { required: true, environment: "stage" } } } }, "test");
  return goNoGoDoor.settings(values, { root, policy, policySource: null }, invocation(door, env));
}

describe("go-no-go door", () => {
  it("reads the policy overrides at both doors alike: lists one per line or comma-separated, or repeated flags", () => {
    const given: Record<Door, Record<string, RawValue>> = {
      action: { "required-checks": "e2e\nsmoke, unit", "require-staging": "false", "staging-environment": "qa" },
      cli: { "required-checks": ["e2e,smoke", "unit"], "require-staging": false, "staging-environment": "qa" },
    };
    for (const door of ["action", "cli"] as const) {
      expect(readOptions(goNoGoDoor.options, door, (key) => given[door][key])).toEqual({ "required-checks": ["e2e", "smoke", "unit"], "require-staging": false, "staging-environment": "qa" });
    }
  });

  it("the options override the policy file, which overrides the defaults", async () => {
    const fromPolicy = await settings("cli", { token: "t", sha: SHA });
    expect([fromPolicy.settings.requiredChecks, fromPolicy.settings.staging]).toEqual([["ci"], { required: true, environment: "stage" }]);
    const overridden = await settings("action", { token: "t", sha: SHA, "required-checks": ["e2e"], "require-staging": false, "staging-environment": "qa" });
    expect([overridden.settings.requiredChecks, overridden.settings.staging]).toEqual([["e2e"], { required: false, environment: "qa" }]);
  });

  it("is not applicable without a token, a repository or a commit", async () => {
    await expect(settings("action", { sha: SHA })).rejects.toThrow(/^input "token" is empty: the go\/no-go gate needs a token with issues: read/);
    await expect(settings("cli", { sha: SHA })).rejects.toThrow(/^GITHUB_TOKEN is empty: the go\/no-go gate needs a token with issues: read/);
    await expect(settings("action", { token: "t", sha: SHA }, {})).rejects.toThrow(new NotApplicable("GITHUB_REPOSITORY is not set: the go/no-go gate must run in a GitHub Actions job"));
    await expect(settings("cli", { token: "t" }, { GITHUB_REPOSITORY: "o/r", GITHUB_SHA: SHA })).rejects.toThrow(new NotApplicable("no commit to judge: give --sha (not in a git checkout)"));
    await expect(settings("action", { token: "t" }, { GITHUB_REPOSITORY: "o/r" })).rejects.toThrow(new NotApplicable('no commit to judge: give input "sha" (event unknown has none)'));
  });

  it("judges the commit named, else the run's in an action", async () => {
    expect((await settings("action", { token: "t" }, { GITHUB_REPOSITORY: "o/r", GITHUB_SHA: SHA })).sha).toBe(SHA);
    expect((await settings("cli", { token: "t", sha: SHA.toUpperCase() })).sha).toBe(SHA);
  });
});
