import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { requireInstant } from "../../src/core/instant.ts";
import { tempDir } from "../support/temp.ts";

let server: Server;
let url: string;
let workdir: string;
let authorizations: (string | undefined)[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  workdir = tempDir("metrics-cli");
  server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    req.on("end", () => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(workdir, { recursive: true, force: true });
});

beforeEach(() => {
  authorizations = [];
  answer = { status: 200, body: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "0.5"] }] } } };
});

async function cli(policy: string | undefined, args: string[], env: NodeJS.ProcessEnv = {}, command = "rollback-guard"): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = await mkdtemp(path.join(workdir, "repo-"));
  if (policy !== undefined) await writeFile(path.join(cwd, "policy.yml"), policy);
  let stdout = "";
  let stderr = "";
  const code = await runCli([command, ...(policy !== undefined ? ["--config", "policy.yml"] : []), ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env,
    now: () => new Date("2026-03-01T12:00:00Z"),
  });
  return { code, stdout, stderr };
}

const rule = "  rules:\n    - { name: errors, query: 'x', above: 0.1, no-data: inconclusive }\n";

describe("shipgate rollback-guard", () => {
  it("sends the bearer token from the environment variable the policy names", async () => {
    const policy = `rollback:\n  prometheus: { url: '${url}', bearer-token-env: PROM_TOKEN }\n${rule}`;
    const { code, stdout } = await cli(policy, ["--once", "--json"], { PROM_TOKEN: "tok-123" });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ rollback: true, firedRule: "errors", start: "2026-03-01T12:00:00.000Z", evaluations: 1 });
    expect(authorizations).toEqual(["Bearer tok-123"]);
  });

  it("still answers to its former name `metrics`, saying the new one on stderr", async () => {
    const policy = `rollback:\n  prometheus: { url: '${url}' }\n${rule}`;
    const { code, stdout, stderr } = await cli(policy, ["--once", "--json"], {}, "metrics");
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ rollback: true, firedRule: "errors" });
    expect(stderr).toBe('shipgate: "metrics" is now "shipgate rollback-guard"; the old name will go in the next major version\n');
  });

  it("sends basic auth from the named environment variables", async () => {
    const policy = `rollback:\n  prometheus: { url: '${url}', username-env: PROM_USER, password-env: PROM_PASS }\n${rule}`;
    await cli(policy, ["--once", "--json"], { PROM_USER: "u", PROM_PASS: "p" });
    expect(authorizations).toEqual([`Basic ${Buffer.from("u:p").toString("base64")}`]);
  });

  it("prints the verdict and every measurement as text", async () => {
    answer.body = { status: "success", data: { resultType: "vector", result: [{ metric: { pod: "a" }, value: [1, "0.01"] }] } };
    const { code, stdout } = await cli(`rollback:\n${rule}`, ["--once", "--prometheus", url]);
    expect(code).toBe(0);
    expect(stdout).toContain("PASS rollback-guard: Healthy: 1 rule passed at each of 1 evaluation");
    expect(stdout).toContain('2026-03-01T12:00:00.000Z errors {pod="a"} value=0.01 threshold=0.1 samples=1/1 ok: the value is at or below 0.1');
  });

  it("exits 3 with the server's answer when Prometheus keeps failing", async () => {
    answer = { status: 500, body: { status: "error", errorType: "internal", error: "disk on fire" } };
    const policy = `rollback:\n  prometheus: { url: '${url}', retries: 0 }\n${rule}`;
    const { code, stderr } = await cli(policy, ["--once"]);
    expect(code).toBe(3);
    expect(stderr).toBe(`shipgate: prometheus ${url}/api/v1/query: HTTP 500 internal: disk on fire (1 attempt)\n`);
  });

  it.each([
    ["no rules", "rollback:\n  prometheus: { url: 'http://127.0.0.1:9' }\n", [], {}, /policy.yml: rollback.rules is empty/],
    ["no URL", `rollback:\n${rule}`, [], {}, /no Prometheus URL: set rollback.prometheus.url/],
    ["an unset token variable", `rollback:\n  prometheus: { url: 'http://127.0.0.1:9', bearer-token-env: NOPE }\n${rule}`, [], {}, /rollback.prometheus.bearer-token-env: the environment variable NOPE is not set/],
    ["half of basic auth", `rollback:\n  prometheus: { url: 'http://127.0.0.1:9', username-env: U }\n${rule}`, [], { U: "x" }, /basic auth needs both username-env and password-env/],
    ["a secret in the file", `rollback:\n  prometheus: { url: 'http://127.0.0.1:9', token: abc }\n${rule}`, [], {}, /policy.yml:2: rollback.prometheus.token: unknown key/],
    ["a bad duration", `rollback:\n  interval: 1 minute\n${rule}`, [], {}, /policy.yml:2: rollback.interval: expected a string matching/],
    ["an interval longer than the observation", `rollback:\n  prometheus: { url: 'http://127.0.0.1:9' }\n  observation: 1m\n  interval: 5m\n${rule}`, [], {}, /interval is longer than the observation/],
    ["a missing no-data policy", "rollback:\n  rules:\n    - { name: e, query: x, above: 1 }\n", [], {}, /rollback.rules\[0\].no-data: required key is missing/],
    ["a bad --at", `rollback:\n  prometheus: { url: 'http://127.0.0.1:9' }\n${rule}`, ["--at", "yesterday"], {}, /--at: "yesterday" is not an ISO-8601 time/],
    ["a URL with credentials", `rollback:\n${rule}`, ["--prometheus", "http://u:p@127.0.0.1:9"], {}, /prometheus url: the URL must not contain credentials/],
  ])("rejects %s with exit 2", async (_name, policy, args, env, message) => {
    const { code, stderr } = await cli(policy, ["--once", ...args], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("requireInstant", () => {
  it.each([
    ["2026-03-01T12:00:00Z", "2026-03-01T12:00:00.000Z"],
    ["2026-03-01T13:30+01:00", "2026-03-01T12:30:00.000Z"],
    ["2026-03-01T12:00:00.250Z", "2026-03-01T12:00:00.250Z"],
  ])("%s", (text, iso) => {
    expect(requireInstant(text, "--at").toISOString()).toBe(iso);
  });

  it.each(["2026-03-01T12:00:00", "2026-03-01", "2026-13-01T12:00:00Z", "now"])("rejects %s", (text) => {
    expect(() => requireInstant(text, "--at")).toThrow(/--at: .* is not an ISO-8601 time with a zone/);
  });
});

describe("the options the action's inputs had only there", () => {
  it("--observation and --interval override the policy's and are checked like the action's inputs", async () => {
    const policy = `rollback:\n  prometheus: { url: '${url}' }\n  observation: 1m\n  interval: 5m\n${rule}`;
    const { code, stdout } = await cli(policy, ["--once", "--json", "--observation", "10m", "--interval", "1m"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ rollback: true, once: true });
    const bad = await cli(policy, ["--once", "--interval", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('shipgate: --interval: expected a duration such as "0", "90m", "2h" or "1h30m", at least 1s, got "soon"\n');
  });
});
