/**
 * The action bundles carry the policy validator compiled at build time (scripts/build.ts); tests from source
 * compile it at run time. Both must judge a policy file alike: the same message for each kind of mistake, the
 * same defaults filled in. Runs dist/deploy-window.js (run `npm run build` first).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

async function bundleVerdict(policy: string): Promise<{ exitCode: number; failure: string | undefined; outputs: Record<string, string> }> {
  const workspace = tempDir("precompiled-policy");
  await mkdir(path.join(workspace, ".github"));
  await writeFile(path.join(workspace, ".github/shipgate.yml"), policy);
  return runActionBundle("dist/deploy-window.js", { workspace, env: { SHIPGATE_TEST_CLOCK: "2026-03-03T09:30:00Z" } });
}

function sourceMessage(policy: string): string {
  try {
    parsePolicyText(policy, ".github/shipgate.yml");
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error("the source validator accepted the policy");
}

const mistakes: [string, string][] = [
  ["an unknown key (the message lists the known ones)", "windows:\n  timezone: UTC\n  deploys: []\n"],
  ["a wrong type", "gates:\n  coverage:\n    lines: high\n"],
  ["a value out of range", "gates:\n  approvals:\n    required: 11\n"],
  ["a value not in the list", "gates:\n  coverage:\n    format: xml\n"],
  ["a version that is not semver (the message quotes it)", "release:\n  initial-version: v1\n"],
  ["a missing required key", "windows:\n  deploy:\n    - days: [tue]\n      start: '10:00'\n"],
  ["several mistakes at once", "gates:\n  coverage:\n    lines: 101\n    branch: 3\nwindows:\n  timezone: Mars/Olympus\n"],
];

describe("the policy validator compiled into the bundles", () => {
  it.each(mistakes)("refuses %s with the same message as the source", async (_, policy) => {
    const run = await bundleVerdict(policy);
    expect(run.exitCode).toBe(2);
    expect(run.failure).toBe(`deploy-window: configuration error: ${sourceMessage(policy)}`);
  });

  it("fills in the defaults the run relies on (maintenance windows and freezes it does not name)", async () => {
    const policy = "windows:\n  timezone: Europe/Paris\n  deploy:\n    - { name: off-peak, days: [tue], start: '10:00', end: '12:00' }\n";
    const run = await bundleVerdict(policy);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ open: "true", window: "off-peak", "closes-at": "2026-03-03T12:00:00+01:00" });
    expect(parsePolicyText(policy, "p.yml").windows).toMatchObject({ maintenance: [], freezes: [] });
  });
});
