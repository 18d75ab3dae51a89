import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands.ts";
import { runCli } from "../../src/cli/main.ts";
import { tempDir } from "../support/temp.ts";

/** Hostile input through the CLI as a user types it: every outcome is a documented exit code and one message. */

const git = promisify(execFile);
let dir: string;
let repo: string;

beforeAll(async () => {
  dir = tempDir("hostile ü");
  repo = path.join(dir, "repo");
  await mkdir(repo);
  const run = (...args: string[]) => git("git", ["-C", repo, "-c", "user.email=a@b", "-c", "user.name=t", ...args]);
  await run("init", "-q", "-b", "main");
  await writeFile(path.join(repo, "a"), "a\n");
  await run("add", "a");
  await run("commit", "-qm", "feat: first");
  await run("tag", "v1.0.0");
  await writeFile(path.join(repo, "b"), "b\n");
  await run("add", "b");
  await run("commit", "-qm", "fix: second");
  await writeFile(path.join(dir, "good.lcov"), "TN:\nSF:a.js\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n");
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env, now: () => new Date("2026-11-24T10:30:00Z") });
  expect(stdout + stderr).not.toMatch(/\n\s+at |internal error/);
  return { exitCode, stdout, stderr };
}

describe("every command", () => {
  for (const command of commands) {
    const words = command.name.split(" ");

    it(`${command.name} --help exits 0 and shows its usage`, async () => {
      const result = await cli([...words, "--help"]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`Usage: shipgate ${command.name} `);
    });

    it(`${command.name} with an unknown option exits 2 naming it, with one JSON document under --json`, async () => {
      const result = await cli([...words, "--no-such-option", "--json"]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/--no-such-option/);
      expect(JSON.parse(result.stdout)).toMatchObject({ exitCode: 2, error: expect.stringContaining("--no-such-option") });
    });
  }
});

describe("changelog --write never destroys the file it prepends to", () => {
  const cases = [
    { name: "not UTF-8", bytes: Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a, 0xe9, 0x0a]), message: /is not UTF-8 text; refusing to rewrite it/ },
    { name: "binary", bytes: Buffer.concat([Buffer.from("# Changelog\n"), Buffer.from([0]), randomBytes(64)]), message: /contains binary data; refusing to rewrite it/ },
  ];
  for (const c of cases) {
    it(`refuses a changelog that is ${c.name} (exit 2) and leaves it byte for byte`, async () => {
      const file = path.join(dir, `CHANGE LOG ${c.name}.md`);
      await writeFile(file, c.bytes);
      const result = await cli(["changelog", "--repo", repo, "--write", "--file", file, "--json"]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(c.message);
      expect(result.stderr).toContain(file);
      expect(Buffer.compare(await readFile(file), c.bytes)).toBe(0);
    });
  }

  it("still prepends to a UTF-8 changelog with a byte order mark and keeps the mark", async () => {
    const file = path.join(dir, "bom.md");
    await writeFile(file, "\uFEFF# Changelog\n\n## 1.0.0\n\n- first\n");
    const result = await cli(["changelog", "--repo", repo, "--write", "--file", file]);
    expect(result.exitCode).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text.startsWith("\uFEFF# Changelog\n")).toBe(true);
    expect(text).toMatch(/1\.0\.1/);
  });
});

describe("a policy file with a version that is not semver", () => {
  for (const argv of [["coverage", "good.lcov"], ["window", "check"], ["version", "next", "--repo", "repo"]]) {
    it(`${argv.slice(0, 2).join(" ")} exits 2 naming the file, line and key`, async () => {
      await writeFile(path.join(dir, "semver.yml"), "release:\n  initial-version: not-semver\n");
      const result = await cli([...argv, "--config", "semver.yml", "--json"]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/semver\.yml:2: release\.initial-version: expected a semver version X\.Y\.Z \(e\.g\. 1\.0\.0\), got "not-semver"/);
      expect(JSON.parse(result.stdout)).toMatchObject({ exitCode: 2 });
    });
  }
});

