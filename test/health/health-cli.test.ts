import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { hasIpv6Loopback } from "../certs/servers.ts";
import { startHealthServer, type TestServer } from "./servers.ts";
import type { EndpointResult } from "../../src/health/run.ts";
import { tempDir } from "../support/temp.ts";

const ipv6 = await hasIpv6Loopback();
if (!ipv6) console.warn("health tests: this machine has no IPv6 loopback (::1); the [::1] case is skipped");

type Row = EndpointResult;
interface Output {
  healthy: boolean;
  failedEndpoints: string[];
  results: Row[];
}

let server: TestServer;
let server6: TestServer | undefined;
let dir: string;
let configs = 0;

async function health(args: string[]): Promise<{ code: number; out: Output; stderr: string; stdout: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["health", ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {}, now: () => new Date() });
  return { code, out: args.includes("--json") && code < 2 ? (JSON.parse(stdout) as Output) : ({} as Output), stderr, stdout };
}

/** Writes a policy file (JSON is YAML) with the given health section and returns --config args. */
async function policy(section: Record<string, unknown>): Promise<string[]> {
  const file = `policy-${++configs}.yml`;
  await writeFile(path.join(dir, file), JSON.stringify({ health: { backoff: 10, "max-backoff": 50, ...section } }));
  return ["--config", file];
}

beforeAll(async () => {
  dir = tempDir("health");
  server = await startHealthServer("127.0.0.1");
  if (ipv6) server6 = await startHealthServer("::1");
});

