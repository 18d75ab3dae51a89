import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: process.cwd(),
    env: {},
    now: () => new Date("2026-11-21T12:00:00Z"),
  });
  return { exitCode, stdout, stderr };
}

describe("shipgate CLI framework", () => {
  it("lists the commands on --help and exits 0", async () => {
    const { exitCode, stdout } = await cli(["--help"]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Usage: shipgate <command>/);
    expect(stdout).toMatch(/coverage\s+Check unit-test coverage/);
  });

  it("prints usage and exits 2 without a command", async () => {
    const { exitCode, stdout } = await cli([]);
    expect(exitCode).toBe(2);
    expect(stdout).toMatch(/Commands:/);
  });

  it("prints the package's version on --version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    const { exitCode, stdout } = await cli(["--version"]);
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  it("lists a group's subcommands on --help, and asks for one without it", async () => {
    const help = await cli(["incident", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Usage: shipgate incident <subcommand>/);
    for (const sub of ["open", "resolve", "reconcile", "sla-watch"]) expect(help.stdout).toMatch(new RegExp(`incident ${sub}\\s`));
    const bare = await cli(["version"]);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toMatch(/"version" needs a subcommand; subcommands: version next/);
    const wrong = await cli(["release-branch", "begin"]);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/unknown subcommand "release-branch begin"/);
  });

  it("names an unknown command and exits 2 without a stack trace", async () => {
    const { exitCode, stderr } = await cli(["deploy-everything"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/unknown command "deploy-everything"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("shows a command's options on --help", async () => {
    const { exitCode, stdout } = await cli(["coverage", "--help"]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Usage: shipgate coverage \[FILE\.\.\.\] \[options\]/);
    expect(stdout).toMatch(/--min-lines N/);
    expect(stdout).toMatch(/--json/);
  });

  it("refuses an unknown option with exit 2 and points at --help", async () => {
    const { exitCode, stderr } = await cli(["coverage", "x.info", "--min-lnes", "80"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/--min-lnes/);
    expect(stderr).toMatch(/shipgate coverage --help/);
  });

  it("refuses an argument a command does not take with exit 2 and the usage", async () => {
    const { exitCode, stderr } = await cli(["window", "check", "extra"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/usage: shipgate window check/);
  });

  it("reads the report files of the policy file when none are given, as the action does", async () => {
    const { exitCode, stderr } = await cli(["coverage"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/coverage report coverage\/lcov\.info not found/);
  });

  it("with --json prints only a JSON document on stdout, also for errors", async () => {
    const { exitCode, stdout, stderr } = await cli(["coverage", "/nonexistent/lcov.info", "--json"]);
    expect(exitCode).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ exitCode: 2, error: expect.stringMatching(/not found/) });
    expect(stderr).toMatch(/\/nonexistent\/lcov\.info not found/);
  });
});