describe("a policy file that is not UTF-8 text", () => {
  it("exits 2 naming the file and the line of the first bad byte, instead of reading U+FFFD into a label", async () => {
    await writeFile(path.join(dir, "latin1.yml"), Buffer.concat([Buffer.from("incidents:\n  labels: [\"caf"), Buffer.from([0xe9]), Buffer.from('"]\n')]));
    const result = await cli(["window", "check", "--config", "latin1.yml", "--json"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("shipgate: latin1.yml:2: the policy file is not UTF-8 text\n");
  });

  it("still reads a UTF-8 policy file with a byte order mark", async () => {
    await writeFile(path.join(dir, "bom.yml"), "\uFEFFwindows: {}\n");
    const result = await cli(["window", "check", "--config", "bom.yml"]);
    expect(result.exitCode).toBe(0);
  });
});

describe("the checkout directory of version next, changelog and release", () => {
  for (const [command, option] of [[["version", "next"], "--repo"], [["changelog"], "--repo"], [["release"], "--dir"]] as const) {
    it(`${command.join(" ")} ${option} naming a file exits 2 naming ${option}`, async () => {
      const result = await cli([...command, option, "good.lcov", "--json"], { GITHUB_TOKEN: "t" });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(`shipgate: ${option}: ${path.join(dir, "good.lcov")}: not a directory\n`);
    });
  }
});

describe("a GitHub API that does not answer", () => {
  let silent: Server;
  let silentUrl: string;
  let closedUrl: string;
  const sockets: Socket[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.push(socket);
      socket.on("error", () => undefined);
      socket.on("data", (chunk: Buffer) => requests.push(chunk.toString("latin1").split("\r\n")[0] ?? ""));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    closedUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  const env = (url: string) => ({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r", GITHUB_API_URL: url, SHIPGATE_HTTP_TIMEOUT_MS: "200", SHIPGATE_HTTP_RETRIES: "0" });

  for (const [name, url] of [["accepts and never answers", () => silentUrl], ["refuses connections", () => closedUrl]] as const) {
    it(`approvals exits 3 saying the API at its address gave no answer when it ${name}`, async () => {
      const result = await cli(["approvals", "--pr", "1", "--json"], env(url()));
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain(`reading pull request #1 of o/r failed: no answer from ${url()} (`);
      expect(result.stderr).not.toMatch(/HTTP 500/);
      expect(JSON.parse(result.stdout)).toMatchObject({ exitCode: 3 });
    });
  }

  for (const argv of [["approvals", "--pr", "1"], ["go-no-go", "--sha", "a".repeat(40)], ["incident", "sla-watch"]]) {
    it(`${argv[0]} exits 2 at once naming GITHUB_API_URL when it is not a URL`, async () => {
      const result = await cli([...argv, "--json"], { ...env(silentUrl), GITHUB_API_URL: "not a url", SHIPGATE_HTTP_RETRIES: "3" });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe('shipgate: GITHUB_API_URL: "not a url" is not an http or https URL (e.g. https://api.github.com or https://HOST/api/v3)\n');
    });
  }

  it("incident open stops asking once a request got no answer on any attempt, instead of waiting again per request", async () => {
    const before = requests.length;
    const result = await cli(["incident", "open", "--run-id", "1", "--workflow", "deploy", "--json"], { ...env(silentUrl), SHIPGATE_HTTP_RETRIES: "1" });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/failed: GET \/repos\/o\/r\/issues: not tried, http:\/\/127\.0\.0\.1:\d+ still failed after 1 retries earlier in this run/);
    // The failed jobs of the run (best effort) took one request and its retry; nothing was asked after that.
    expect(requests.slice(before).map((line) => line.split("?")[0])).toEqual(["GET /repos/o/r/actions/runs/1/attempts/1/jobs", "GET /repos/o/r/actions/runs/1/attempts/1/jobs"]);
  });

  it("preflight reports every gate and exits 3 when a GitHub gate could not reach GitHub", async () => {
    await writeFile(path.join(dir, "gh.yml"), "gates:\n  coverage:\n    enabled: false\n  approvals:\n    required: 1\n");
    const result = await cli(["preflight", "--config", "gh.yml", "--pr", "1", "--sha", "a".repeat(40), "--json"], env(closedUrl));
    expect(result.exitCode).toBe(3);
    const json = JSON.parse(result.stdout) as { status: string; gates: { gate: string; status: string; title: string }[] };
    expect(json.gates.map((g) => [g.gate, g.status])).toEqual([
      ["approvals", "fail"],
      ["go-no-go", "fail"],
    ]);
    expect(json.gates[0]!.title).toMatch(/^external error: .*no answer from/);
    expect(result.stderr).toMatch(/^shipgate: approvals: external error: .*no answer from/);
  });
});

describe("preflight with a gate that cannot run", () => {
  it("reports every gate and exits 2 when a gate's configuration is wrong (the coverage report is missing)", async () => {
    await writeFile(path.join(dir, "cov.yml"), "gates:\n  coverage:\n    reports: [missing/lcov.info]\n");
    const result = await cli(["preflight", "--config", "cov.yml", "--json"]);
    expect(result.exitCode).toBe(2);
    const json = JSON.parse(result.stdout) as { gates: { gate: string; status: string; title: string }[] };
    expect(json.gates[0]).toMatchObject({ gate: "coverage", status: "fail", title: expect.stringMatching(/^configuration error: coverage report missing\/lcov\.info not found/) });
    expect(result.stderr).toMatch(/^shipgate: coverage: configuration error: coverage report missing\/lcov\.info not found \(looked in .*\)\n$/);
  });
});

describe("health --expect-version on endpoints that do not report a version", () => {
  it("warns that the version was not checked instead of calling them healthy on that version", async () => {
    const server = createHttpServer((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`;
      const result = await cli(["health", "--url", url, "--retries", "0", "--expect-version", "1.2.3"]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^WARN health: 1 endpoints healthy; version 1\.2\.3 not checked: no endpoint reports its version/);
      expect(result.stdout).not.toMatch(/healthy on 1\.2\.3/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("--at naming a day the month does not have", () => {
  it("rollback-guard exits 2 instead of observing from March 2", async () => {
    await writeFile(
      path.join(dir, "rollback.yml"),
      ["rollback:", "  prometheus:", "    url: http://127.0.0.1:9", "  rules:", "    - name: errors", "      query: up", "      above: 1", "      no-data: inconclusive", ""].join("\n"),
    );
    const result = await cli(["rollback-guard", "--config", "rollback.yml", "--once", "--at", "2026-02-30T10:00:00Z", "--json"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('shipgate: --at: "2026-02-30T10:00:00Z" is not an ISO-8601 time with a zone, e.g. 2026-03-01T12:00:00Z\n');
  });

  it("incident sla-watch exits 2 before asking GitHub", async () => {
    const result = await cli(["incident", "sla-watch", "--at", "2027-02-29T10:00:00Z"], { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r", GITHUB_API_URL: "http://127.0.0.1:9" });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^shipgate: --at: "2027-02-29T10:00:00Z" is not an ISO-8601 time/);
  });
});

describe("a GITHUB_API_URL that answers with a web page", () => {
  for (const argv of [["go-no-go", "--sha", "a".repeat(40)], ["incident", "sla-watch"], ["approvals", "--pr", "1"]]) {
    it(`${argv[0]} exits 3 saying the answer was HTML, not an internal error`, async () => {
      const server = createHttpServer((_request, response) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end("<html>sign in</html>");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
        const result = await cli([...argv, "--json"], { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r", GITHUB_API_URL: url });
        expect(result.exitCode).toBe(3);
        expect(result.stderr).toMatch(/failed: (GET|POST) \/\S+: /);
        expect(result.stderr).toContain(`: ${url} answered with an HTML page, not the GitHub API; on GitHub Enterprise Server, GITHUB_API_URL is https://HOST/api/v3`);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  }
});
