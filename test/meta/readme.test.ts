/**
 * The README's commands, as a newcomer types them. The first console block runs on this repository: each line
 * as written (through npx, from the repository root), with the exit code its `# exit N` comment names (0 when
 * none does), JSON on stdout for --json, and never a warning or a stack trace. The second block talks to the
 * reader's own services: each of its commands and flags must exist (its `--help` lists them). The set-up
 * commands name scripts package.json has. Needs `npm run build` first (npx runs dist/cli.js).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };

/** The console blocks' `$ ` lines, block by block. */
const blocks = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].map((block) => block[1]!.split("\n").filter((line) => line.startsWith("$ ")).map((line) => line.slice(2)));
const [onThisRepository = [], onYourServices = []] = blocks.filter((lines) => lines.length > 0);
/** Lines of the console blocks without a prompt: the set-up commands. */
const setUp = [...readme.matchAll(/```console\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split("\n").filter((line) => line.trim() && !line.startsWith("$ ")));

interface Line {
  env: Record<string, string>;
  words: string[];
  exit: number;
}

/** Splits a README line into its environment assignments, its words (double quotes group) and its `# exit N`. */
function parse(line: string): Line {
  const hash = line.search(/\s#\s/);
  const comment = hash < 0 ? "" : line.slice(hash);
  const words = [...(hash < 0 ? line : line.slice(0, hash)).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split("=");
    env[name!] = value.join("=");
  }
  return { env, words, exit: Number(/# exit (\d)/.exec(comment)?.[1] ?? 0) };
}

function npxCli(): string {
  const npm = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "npm")).find((file) => existsSync(file));
  if (!npm) throw new Error("npm is not on PATH");
  return path.join(path.dirname(realpathSync(npm)), "npx-cli.js");
}

const npx = npxCli();

function runNpx(words: string[], extraEnv: Record<string, string> = {}) {
  expect(words[0], "a README command starts with npx").toBe("npx");
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_") && !key.startsWith("GITHUB_") && !key.startsWith("INPUT_")));
  env.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  const result = spawnSync(process.execPath, [npx, "--no-install", ...words.slice(1)], { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The built CLI's help, straight from dist/ (npx itself is what the first block checks). */
function helpOf(command: string[]): { code: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(root, "dist/cli.js"), ...command, "--help"], { cwd: root, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout };
}

const commandTable = helpOf([]).stdout;

/** `shipgate --help` lists the commands, two spaces in; the longest that starts the line's words is its command. */
function commandOf(words: string[]): string[] {
  const help = commandTable;
  const names = [...help.matchAll(/^ {2}([a-z-]+(?: [a-z-]+)?) {2,}/gm)].map((m) => m[1]!.split(" "));
  const matching = names.filter((name) => name.every((word, i) => words[i] === word)).sort((a, b) => b.length - a.length);
  return matching[0] ?? [];
}

describe("the README", () => {
  it("has both console blocks of the CLI section and the set-up commands", () => {
    expect(onThisRepository.length).toBeGreaterThan(5);
    expect(onYourServices.length).toBeGreaterThan(5);
    expect(setUp).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), expect.stringMatching(/^npm test\b/), "npm run self-check"]));
  });

  it.each(onThisRepository)("runs as written on this repository: %s", (line) => {
    const { env, words, exit } = parse(line);
    const result = runNpx(words, env);
    expect({ code: result.code, stderr: result.stderr.includes("EBADENGINE") || /\n\s+at /.test(result.stderr) }, result.stderr).toEqual({ code: exit, stderr: false });
    if (words.includes("--json")) expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    else expect(result.stdout.length).toBeGreaterThan(0);
  });

  it.each(onYourServices)("names a command and flags that exist: %s", (line) => {
    const { words } = parse(line);
    const command = commandOf(words.slice(2));
    expect(command.length, "the command is in shipgate --help").toBeGreaterThan(0);
    const help = helpOf(command);
    expect(help.code).toBe(0);
    const known = new Set([...help.stdout.matchAll(/(--[a-z][a-z-]*)/g)].map((m) => m[1]!));
    expect(words.filter((word) => word.startsWith("--")).filter((flag) => !known.has(flag))).toEqual([]);
  });

  it("names only npm scripts that exist, and the CI entry point", () => {
    const named = [...readme.matchAll(/npm run (?:-s )?([a-z][\w:-]*)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((script) => !(script in manifest.scripts))).toEqual([]);
    expect(readme).toContain("bash .ci/run");
    expect(existsSync(path.join(root, ".ci/run"))).toBe(true);
  });
});
