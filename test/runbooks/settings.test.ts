/** The runbooks section: defaults, ids, and bad input named with where it is; the CLI refuses it with exit 2. */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { UserError } from "../../src/core/errors.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { idFromText, resolveRunbookSettings } from "../../src/runbooks/settings.ts";
import { tempDir } from "../support/temp.ts";

async function settingsOf(yaml: string) {
  const policy = await parsePolicyText(yaml, ".github/shipgate.yml");
  return resolveRunbookSettings(policy.runbooks, ".github/shipgate.yml", policy.windows.timezone);
}

async function refusal(yaml: string): Promise<string> {
  try {
    await settingsOf(yaml);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

const one = (extra: string, items = "    items: [{ text: Check }]\n") => `runbooks:\n  list:\n  - name: weekly\n${extra}${items}`;

describe("runbooks settings", () => {
  it("fills the defaults: windows.timezone, due at the end of the window, ids from the text", async () => {
    const settings = await settingsOf(`windows: { timezone: Europe/Paris }\n${one("    schedule: every Sunday 02:00\n    duration: 2h\n    owners: [alice, '@acme/dba']\n", "    items: [{ text: 'Reindex above 30 % fragmentation' }]\n")}`);
    const runbook = settings.runbooks[0]!;
    expect(runbook).toMatchObject({ zone: "Europe/Paris", durationMinutes: 120, dueMinutes: 120, assignees: ["alice"], teams: ["acme/dba"], onMissed: { label: "runbook-overdue", comment: true } });
    expect(runbook.items[0]!.id).toBe("reindex-above-30-fragmentation");
    expect(settings.label).toBe("runbook");
    expect(idFromText("!!!")).toBe("item");
  });

  it.each([
    [one("    schedule: every Funday 02:00\n"), '.github/shipgate.yml:4: runbooks.list[0].schedule: expected a schedule such as "every day 06:00"'],
    [one("    timezone: Mars/Olympus\n"), 'runbooks.list[0].timezone: unknown time zone "Mars/Olympus"'],
    [one("", "    items: [{ text: Check }, { text: check }]\n"), 'runbooks.list[0].items[1]: its id "check" is also the id of items[0]'],
    [one("", "    items: [{ text: Check, gate: certs, command: { argv: [x] } }]\n"), "runbooks.list[0].items[0]: give one of gate, command and restore-test"],
    [one("", "    items: []\n"), "runbooks.list[0].items: a runbook needs at least one item"],
    [`runbooks:\n  release-checklist: nope\n  list: []\n`, 'runbooks.release-checklist: no runbook is named "nope"'],
    [`${one("")}  - name: weekly\n    items: [{ text: x }]\n`, 'runbooks.list[1].name: "weekly" is also the name of list[0]'],
  ])("refuses %j", async (yaml, message) => {
    expect(await refusal(yaml)).toContain(message);
  });

  it("the policy file is refused when it is loaded, whatever reads it, at the schedule's line", async () => {
    await expect(parsePolicyText(`windows: { timezone: UTC }\n${one("    schedule: quarterly, first Funday\n")}`, ".github/shipgate.yml")).rejects.toThrow(/shipgate\.yml:5: runbooks\.list\[0\]\.schedule: expected a schedule such as/);
  });

  it("the schema refuses a name that could end a marker, at its line", async () => {
    await expect(settingsOf("runbooks:\n  list:\n  - name: 'a -->'\n    items: [{ text: x }]\n")).rejects.toThrow(/shipgate\.yml:3: runbooks\.list\[0\]\.name: expected a string matching/);
  });
});

describe("shipgate runbook: bad input", () => {
  const cwd = tempDir("runbook-cli-input");
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  async function run(args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "t" }) {
    let stderr = "";
    const code = await runCli(["runbook", ...args], { stdout: () => {}, stderr: (t) => (stderr += t), cwd, env, now: () => new Date("2026-12-02T12:00:00Z") });
    return { code, stderr };
  }

  it("exits 2 naming the policy key, the unknown runbook, or the missing token", async () => {
    await writeFile(path.join(cwd, "bad.yml"), one("    schedule: every Funday 02:00\n"));
    await writeFile(path.join(cwd, "good.yml"), one("    schedule: every Sunday 02:00\n"));
    const bad = await run(["--repo", "acme/app", "--config", "bad.yml"]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("runbooks.list[0].schedule") });
    const unknown = await run(["--repo", "acme/app", "--config", "good.yml", "--runbook", "monthly"]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('--runbook: no runbook is named "monthly" in runbooks.list (known: weekly)') });
    const noToken = await run(["--repo", "acme/app", "--config", "good.yml"], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("GITHUB_TOKEN is empty: the runbook needs a token with issues: write");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