afterAll(async () => {
  await server?.close();
  await server6?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("shipgate health against real HTTP servers", () => {
  it("passes a healthy endpoint given by --url", async () => {
    const { code, out } = await health(["--url", `${server.base}/ok`, "--json"]);
    expect(code).toBe(0);
    expect(out.healthy).toBe(true);
    expect(out.results[0]).toMatchObject({ ok: true, status: 200, attempts: 1, failures: [] });
  });

  it("checks body, regular expression, JSON paths and the version header", async () => {
    const config = await policy({
      version: "v1.2.3",
      endpoints: [
        {
          name: "api",
          url: `${server.base}/ok`,
          status: "200",
          "body-contains": '"up"',
          "body-matches": '"version":\\s*"\\d+\\.\\d+\\.\\d+"',
          json: { status: "up", "checks[0].state": "pass", '["build.info"].sha': "abc" },
          "version-header": "X-App-Version",
        },
      ],
    });
    const { code, out } = await health([...config, "--json"]);
    expect(out.results[0]!.failures).toEqual([]);
    expect(code).toBe(0);
    expect(out.results[0]!.version).toBe("1.2.3");
  });

  it("names every unmet body expectation", async () => {
    const config = await policy({
      retries: 0,
      endpoints: [{ url: `${server.base}/ok`, "body-contains": "down", "body-matches": "^nope", json: { status: "down", "checks[3].state": "pass" } }],
    });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]!.failures).toEqual([
      'the body does not contain "down"',
      "the body does not match /^nope/",
      'status is "up", expected "down"',
      'checks[3].state is nothing, expected "pass"',
    ]);
  });

  it("fails an endpoint slower than max-latency", async () => {
    const config = await policy({ retries: 0, endpoints: [{ name: "slow", url: `${server.base}/slow`, "max-latency": 100 }] });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(1);
    expect(out.failedEndpoints).toEqual(["slow"]);
    expect(out.results[0]!.status).toBe(200);
    expect(out.results[0]!.failures[0]).toMatch(/^took \d+ ms, more than the maximum of 100 ms$/);
  });

  it("times out a request that gets no answer", async () => {
    const { code, out } = await health(["--url", `${server.base}/hang`, "--timeout", "300", "--retries", "0", "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]).toMatchObject({ status: null, attempts: 1 });
    expect(out.results[0]!.failures).toEqual([`no complete response from ${new URL(server.base).host} within 300 ms`]);
  });

  it("times out a response whose body stops arriving", async () => {
    const { out } = await health(["--url", `${server.base}/stall`, "--timeout", "300", "--retries", "0", "--json"]);
    expect(out.results[0]).toMatchObject({ ok: false, status: null });
    expect(out.results[0]!.failures[0]).toMatch(/within 300 ms$/);
  });

  it("retries a flapping endpoint with backoff until it is healthy", async () => {
    const config = await policy({ retries: 5, endpoints: [{ name: "warming", url: `${server.base}/flap?id=t1`, json: { status: "up" } }] });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(0);
    expect(out.results[0]).toMatchObject({ ok: true, status: 200, attempts: 3 });
  });

  it("gives up on a flapping endpoint when its retries are used up", async () => {
    const config = await policy({ retries: 1, endpoints: [{ name: "warming", url: `${server.base}/flap?id=t2` }] });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]).toMatchObject({ ok: false, status: 503, attempts: 2, failures: ["status 503, expected 200-299"] });
  });

  it("fails when the wrong version is serving (JSON path and header)", async () => {
    const config = await policy({
      retries: 0,
      endpoints: [
        { name: "json", url: `${server.base}/wrong-version`, "version-json-path": "$.version" },
        { name: "header", url: `${server.base}/wrong-version`, "version-header": "x-app-version" },
        { name: "right", url: `${server.base}/ok`, "version-json-path": "version" },
      ],
    });
    const { code, out } = await health([...config, "--expect-version", "1.2.3", "--json"]);
    expect(code).toBe(1);
    expect(out.failedEndpoints).toEqual(["json", "header"]);
    expect(out.results[0]!.failures).toEqual(['serving version "1.2.2", expected "1.2.3"']);
    expect(out.results[0]!.version).toBe("1.2.2");
    expect(out.results[2]!.version).toBe("1.2.3");
  });

  it("judges a redirect itself unless told to follow it", async () => {
    const notFollowed = await health(["--url", `${server.base}/moved`, "--retries", "0", "--json"]);
    expect(notFollowed.out.results[0]).toMatchObject({ ok: false, status: 301, redirects: [] });
    const expected301 = await health(["--url", `${server.base}/moved`, "--status", "301", "--json"]);
    expect(expected301.code).toBe(0);
    const followed = await health(["--url", `${server.base}/moved`, "--follow-redirects", "--json"]);
    expect(followed.out.results[0]).toMatchObject({ ok: true, status: 200, redirects: [`${server.base}/ok`] });
  });

  it("stops a redirect loop at the hop limit", async () => {
    const config = await policy({ retries: 0, "follow-redirects": true, "max-redirects": 4, endpoints: [{ name: "loop", url: `${server.base}/loop` }] });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]!.redirects).toHaveLength(4);
    expect(out.results[0]!.failures[0]).toMatch(/^more than 4 redirects/);
  });

  it("reports a connection reset and retries it", async () => {
    const { code, out } = await health([...(await policy({})), "--url", `${server.base}/reset`, "--retries", "2", "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]).toMatchObject({ status: null, attempts: 3 });
    expect(out.results[0]!.failures[0]).toMatch(/reset the connection \(ECONNRESET\)/);
  });

  it("reports a connection cut in the middle of the body as a reset", async () => {
    const { out } = await health([...(await policy({ retries: 0 })), "--url", `${server.base}/cut`, "--json"]);
    expect(out.results[0]).toMatchObject({ ok: false, status: null });
    expect(out.results[0]!.failures[0]).toMatch(/reset the connection \(ECONNRESET\)/);
  });

  it("reads at most max-body-bytes of a body of several megabytes", async () => {
    const before = server.abandonedBigBodies;
    const statusOnly = await health(["--url", `${server.base}/big`, "--json"]);
    expect(statusOnly.out.results[0]).toMatchObject({ ok: true, status: 200 });
    const config = await policy({ retries: 0, "max-body-bytes": 65536, endpoints: [{ name: "big", url: `${server.base}/big`, "body-contains": "healthy" }] });
    const { code, out } = await health([...config, "--json"]);
    expect(code).toBe(1);
    expect(out.results[0]!.failures).toEqual(["the body is larger than max-body-bytes (65536 bytes); body expectations were not checked"]);
    await expect.poll(() => server.abandonedBigBodies, { timeout: 5000 }).toBe(before + 2);
  });

  it("stops every endpoint at the total time budget", async () => {
    const urls = Array.from({ length: 5 }, (_, i) => ["--url", `${server.base}/hang?n=${i}`]).flat();
    const { code, out } = await health([...urls, "--timeout", "60000", "--budget", "400", "--concurrency", "2", "--json"]);
    expect(code).toBe(1);
    expect(out.results).toHaveLength(5);
    for (const row of out.results) expect(row.failures.join(" ")).toMatch(/within \d+ ms|time budget of 400 ms/);
  });

  it("keeps the endpoints' order under a concurrency bound", async () => {
    const paths = ["/ok", "/wrong-version", "/reset", "/ok?again", "/nope", "/moved"];
    const { out } = await health([...paths.flatMap((p) => ["--url", `${server.base}${p}`]), "--concurrency", "2", "--retries", "0", "--json"]);
    expect(out.results.map((r) => r.url)).toEqual(paths.map((p) => `${server.base}${p}`));
    expect(out.results.map((r) => r.ok)).toEqual([true, true, false, true, false, false]);
  });

  it("checks an endpoint on [::1]", { skip: !ipv6 }, async () => {
    const { code, out } = await health(["--url", `${server6!.base}/ok`, "--json"]);
    expect(code).toBe(0);
    expect(out.results[0]).toMatchObject({ ok: true, status: 200 });
  });

  it("prints a text table row per endpoint without --json", async () => {
    const { code, stdout } = await health(["--url", `${server.base}/ok`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS health: 1 endpoints healthy/);
    expect(stdout).toContain(`ok   ${server.base}/ok: 200 in`);
  });
});

describe("shipgate health configuration errors exit 2", () => {
  it.each([
    [{ endpoints: [{ url: "http://x.test/", "body-matches": "([a-z" }] }, /health\.endpoints\[0\]\.body-matches: not a valid regular expression/],
    [{ endpoints: [{ url: "http://x.test/", json: { "a..b": 1 } }] }, /health\.endpoints\[0\]\.json: "a\.\.b": empty key/],
    [{ endpoints: [{ url: "http://x.test/", status: "2xx" }] }, /health\.endpoints\[0\]\.status/],
    [{ endpoints: [{ url: "ftp://x.test/" }] }, /health\.endpoints\[0\]\.url/],
    [{ endpoints: [{ url: "http://x.test/", method: "HEAD", "body-contains": "a" }] }, /HEAD requests have no body/],
    [{ endpoints: [{ name: "a", url: "http://x.test/" }, { name: "a", url: "http://y.test/" }] }, /"a" is used twice/],
    [{ endpoints: [] }, /no endpoints to check/],
    [{ endpoints: [{ url: "http://x.test/", "version-header": "bad header" }] }, /version-header/],
  ])("%j", async (section, message) => {
    const { code, stderr } = await health([...(await policy(section)), "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each([
    [["--url", "http://x.test/", "--status", "abc"], /url 1\.status: "abc" is not a status code/],
    [["--url", "http://x.test/", "--timeout", "5"], /--timeout: expected a whole number >= 100/],
    [["--url", "not a url"], /url 1\.url: "not a url" is not a valid URL/],
    [["--status", "200"], /^shipgate: --status applies to --url endpoints; the policy's endpoints carry their own `status`$/m],
  ])("%j", async (args, message) => {
    const { code, stderr } = await health([...args, "--json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
