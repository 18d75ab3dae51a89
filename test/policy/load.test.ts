import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPolicy, loadPolicy } from "../../src/policy/load.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { UserError } from "../../src/core/errors.ts";
import { tempDir } from "../support/temp.ts";

async function repoWith(policy: string | undefined): Promise<string> {
  const dir = tempDir("policy");
  if (policy !== undefined) {
    await mkdir(path.join(dir, ".github"));
    await writeFile(path.join(dir, ".github/shipgate.yml"), policy);
  }
  return dir;
}

async function errorOf(fn: () => unknown): Promise<UserError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("expected a UserError");
}

describe("policy file", () => {
  it("fills the same defaults without the validator as the validator fills into an empty file", async () => {
    expect(defaultPolicy()).toEqual(await parsePolicyText("", "p.yml"));
  });

  it("applies the built-in defaults when the default file is absent", async () => {
    const { policy, source } = await loadPolicy({ cwd: await repoWith(undefined) });
    expect(source).toBeNull();
    expect(policy.gates.coverage).toMatchObject({ enabled: true, lines: 80, format: "auto", reports: ["coverage/lcov.info"], "worst-files": 10 });
  });

  it("keeps the file's values over the defaults", async () => {
    const cwd = await repoWith("gates:\n  coverage:\n    lines: 90\n    branches: 75\n    reports: [a.info, b.xml]\n");
    const { policy, source } = await loadPolicy({ cwd });
    expect(source).toBe(".github/shipgate.yml");
    expect(policy.gates.coverage).toMatchObject({ lines: 90, branches: 75, reports: ["a.info", "b.xml"], enabled: true });
  });

  it("names the file, line and key path of an unknown key and lists the known ones", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    lines: 90\n    brnches: 70\n", "p.yml"));
    expect(error.message).toMatch(/p\.yml:4: gates\.coverage\.brnches: unknown key; expected one of: enabled, reports, format, lines, branches/);
  });

  it("names the key and the expected type of a wrong value", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    lines: ninety\n", "p.yml"));
    expect(error.message).toMatch(/p\.yml:3: gates\.coverage\.lines: expected number/);
  });

  it("names an out-of-range threshold", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    lines: 120\n", "p.yml"));
    expect(error.message).toMatch(/gates\.coverage\.lines: expected a number <= 100/);
  });

  it("names an invalid enum value and lists the allowed ones", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    format: gcov\n", "p.yml"));
    expect(error.message).toMatch(/gates\.coverage\.format: expected one of: "auto", "lcov"/);
  });

  it("reports YAML syntax errors with the line", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    lines: [90\n", "p.yml"));
    expect(error.message).toMatch(/^p\.yml:\d+: not valid YAML/);
  });

  it("refuses duplicate keys", async () => {
    const error = await errorOf(() => parsePolicyText("gates:\n  coverage:\n    lines: 90\n    lines: 80\n", "p.yml"));
    expect(error.message).toMatch(/p\.yml:4: not valid YAML: .*unique/i);
  });

  it("refuses an alias expansion bomb instead of expanding it", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const error = await errorOf(() => parsePolicyText(levels.join("\n") + "\n", "bomb.yml"));
    expect(error.message).toMatch(/bomb\.yml/);
  });

  it("refuses a top level that is not a mapping", async () => {
    expect((await errorOf(() => parsePolicyText("- a\n- b\n", "p.yml"))).message).toMatch(/p\.yml: expected a mapping/);
  });

  it("accepts an empty file and a byte-order mark", async () => {
    expect((await parsePolicyText("", "p.yml")).gates.coverage.lines).toBe(80);
    expect((await parsePolicyText("\uFEFFgates:\n  coverage:\n    lines: 85\n", "p.yml")).gates.coverage.lines).toBe(85);
  });

  it("requires an explicitly named file to exist", async () => {
    await expect(loadPolicy({ cwd: await repoWith(undefined), file: "custom.yml" })).rejects.toThrow(/custom\.yml: cannot read the policy file: ENOENT/);
  });

  it("refuses a policy file over 1 MiB", async () => {
    const cwd = await repoWith("# " + "x".repeat(1024 * 1024 + 10) + "\n");
    await expect(loadPolicy({ cwd })).rejects.toThrow(/at most 1048576 are accepted/);
  });
});
