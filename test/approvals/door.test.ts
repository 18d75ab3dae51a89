import { beforeAll, describe, expect, it } from "vitest";
import { approvalsDoor } from "../../src/approvals/door.ts";
import type { Invocation } from "../../src/core/capability.ts";
import { NotApplicable, UserError } from "../../src/core/errors.ts";
import { readOptions, type Door, type OptionValues } from "../../src/core/options.ts";
import { readRunContext } from "../../src/core/run-context.ts";
import { validatePolicy } from "../../src/policy/validate.ts";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../support/temp.ts";

const SHA = "a".repeat(40);
let root: string;

beforeAll(async () => {
  // Not a git checkout: the CLI has no HEAD to fall back on.
  root = tempDir("approvals-door");
});

function invocation(door: Door, env: NodeJS.ProcessEnv = {}): Invocation {
  const now = new Date("2026-11-21T12:00:00Z");
  return { door, cwd: root, env, run: readRunContext({ GITHUB_WORKSPACE: root, ...env }), now, clock: () => now, sleep: async () => {}, log: () => {}, warn: () => {} };
}

type Values = OptionValues<typeof approvalsDoor.options>;

function settings(door: Door, values: Values, env: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: "o/r" }) {
  const policy = validatePolicy({ gates: { approvals: { required: 3 } } }, "test");
  return approvalsDoor.settings(values, { root, policy, policySource: null }, invocation(door, env));
}

/** The raw value of one option as each door reads it. */
function parse(door: Door, key: string, raw: string): Values {
  return readOptions(approvalsDoor.options, door, (k) => (k === key ? raw : undefined));
}

describe("approvals door", () => {
  it("accepts the same range for required at both doors: GitHub's own limit, 0 to 10", () => {
    for (const door of ["action", "cli"] as const) {
      expect(parse(door, "required", "10").required).toBe(10);
      expect(parse(door, "required", "0").required).toBe(0);
    }
    expect(() => parse("action", "required", "11")).toThrow('input "required": expected a whole number >= 0 and <= 10, got "11"');
    expect(() => parse("cli", "required", "11")).toThrow('--required: expected a whole number >= 0 and <= 10, got "11"');
  });

  it("the option overrides the policy file", async () => {
    expect((await settings("cli", { token: "t", "pull-request": 7 })).settings.required).toBe(3);
    expect((await settings("action", { token: "t", "pull-request": 7, required: 1 })).settings.required).toBe(1);
  });

  it("refuses a pull request and a commit together at both doors", async () => {
    await expect(settings("action", { token: "t", "pull-request": 1, sha: SHA })).rejects.toThrow(new UserError('input "pull-request" and input "sha": give one of them, not both'));
    await expect(settings("cli", { token: "t", "pull-request": 1, sha: SHA })).rejects.toThrow(new UserError("--pr and --sha: give one of them, not both"));
  });

  it("is not applicable without a token, naming what the token needs", async () => {
    const action = settings("action", { "pull-request": 1 });
    await expect(action).rejects.toBeInstanceOf(NotApplicable);
    await expect(action).rejects.toThrow(/^input "token" is empty: the approvals gate needs a token with pull-requests: read/);
    await expect(settings("cli", { "pull-request": 1 })).rejects.toThrow(/^GITHUB_TOKEN is empty: the approvals gate needs a token with pull-requests: read/);
  });

  it("is not applicable without a repository", async () => {
    await expect(settings("action", { token: "t", "pull-request": 1 }, {})).rejects.toThrow(new NotApplicable("GITHUB_REPOSITORY is not set: the approvals gate must run in a GitHub Actions job"));
    await expect(settings("cli", { token: "t", "pull-request": 1 }, {})).rejects.toThrow(/^no repository: pass --repo OWNER\/NAME/);
    expect((await settings("cli", { token: "t", "pull-request": 1, repository: "a/b" }, {})).repository).toEqual({ owner: "a", repo: "b" });
  });

  it("judges the commit of the run in an action, and never on the CLI, which has no HEAD outside a checkout", async () => {
    expect((await settings("action", { token: "t" }, { GITHUB_REPOSITORY: "o/r", GITHUB_SHA: SHA })).target).toEqual({ sha: SHA });
    await expect(settings("cli", { token: "t" }, { GITHUB_REPOSITORY: "o/r", GITHUB_SHA: SHA })).rejects.toThrow(new NotApplicable("no pull request to judge: give --pr or --sha (not in a git checkout)"));
    expect((await settings("cli", { token: "t", sha: SHA.toUpperCase() })).target).toEqual({ sha: SHA });
  });
});

describe("the event decides what is judged", () => {
  function withEvent(name: string, payload: unknown): NodeJS.ProcessEnv {
    const file = path.join(root, `${name}.json`);
    writeFileSync(file, JSON.stringify(payload));
    return { GITHUB_REPOSITORY: "o/r", GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_SHA: "b".repeat(40) };
  }

  it("merge_group: the queue's group on its base branch, not the temporary commit's merged pull request", async () => {
    const env = withEvent("merge_group", { merge_group: { head_sha: SHA, head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${SHA}`, base_ref: "refs/heads/main" } });
    const request = await settings("action", { token: "t" }, env);
    expect(request.target).toEqual({ mergeGroup: { headSha: SHA, headRef: `refs/heads/gh-readonly-queue/main/pr-7-${SHA}`, baseRef: "main" } });
    expect(request.checkSha).toBeUndefined();
  });

  it("workflow_run of a fork's pull request: found by its head, the check written on that head", async () => {
    const env = withEvent("workflow_run", { workflow_run: { head_sha: SHA, head_branch: "patch-1", head_repository: { full_name: "outsider/r" }, pull_requests: [] } });
    const request = await settings("action", { token: "t" }, env);
    expect(request.target).toEqual({ pullRequestHead: { repository: "outsider/r", branch: "patch-1", sha: SHA } });
    expect(request.checkSha).toBe(SHA);
    const presented = approvalsDoor.present({ result: { gate: "approvals", status: "pass", title: "t", summary: "", findings: [], metrics: {} }, pullRequest: null }, request, invocation("action", env));
    expect(presented.checkSha).toBe(SHA);
  });
});
