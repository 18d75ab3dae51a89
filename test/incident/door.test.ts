/** The incident front door names a wrong value alike at both doors: only the option's name differs. */
import { describe, expect, it } from "vitest";
import type { Door } from "../../src/core/options.ts";
import { optionLabel } from "../../src/core/options.ts";
import { readRunContext } from "../../src/core/run-context.ts";
import { incidentDoor } from "../../src/incident/door.ts";
import { defaultPolicy } from "../../src/policy/load.ts";

type Values = Parameters<typeof incidentDoor.settings>[0];
type Key = keyof typeof incidentDoor.options;

async function messageAt(door: Door, values: Values): Promise<string> {
  const now = new Date("2026-03-03T10:00:00Z");
  const env = { GITHUB_REPOSITORY: "acme/app", GITHUB_RUN_ID: "1" };
  const invocation = { door, cwd: process.cwd(), env, run: readRunContext({}), now, clock: () => now, sleep: async () => {}, log: () => {}, warn: () => {} };
  const scope = { root: process.cwd(), policy: defaultPolicy(), policySource: null };
  try {
    await incidentDoor.settings({ token: "t", ...values }, scope, invocation);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("no error");
}

describe("incident door: one message per wrong value, at both doors", () => {
  it.each<[Key, Values, RegExp]>([
    ["at", { mode: "failure", at: "yesterday" }, /^<opt>: "yesterday" is not an ISO-8601 time/],
    ["run-id", { mode: "failure", "run-id": "12a" }, /^<opt> \(or GITHUB_RUN_ID\): expected the numeric id of the workflow run, got "12a"$/],
    ["run-attempt", { mode: "failure", "run-attempt": "0" }, /^<opt> \(or GITHUB_RUN_ATTEMPT\): expected a whole number >= 1 and <= 10000, got "0"$/],
    ["subjects", { mode: "reconcile", subjects: "[" }, /^<opt>: not valid JSON/],
    ["subjects", { mode: "failure", subjects: "[]" }, /^<opt> is only for mode reconcile$/],
    ["subjects-file", { mode: "reconcile", "subjects-file": "no-such-subjects.json" }, /^<opt> no-such-subjects\.json: cannot read it \(ENOENT\)$/],
  ])("%s: %j", async (key, values, expected) => {
    const decl = incidentDoor.options[key];
    const [action, cli] = await Promise.all([messageAt("action", values), messageAt("cli", values)]);
    expect(action.replace(optionLabel("action", key, decl), "<opt>")).toMatch(expected);
    expect(cli.replace(optionLabel("cli", key, decl), "<opt>")).toBe(action.replace(optionLabel("action", key, decl), "<opt>"));
  });

  it("names --repo with its fallback GITHUB_REPOSITORY on the CLI (the action has no repo input)", async () => {
    expect(await messageAt("cli", { mode: "sla-watch", repo: "nope" })).toBe('--repo (or GITHUB_REPOSITORY): expected a repository as owner/name, got "nope"');
  });
});
