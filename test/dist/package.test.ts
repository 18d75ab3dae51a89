/**
 * The npm package as a user gets it: `npm pack` of this checkout, installed into an empty folder, then
 * `npx shipgate` there on each Node release line: the supported ones (24, the project's own; 22 from
 * .ci/setup-node-lines.sh) work, an older one (20) gets one line naming the Node it needs, exit 2.
 * Needs `npm run build` first (the package ships dist/).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.ts";

const root = path.resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string; engines: { node: string }; files: string[] };

/** npm's own scripts, run by the Node under test, as `npm` and `npx` on that Node's machine would run them. */
function npmScripts(): { npm: string; npx: string } {
  const onPath = (process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "npm")).find((file) => existsSync(file));
  if (!onPath) throw new Error("npm is not on PATH");
  const npm = realpathSync(onPath);
  return { npm, npx: path.join(path.dirname(npm), "npx-cli.js") };
}

/** The Node binaries of each line this test runs: the project's Node 24, and those .ci/setup-node-lines.sh installs. */
function nodeOfLine(line: number): string | undefined {
  if (Number(process.versions.node.split(".")[0]) === line) return process.execPath;
  const installed = `/opt/shipgate-node/${line}/bin/node`;
  return existsSync(installed) ? installed : undefined;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(node: string, script: string, args: string[], cwd: string): Run {
  // The installed bin starts with `#!/usr/bin/env node`: the Node under test must be the first on PATH.
  // npm's own variables of the test run (npm_config_*, npm_execpath...) stay out: the user's shell has none.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_")));
  env.PATH = [path.dirname(node), process.env.PATH].join(path.delimiter);
  env.npm_config_update_notifier = "false";
  const result = spawnSync(node, [script, ...args], { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .map((name) => path.posix.join(dir, name.split(path.sep).join("/")))
    .filter((file) => statSync(path.join(root, file)).isFile());
}

const npm = npmScripts();
const requiredMajor = Number(/^>=(\d+)$/.exec(manifest.engines.node)?.[1]);
let packed: { files: { path: string }[]; filename: string };
let installed: string;

beforeAll(() => {
  const out = tempDir("pack");
  const pack = run(process.execPath, npm.npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", out], root);
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;
  installed = tempDir("installed");
  const install = run(process.execPath, npm.npm, ["install", "--no-audit", "--no-fund", "--ignore-scripts", path.join(out, packed.filename)], installed);
  expect(install.code, install.stderr).toBe(0);
  expect(install.stderr, "npm install of the tarball").toBe("");
});

describe("the npm package", () => {
  it("declares the Node it needs as one open range, the one the CLI's guard names", () => {
    expect(manifest.engines.node).toMatch(/^>=\d+$/);
    expect(readFileSync(path.join(root, "src/cli.ts"), "utf8")).toContain(`const REQUIRED_NODE_MAJOR = ${requiredMajor};`);
  });

  it("ships only what runs: dist/, schema/, the README and the licence", () => {
    const shipped = packed.files.map((file) => file.path).sort();
    const expected = [...filesUnder("dist"), ...filesUnder("schema"), "README.md", "LICENSE", "package.json"].sort();
    expect(shipped).toEqual(expected);
  });

  it("has no dependencies to install: the bundles in dist/ hold everything they run", () => {
    expect(readdirSync(path.join(installed, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["shipgate"]);
  });

  it("gives a working `npx shipgate --version` on the project's Node 24, without a warning", () => {
    const result = run(process.execPath, npm.npx, ["--no-install", "shipgate", "--version"], installed);
    expect(result).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
  });

  it.skipIf(!nodeOfLine(22))("runs on Node 22, the oldest supported line: --version and a coverage gate (needs .ci/setup-node-lines.sh)", () => {
    const node = nodeOfLine(22)!;
    expect(run(node, npm.npx, ["--no-install", "shipgate", "--version"], installed)).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
    const lcov = path.join(tempDir("lcov"), "lcov.info");
    spawnSync(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(lcov)}, "SF:a.js\\nDA:1,1\\nDA:2,0\\nLF:2\\nLH:1\\nend_of_record\\n")`]);
    const gate = run(node, npm.npx, ["--no-install", "shipgate", "coverage", lcov, "--min-lines", "80", "--json"], installed);
    expect(gate.code, gate.stderr).toBe(1);
    expect(JSON.parse(gate.stdout)).toMatchObject({ status: "fail", lines: { covered: 1, total: 2, pct: 50 } });
  });

  it.skipIf(!nodeOfLine(20))("on Node 20 says in one line which Node it needs, exit 2 (needs .ci/setup-node-lines.sh)", () => {
    const node = nodeOfLine(20)!;
    const running = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^v/, "");
    const result = run(node, npm.npx, ["--no-install", "shipgate", "coverage", "lcov.info", "--json"], installed);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `shipgate: needs Node.js ${requiredMajor} or later; this is Node.js ${running}\n` });
  });
});
