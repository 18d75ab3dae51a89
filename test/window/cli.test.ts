import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { PROCEDURE_POLICY, repoWithPolicy } from "./fixtures.ts";

async function run(argv: string[], cwd: string, now = new Date("2026-11-21T19:00:00Z")) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, now: () => now });
  return { exitCode, stdout, stderr };
}

describe("shipgate window check", () => {
  it("exits 1 with the next opening when closed", async () => {
    const repo = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await run(["window", "check", "--json"], repo);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      open: false,
      window: null,
      closesAt: null,
      nextOpen: "2026-11-24T10:00:00+01:00",
      reason: "outside off-peak (Tue, Wed 10:00-12:00 Europe/Paris)",
    });
  });

  it("prints the verdict line as text", async () => {
    const repo = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await run(["window", "check"], repo);
    expect(result.stdout).toBe("Deploy window closed · opens Tue 24 Nov 10:00 Europe/Paris, in 2 d 14 h · override: --override-reason\n");
  });

  it("exits 0 when open --at an instant with an offset", async () => {
    const repo = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await run(["window", "check", "--at", "2026-11-25T11:00:00+01:00", "--json"], repo);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ open: true, window: "off-peak", closesAt: "2026-11-25T12:00:00+01:00", nextOpen: null });
  });

  it("reads a local --at in the policy's zone and checks maintenance windows", async () => {
    const repo = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await run(["window", "check", "--kind", "maintenance", "--at", "2026-12-05T23:30", "--json"], repo);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ open: true, window: "monthly", closesAt: "2026-12-06T04:00:00+01:00" });
  });

  it("takes another policy file with --config", async () => {
    const repo = await repoWithPolicy("");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${repo}/windows.yml`, PROCEDURE_POLICY);
    const result = await run(["window", "check", "--config", "windows.yml", "--at", "2026-12-22T10:30", "--json"], repo);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ open: false, nextOpen: "2027-01-05T10:00:00+01:00", reason: expect.stringContaining("freeze year-end") });
  });

  it("names the freeze that delays the next opening in the verdict line", async () => {
    const repo = await repoWithPolicy(PROCEDURE_POLICY);
    const result = await run(["window", "check", "--at", "2026-12-22T10:30"], repo);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("Deploy window closed · opens Tue 5 Jan 2027 10:00 Europe/Paris, in 14 d, after the “year-end” freeze · override: --override-reason\n");
  });

  it("describes itself with --help", async () => {
    const result = await run(["window", "check", "--help"], process.cwd());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Usage: shipgate window check [options]");
    expect(result.stdout).toMatch(/--config FILE[\s\S]*--kind KIND[\s\S]*--at ISO-8601/);
  });

  const badInput: { name: string; argv: string[]; policy?: string; stderr: string }[] = [
    { name: "a bad --at", argv: ["--at", "tomorrow"], stderr: '--at: expected a local date-time "YYYY-MM-DDTHH:MM"' },
    { name: "a bad --kind", argv: ["--kind", "release"], stderr: '--kind: expected one of deploy, maintenance, got "release"' },
    { name: "a missing --config file", argv: ["--config", "nope.yml"], stderr: "nope.yml: cannot read the policy file: ENOENT" },
    { name: "a bad policy", argv: [], policy: PROCEDURE_POLICY.replace('"10:00"', '"25:00"'), stderr: ".github/shipgate.yml:6: windows.deploy[0].start: expected a time" },
  ];
  it.each(badInput)("exits 2 on $name", async ({ argv, policy, stderr }) => {
    const repo = await repoWithPolicy(policy ?? PROCEDURE_POLICY);
    const result = await run(["window", "check", ...argv, "--json"], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(result.stdout)).toMatchObject({ exitCode: 2 });
  });

  describe("the action's inputs as options", () => {
    it("takes the windows section from --windows", async () => {
      const repo = await repoWithPolicy("");
      const windows = 'timezone: Asia/Kolkata\ndeploy:\n  - name: ist\n    days: [mon]\n    start: "09:00"\n    end: "09:30"\n';
      const result = await run(["window", "check", "--windows", windows, "--at", "2026-11-23T09:00", "--json"], repo);
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ open: true, window: "ist", closesAt: "2026-11-23T09:30:00+05:30" });
    });

    it("weighs --override-reason as the action does, refusing it where the policy says so", async () => {
      const repo = await repoWithPolicy(PROCEDURE_POLICY + "  override:\n    disabled-environments: [production]\n");
      const accepted = await run(["window", "check", "--override-reason", "hotfix", "--environment", "staging", "--json"], repo);
      expect(accepted.exitCode).toBe(0);
      expect(JSON.parse(accepted.stdout)).toMatchObject({ open: false, override: { accepted: true, reason: "hotfix", refusal: null } });
      const refused = await run(["window", "check", "--override-reason", "hotfix", "--environment", "production"], repo);
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toContain('· override refused: overrides are disabled for environment "production" (windows.override.disabled-environments)');
    });

    it("waits from now up to --wait, never from another --at", async () => {
      const repo = await repoWithPolicy(PROCEDURE_POLICY);
      const bad = await run(["window", "check", "--wait", "forever"], repo);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('--wait: expected a duration such as "0", "90m", "2h" or "1h30m", at most 24h, got "forever"');
      const both = await run(["window", "check", "--wait", "1h", "--at", "2026-11-24T09:30"], repo);
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toContain("--wait waits from now: it cannot be combined with --at");
    });
  });
});
