/**
 * The runner contract: runs a dist bundle as a child process exactly as the GitHub runner does for a
 * `node24` action, and reads back what the runner would show (outputs, summary, annotations, exit code).
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { tempDir } from "./temp.ts";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
/** The Node that runs the actions: the one running the tests (Node 24 from the `node` devDependency). */
export const nodeBin = process.execPath;

export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  properties: Record<string, string>;
}

export interface RunnerResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** The message of the ::error:: that core.setFailed writes, if any. */
  failure: string | undefined;
}

export interface RunOptions {
  /** Action inputs by their action.yml names. */
  inputs?: Record<string, string>;
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: Record<string, unknown>;
  eventName?: string;
  /** Working directory = GITHUB_WORKSPACE. */
  workspace: string;
  apiUrl?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Workflow-command values are percent-encoded by @actions/core; decode them like the runner. */
function unescapeData(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ":").replace(/%2C/g, ",");
}

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split("\n")) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? "").trim().split(",").filter(Boolean)) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    annotations.push({ level: match[1] as Annotation["level"], message: unescapeData(match[3] ?? ""), properties });
  }
  return annotations;
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (match) {
      const [, name, delimiter] = match;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!);
      outputs[name!] = value.join("\n");
    } else if (lines[i]!.includes("=")) {
      const eq = lines[i]!.indexOf("=");
      outputs[lines[i]!.slice(0, eq)] = lines[i]!.slice(eq + 1);
    }
  }
  return outputs;
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value]));
}

/** The environment the runner gives a `node24` action: its files, the GitHub variables, the inputs. */
export function runnerEnv(files: { output: string; summary: string; event: string }, options: Pick<RunOptions, "workspace" | "apiUrl" | "eventName" | "inputs" | "env">, temp: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.eventName ?? "push",
    GITHUB_REPOSITORY: "octo-org/octo-repo",
    GITHUB_REPOSITORY_OWNER: "octo-org",
    GITHUB_SHA: "0000000000000000000000000000000000000001",
    GITHUB_REF: "refs/heads/main",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_ACTOR: "octocat",
    GITHUB_WORKFLOW: "CI",
    GITHUB_JOB: "gates",
    RUNNER_TEMP: temp,
    RUNNER_OS: "Linux",
    // The API simulator needs no spacing of writes (1-3 s each with the production client); a test may set it to "0".
    SHIPGATE_NO_WRITE_SPACING: "1",
    ...inputEnv(options.inputs ?? {}),
    ...options.env,
  };
}

export async function runActionBundle(bundle: string, options: RunOptions): Promise<RunnerResult> {
  const temp = tempDir("runner");
  const files = { output: path.join(temp, "output"), summary: path.join(temp, "summary.md"), event: path.join(temp, "event.json") };
  await writeFile(files.output, "");
  await writeFile(files.summary, "");
  await writeFile(files.event, JSON.stringify(options.event ?? {}));
  const env = runnerEnv(files, options, temp);

  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      nodeBin,
      [path.join(repoRoot, bundle)],
      { cwd: options.workspace, env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ exitCode: code, stdout: out, stderr: err });
      },
    );
  });
  const annotations = parseAnnotations(stdout);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.output, "utf8")),
    summary: await readFile(files.summary, "utf8"),
    annotations,
    failure: annotations.filter((a) => a.level === "error" && !a.properties.file).at(-1)?.message,
  };
}

/** A realistic pull_request event payload (the fields actions read), for runner-contract tests. */
export function pullRequestEvent(options: { number: number; baseSha: string; headSha: string; fork?: boolean }): Record<string, unknown> {
  const base = { full_name: "octo-org/octo-repo", name: "octo-repo", owner: { login: "octo-org" } };
  const head = options.fork ? { full_name: "forker/octo-repo", name: "octo-repo", owner: { login: "forker" } } : base;
  return {
    action: "synchronize",
    number: options.number,
    pull_request: {
      number: options.number,
      state: "open",
      title: "Add a feature",
      user: { login: "contributor", type: "User" },
      base: { ref: "main", sha: options.baseSha, repo: base },
      head: { ref: "feature", sha: options.headSha, repo: head },
      html_url: `https://github.com/octo-org/octo-repo/pull/${options.number}`,
    },
    repository: base,
    sender: { login: "contributor", type: "User" },
  };
}
