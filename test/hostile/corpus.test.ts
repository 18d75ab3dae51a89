/**
 * The hostile corpus: what an attacker or a broken environment hands every command, through the CLI as a user
 * runs it. Each case ends with its documented exit code and a message naming what and where, never a stack
 * trace, an internal error, a terminal escape on the screen or active markup in what shipgate renders; the
 * fake-API cases also end within their time budget with a bounded number of requests, and every injected fault
 * is asserted to have fired.
 */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import { faults, type FaultSpec, type Simulator } from "../simulator/index.ts";
import { simulatorEnv, startTestSimulator } from "../simulator/setup.ts";
import { mirror } from "../release/mirror.ts";
import { TestRepo } from "../support/git-repo.ts";
import { tempDir } from "../support/temp.ts";

const ESC = "\u001B";
let dir: string;
let repo: TestRepo;
let silent: Server;
let silentPort: number;
const sockets = new Set<Socket>();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: Record<string, string> = {}, cwd = dir): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env, now: () => new Date("2026-11-24T10:30:00Z") });
  const all = stdout + stderr;
  expect(all, "no stack trace").not.toMatch(/\n\s+at \S+ \(|internal error/);
  expect(all.includes(ESC), "no terminal escape reaches the terminal").toBe(false);
  if (argv.includes("--json") && stdout) expect(() => JSON.parse(stdout), "one JSON document").not.toThrow();
  return { code, stdout, stderr };
}

/** Active markup that must never come out of a renderer of untrusted text. */
function expectInert(markdown: string, mentions: "inert" | "kept" = "inert"): void {
  expect(markdown).not.toMatch(/<(img|script|details|\/details|!--|a |iframe)/i);
  expect(markdown).not.toMatch(/\]\(\s*javascript:/i);
  if (mentions === "inert") expect(markdown).not.toMatch(/(^|[\s(])@(?!\u200B)[A-Za-z0-9]/m);
}

const HOSTILE_SUBJECTS = [
  "feat: add <img src=x onerror=alert(1)> support",
  "fix: escape <script>alert(document.cookie)</script>",
  "feat: see [docs](javascript:alert(1))",
  "fix: thanks @everyone and @acme/security-team for the report",
  "feat: hidden <!-- do not show --> note",
  "fix: </details><details open> break-out",
  `feat: colours ${ESC}[31mred${ESC}[0m and ${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  "fix: tracking ![x](https://tracker.example/p.gif)",
];

beforeAll(async () => {
  dir = tempDir("hostile-corpus");
  await mkdir(path.join(dir, ".github"));
  await writeFile(path.join(dir, ".github/shipgate.yml"), "gates:\n  coverage:\n    enabled: false\n  approvals:\n    required: 1\n");
  await writeFile(path.join(dir, "incident.yml"), "incidents:\n  rules:\n    - { environment: [production], severity: P1 }\n");
  await symlink("loop-b", path.join(dir, "loop-a"));
  await symlink("loop-a", path.join(dir, "loop-b"));
  await writeFile(path.join(dir, "entities.xml"), `<?xml version="1.0"?>\n<!DOCTYPE coverage [\n${'<!ENTITY e "x">\n'.repeat(8000)}]>\n<coverage line-rate="1"/>\n`);
  await writeFile(path.join(dir, "billion.xml"), '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><coverage>&lol2;</coverage>');
  await writeFile(path.join(dir, "deep-flow.yml"), `gates: ${"[".repeat(5000)}\n`);
  await writeFile(path.join(dir, "deep-block.yml"), Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"));
  await writeFile(path.join(dir, "alias-bomb.yml"), `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`);
  await writeFile(path.join(dir, "dup-keys.yml"), "gates:\n  coverage: {}\n  coverage: {}\n");
  await writeFile(path.join(dir, "empty.lcov"), "");
  await writeFile(path.join(dir, "binary.lcov"), Buffer.from([0x53, 0x46, 0x00, 0xff]));
  await writeFile(path.join(dir, "report.lcov.gz"), gzipSync("TN:\nSF:a\nend_of_record\n"));
  await mkdir(path.join(dir, "a-directory"));
  await writeFile(path.join(dir, "hostile.lcov"), `TN:\nSF:pkg/__init__.py\nDA:1,0\nLF:1\nLH:0\nend_of_record\nSF:</details><img src=x onerror=1>@acme/team${ESC}[2J.js\nDA:1,0\nLF:1\nLH:0\nend_of_record\n`);
  await writeFile(path.join(dir, "broken.json"), '{"auditReportVersion": 2, "vulnerabilities": {');
  await writeFile(path.join(dir, "contradiction.json"), JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1, total: 1 } } }));
  await writeFile(path.join(dir, "empty-via.json"), JSON.stringify({ auditReportVersion: 2, vulnerabilities: { x: { name: "x", severity: "critical", via: [] } }, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1, total: 1 } } }));
  // Written as text: an object literal's __proto__ would set the prototype, not a key.
  await writeFile(path.join(dir, "proto.json"), `{"auditReportVersion": 2, "vulnerabilities": {"__proto__": {"name": "__proto__", "severity": "high", "via": [{"source": 1, "title": "<img src=x>@acme/team \\u001b[31m", "url": "javascript:alert(1)", "severity": "high"}]}}}`);
  await writeFile(path.join(dir, "hostile.sarif"), JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: `</details><img src=x>@acme/team${ESC}]0;title${ESC}\\`, rules: [] } }, results: [{ ruleId: "r", level: "error", message: { text: "<script>x</script> @everyone" }, locations: [{ physicalLocation: { artifactLocation: { uri: "__proto__/<b>.js" }, region: { startLine: 1 } } }] }] }] }));
  await writeFile(path.join(dir, "html.json"), "<!DOCTYPE html><html><body>Login</body></html>");
  await writeFile(path.join(dir, "subjects.json"), "[{");

  repo = await TestRepo.create();
  await repo.commit("feat: first");
  await repo.tag("v1.0.0", { annotated: true });
  for (const subject of HOSTILE_SUBJECTS) await repo.commit(subject);
  await repo.commit(`fix: ${"A".repeat(200_000)}`);
  await repo.git(["branch", "develop"]);

  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await repo.remove();
});

describe("hostile files", () => {
  const cases: { name: string; argv: () => string[]; code: number; stderr: RegExp }[] = [
    { name: "coverage: a symlink loop", argv: () => ["coverage", "loop-a"], code: 2, stderr: /coverage report loop-a is a symbolic link that leads back to itself \(a loop\)/ },
    { name: "security: a symlink loop", argv: () => ["security", "loop-a"], code: 2, stderr: /loop-a: the report is a symbolic link that leads back to itself/ },
    { name: "policy: a symlink loop", argv: () => ["window", "check", "--config", "loop-a"], code: 2, stderr: /loop-a: the policy file is a symbolic link that leads back to itself/ },
    { name: "coverage: a DOCTYPE with a large internal entity block", argv: () => ["coverage", "entities.xml"], code: 2, stderr: /entities\.xml: XML with a DTD internal subset \(entity declarations\) is refused/ },
    { name: "coverage: billion laughs", argv: () => ["coverage", "billion.xml"], code: 2, stderr: /billion\.xml: XML with a DTD internal subset/ },
    { name: "coverage: an empty file", argv: () => ["coverage", "empty.lcov"], code: 2, stderr: /empty\.lcov: is empty/ },
    { name: "coverage: binary data", argv: () => ["coverage", "binary.lcov"], code: 2, stderr: /binary\.lcov: contains binary data/ },
    { name: "coverage: gzip", argv: () => ["coverage", "report.lcov.gz"], code: 2, stderr: /is gzip-compressed/ },
    { name: "coverage: a directory", argv: () => ["coverage", "a-directory"], code: 2, stderr: /a-directory is not a file/ },
    { name: "coverage: a missing file", argv: () => ["coverage", "nope.lcov"], code: 2, stderr: /coverage report nope\.lcov not found/ },
    { name: "policy: flow collections 5000 deep", argv: () => ["window", "check", "--config", "deep-flow.yml"], code: 2, stderr: /deep-flow\.yml:1: nested more than 64 levels deep/ },
    { name: "policy: block mappings 300 deep", argv: () => ["window", "check", "--config", "deep-block.yml"], code: 2, stderr: /deep-block\.yml:65: nested more than 64 levels deep/ },
    { name: "policy: an alias bomb", argv: () => ["window", "check", "--config", "alias-bomb.yml"], code: 2, stderr: /alias-bomb\.yml: not usable YAML/ },
    { name: "policy: duplicate keys", argv: () => ["window", "check", "--config", "dup-keys.yml"], code: 2, stderr: /dup-keys\.yml:3: not valid YAML/ },
    { name: "security: JSON cut short", argv: () => ["security", "broken.json"], code: 2, stderr: /broken\.json: the report ends before its JSON document does/ },
    { name: "security: metadata contradicting the report", argv: () => ["security", "contradiction.json"], code: 2, stderr: /metadata\.vulnerabilities\.critical: expected 0, the critical packages the report lists; it counts 1/ },
    { name: "security: a critical entry with an empty via", argv: () => ["security", "empty-via.json"], code: 2, stderr: /vulnerabilities\["x"\]\.via: expected at least one advisory/ },
    { name: "security: an HTML page for a report", argv: () => ["security", "html.json"], code: 2, stderr: /html\.json: the report is not valid JSON/ },
    { name: "incident reconcile: subjects cut short", argv: () => ["incident", "reconcile", "--subjects", "subjects.json", "--repo", "acme/app", "--run-id", "1"], code: 2, stderr: /subjects\.json/ },
    { name: "health: a javascript: URL", argv: () => ["health", "--url", "javascript:alert(1)"], code: 2, stderr: /only http:\/\/ and https:\/\//i },
    { name: "window: an instant that is no instant", argv: () => ["window", "check", "--at", "tomorrow<script>"], code: 2, stderr: /--at/ },
    { name: "time budget: not a duration", argv: () => ["approvals", "--repo", "acme/app", "--pr", "1", "--time-budget", "forever"], code: 2, stderr: /--time-budget: expected a duration/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const run = await cli(c.argv(), { GITHUB_TOKEN: "t" });
      expect(run.code).toBe(c.code);
      expect(run.stderr).toMatch(c.stderr);
    });
  }
});

describe("hostile text shown inert", () => {
  it("coverage: a path with __init__, HTML, a mention and an escape", async () => {
    const run = await cli(["coverage", "hostile.lcov", "--min-lines", "0", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "pass", files: 2 });
  });

  it("security: a SARIF tool name and message that try to break out of the summary", async () => {
    const run = await cli(["security", "hostile.sarif", "--max-high", "0"]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("]0;title");
  });

  it("security: an advisory named __proto__ with a javascript: link", async () => {
    const run = await cli(["security", "proto.json", "--max-high", "0", "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "fail" });
  });

  it("changelog: hostile commit subjects come out inert, ordinary ones as written", async () => {
    const run = await cli(["changelog", "--repo", repo.dir]);
    expect(run.code).toBe(0);
    // CHANGELOG.md text keeps mentions (`@scope/package` is ordinary there; a file notifies nobody); the bodies
    // posted to GitHub drop them (test/release/publish.test.ts).
    expectInert(run.stdout, "kept");
    expect(run.stdout).toContain("### Features");
    expect(run.stdout).toContain("@acme/security-team");
    expect(run.stdout).toContain("&lt;img src=x onerror=alert(1)>");
  });

  for (const subject of HOSTILE_SUBJECTS) {
    it(`changelog --json: ${JSON.stringify(subject.slice(0, 40))}`, async () => {
      const run = await cli(["changelog", "--repo", repo.dir, "--json"]);
      expect(run.code).toBe(0);
      expectInert(JSON.stringify(JSON.parse(run.stdout)).replace(/\\n/g, "\n"), "kept");
    });
  }

  it("version next: hostile subjects never reach the terminal raw", async () => {
    const run = await cli(["version", "next", "--repo", repo.dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\.1\.0/);
  });

  it("version next --json: the 200 KB subject is counted, not echoed unbounded", async () => {
    const run = await cli(["version", "next", "--repo", repo.dir, "--json"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ next: "1.1.0", commits: HOSTILE_SUBJECTS.length + 1 });
  });
});

/** The rollback guard's Prometheus, as a broken proxy or an attacker who controls metric labels answers. */
describe("a hostile Prometheus", () => {
  let prometheus: HttpServer;
  let answer: (response: ServerResponse) => void = () => {};
  let prometheusUrl: string;
  beforeAll(async () => {
    prometheus = createHttpServer((request, response) => {
      request.resume();
      request.on("end", () => answer(response));
    });
    await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
    prometheusUrl = `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`;
    await writeFile(path.join(dir, "rollback.yml"), "rollback:\n  prometheus: { timeout: 1s, retries: 0 }\n  rules:\n    - { name: errors, query: 'x', above: 0.1, no-data: inconclusive }\n");
  });
  afterAll(async () => {
    prometheus.closeAllConnections();
    await new Promise((resolve) => prometheus.close(resolve));
  });
  const json = (body: string) => (response: ServerResponse) => response.writeHead(200, { "content-type": "application/json" }).end(body);
  const cases: { name: string; answer: (response: ServerResponse) => void; code: number; out: RegExp }[] = [
    { name: "an HTML page", answer: (r) => r.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html>Sign in</html>"), code: 3, out: /prometheus http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query: the answer is not JSON/ },
    { name: "JSON cut short", answer: json('{"status":"success","data":{"resul'), code: 3, out: /prometheus http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query: the answer is not JSON/ },
    { name: "a server that never answers (1 s timeout, no retry)", answer: () => {}, code: 3, out: /prometheus http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query: / },
    {
      name: "metric labels with escapes, HTML and mentions, over the threshold",
      answer: json(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: { pod: `${ESC}]8;;https://evil.example${ESC}\\<img src=x>@acme/team${ESC}[2J` }, value: [1, "0.5"] }] } })),
      code: 1,
      out: /errors/,
    },
  ];
  for (const c of cases) {
    it(`rollback-guard --once: ${c.name}`, async () => {
      answer = c.answer;
      const run = await cli(["rollback-guard", "--config", "rollback.yml", "--prometheus", prometheusUrl, "--once"]);
      expect(run.code).toBe(c.code);
      expect(run.stdout + run.stderr).toMatch(c.out);
    });
  }
});

describe("unreachable targets fail the gate (exit 1, fails closed)", () => {
  it("certs: a server that accepts TCP and never answers, within the budget", async () => {
    const run = await cli(["certs", `127.0.0.1:${silentPort}`, "--budget", "500", "--retries", "0", "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ ok: false })]);
  });

  it("health: a server that accepts TCP and never answers, within the budget", async () => {
    const run = await cli(["health", "--url", `http://127.0.0.1:${silentPort}/healthz`, "--budget", "500", "--retries", "0", "--json"]);
    expect(run.code).toBe(1);
  });
});

/**
 * Oversized hostile text through every writer to GitHub. The simulator refuses (and counts as a contract violation,
 * which fails the test) any body over GitHub's limits, so each case proves shipgate cut it itself.
 */
describe("oversized hostile text posted to GitHub", () => {
  /** Code points, as GitHub counts. */
  const length = (text: string | null | undefined): number => [...(text ?? "")].length;
  const ACTIVE_NAME = "@<[_`".repeat(20);
  /** shipgate's own marker, a hidden comment on the first line, is the one HTML comment allowed. */
  const withoutMarker = (body: string | null | undefined): string => (body ?? "").replace(/^<!-- shipgate:[^\n]* -->\n/, "");

  it("incident open: 20 failed jobs of 10 failed steps, every name active characters, fit 65,536 by listing fewer steps, the procedure kept", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"] });
    for (const runId of [555, 556]) {
      for (let job = 0; job < 20; job++) {
        sim.state.addWorkflowJob("acme/app", { runId, name: `${ACTIVE_NAME}${job}`, conclusion: "failure", steps: Array.from({ length: 10 }, (_, step) => ({ name: `${ACTIVE_NAME}${step}`, conclusion: "failure" })) });
      }
    }
    const argv = (runId: number) => ["incident", "open", "--repo", "acme/app", "--config", "incident.yml", "--workflow", "Deploy", "--environment", "production", "--sha", "abc1234", "--actor", "octocat", "--run-id", String(runId)];
    const first = await cli(argv(555), simulatorEnv(sim, "t"));
    expect(first.code).toBe(0);
    const [issue, ...others] = sim.state.repo("acme", "app")!.issues.list();
    expect(others).toHaveLength(0);
    expect(length(issue!.body)).toBeLessThanOrEqual(65_536);
    expect(issue!.body).toMatch(/^<!-- shipgate:incident /);
    // 10 steps a job would take 116,000 characters once inert: 3 are listed, and the rest counted.
    expect(issue!.body!.match(/^ {2}- step /gm)).toHaveLength(60);
    expect(issue!.body).toContain("  - … 7 more failed steps (see the run)");
    expect(issue!.body).toContain("### Procedure");
    expect(issue!.body).toMatch(/<sub>Opened by shipgate\. [^\n]*<\/sub>$/);
    expectInert(withoutMarker(issue!.body));

    // The next failure of the same key comments on the same issue, cut likewise; a re-run finds the incident by its marker.
    const second = await cli(argv(556), simulatorEnv(sim, "t"));
    expect(second.code).toBe(0);
    const written = sim.requests.filter((r) => r.operationId === "issues/create-comment").map((r) => (r.body as { body: string }).body);
    expect(written).toHaveLength(1);
    expect(length(written[0])).toBeLessThanOrEqual(65_536);
    expect(written[0]).toContain("  - … 7 more failed steps (see the run)");
    expect(sim.state.repo("acme", "app")!.issues.list().map((i) => i.number)).toEqual([issue!.number]);
  });

  it("release: 200 KB of commit subject and hostile subjects make a release body cut to 125,000, inert", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"], tokens: { writer: "write" } });
    await mirror(sim, "acme/app", repo);
    const run = await cli(["release", "--repo", "acme/app", "--dir", repo.dir, "--json"], simulatorEnv(sim, "writer"));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: "created", version: "1.1.0" });
    const [release] = sim.state.repo("acme", "app")!.releases.list();
    expect(length(release!.body)).toBeLessThanOrEqual(125_000);
    expect(release!.body).toMatch(/Truncated: \d+ characters were cut; GitHub takes at most 125000\. The full text: `shipgate changelog --to v1\.1\.0` renders them/);
    expectInert(release!.body!);
    // A re-run compares what GitHub holds with what it would write, and writes nothing.
    const writes = sim.requests.filter((r) => r.method !== "GET").length;
    expect(JSON.parse((await cli(["release", "--repo", "acme/app", "--dir", repo.dir, "--json"], simulatorEnv(sim, "writer"))).stdout)).toMatchObject({ state: "unchanged" });
    expect(sim.requests.filter((r) => r.method !== "GET").length).toBe(writes);
  });

  it("release-branch start: the same history makes a pull request body cut to 65,536, inert", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"], tokens: { writer: "write" } });
    await mirror(sim, "acme/app", repo);
    const run = await cli(["release-branch", "start", "--repo", "acme/app", "--dir", repo.dir, "--json"], simulatorEnv(sim, "writer"));
    expect(run.code, run.stderr).toBe(0);
    const [pull] = sim.state.repo("acme", "app")!.pulls.list();
    expect(length(pull!.body)).toBeLessThanOrEqual(65_536);
    expect(pull!.body).toMatch(/Truncated: \d+ characters were cut; GitHub takes at most 65536\. The full text: CHANGELOG\.md on the release branch\n$/);
    expectInert(withoutMarker(pull!.body));
  });
});

/** The fake-API cases: each command against each kind of failure GitHub (or what stands in front of it) sends. */
describe("a hostile GitHub API", () => {
  interface Command {
    name: string;
    seed: (sim: Simulator) => Promise<string[]>;
    cwd?: () => string;
    /** Requests it sends at once (default 2): each gets its 1 + 3 attempts on a server error, none after. */
    concurrent?: number;
  }
  const commands: Command[] = [
    {
      name: "approvals",
      seed: async (sim) => {
        const pull = sim.state.addPullRequest("acme/app", { user: "contributor", files: [{ filename: "a.ts" }] });
        sim.state.setPermission("acme/app", "alice", "write");
        sim.state.addReview("acme/app", pull.number, { user: "alice", state: "APPROVED" });
        return ["approvals", "--repo", "acme/app", "--pr", String(pull.number)];
      },
    },
    {
      name: "go-no-go",
      seed: async () => ["go-no-go", "--repo", "acme/app", "--sha", "a".repeat(40)],
    },
    {
      // Every gate the corpus's policy file enables, the GitHub ones at once: approvals' query and rules, go/no-go's lists.
      name: "preflight",
      concurrent: 4,
      seed: async (sim) => {
        const pull = sim.state.addPullRequest("acme/app", { user: "contributor", files: [{ filename: "a.ts" }] });
        sim.state.setPermission("acme/app", "alice", "write");
        sim.state.addReview("acme/app", pull.number, { user: "alice", state: "APPROVED" });
        return ["preflight", "--repo", "acme/app", "--pr", String(pull.number), "--sha", pull.head.sha];
      },
    },
    {
      name: "incident open",
      seed: async (sim) => {
        sim.state.addWorkflowJob("acme/app", { runId: 555, name: "deploy", conclusion: "failure", steps: [{ name: "deploy", conclusion: "failure" }] });
        return ["incident", "open", "--repo", "acme/app", "--config", "incident.yml", "--workflow", "Deploy", "--environment", "production", "--sha", "abc1234", "--actor", "octocat", "--run-id", "555"];
      },
    },
    {
      name: "incident sla-watch",
      seed: async () => ["incident", "sla-watch", "--repo", "acme/app", "--config", "incident.yml"],
    },
    {
      name: "incident resolve",
      seed: async () => ["incident", "resolve", "--repo", "acme/app", "--config", "incident.yml", "--workflow", "Deploy", "--environment", "production", "--sha", "abc1234", "--actor", "octocat", "--run-id", "556"],
    },
    {
      name: "release --dry-run",
      seed: async (sim) => {
        await mirror(sim, "acme/app", repo);
        return ["release", "--repo", "acme/app", "--dir", repo.dir, "--dry-run"];
      },
    },
    {
      name: "release-branch start --dry-run",
      seed: async (sim) => {
        await mirror(sim, "acme/app", repo);
        return ["release-branch", "start", "--repo", "acme/app", "--dir", repo.dir, "--dry-run"];
      },
    },
    {
      name: "dora",
      concurrent: 3,
      seed: async () => {
        return ["dora", "--repo", "acme/app", "--config", "incident.yml", "--at", "2026-11-24T10:30:00Z"];
      },
    },
  ];

  const kinds: { name: string; fault: FaultSpec; code: number | "as without"; stderr?: RegExp; maxRequestsPerFailure?: number | "per concurrent request" | "per run"; budget?: string }[] = [
    // Requests sent at once (go-no-go asks for issues and checks together) each get their 1 + 3 attempts; none after.
    { name: "500 on every request", fault: { ...faults.serverError(500), times: Infinity }, code: 3, stderr: /HTTP 500/, maxRequestsPerFailure: "per concurrent request" },
    { name: "429 with Retry-After: 5, once", fault: faults.tooManyRequests(5), code: "as without" },
    { name: "403 with x-ratelimit-reset, once", fault: faults.primaryRateLimit(2), code: "as without" },
    { name: "a secondary limit that never lifts", fault: { ...faults.secondaryRateLimit(1), times: Infinity }, code: 3, stderr: /secondary rate limit|rate limit/, maxRequestsPerFailure: "per run" },
    { name: "a server that never answers", fault: { ...faults.hang(), times: Infinity }, code: 3, stderr: /the time budget of 1s \(--time-budget\) ran out while waiting for an answer to (GET|POST) \//, budget: "1s" },
    { name: "an HTML page", fault: { ...faults.htmlPage(), times: Infinity }, code: 3, stderr: /answered with an HTML page, not the GitHub API/ },
    { name: "JSON cut short", fault: { ...faults.brokenJson(), times: Infinity }, code: 3, stderr: /GitHub answered HTTP 200 with a body that is not JSON/ },
  ];

  /** Paging a broken or hostile API can make endless: each ends at once with exit 3 naming it, in a few requests. */
  const stuck = { pageInfo: { hasNextPage: true, endCursor: "c1" }, nodes: [] };
  const stuckDeployments = { data: { repository: { deployments: stuck, issues: stuck } } };
  const paging: { name: string; command: string; fault: (sim: Simulator) => FaultSpec; stderr: RegExp }[] = [
    { name: "a GraphQL cursor that never moves (dora)", command: "dora", fault: () => ({ operationId: "graphql", status: 200, body: stuckDeployments, times: Infinity }), stderr: /(listing deployments|listing the issues labelled "incident") in acme\/app: the API says more pages follow but its cursor stays at "c1"/ },
    { name: "a GraphQL answer without pageInfo (dora)", command: "dora", fault: () => ({ operationId: "graphql", status: 200, body: { data: { repository: { deployments: { nodes: [] } } } }, times: Infinity }), stderr: /has no page information \(pageInfo\)/ },
    {
      name: "a REST next-page link back to a page already read (release-branch)",
      command: "release-branch start --dry-run",
      fault: (sim) => ({ operationId: "pulls/list", status: 200, headers: { link: `<${sim.url}/repos/acme/app/pulls?page=1>; rel="next"` }, body: [], times: Infinity }),
      stderr: /the API's next-page link leads back to a page already read/,
    },
  ];
  for (const anomaly of paging) {
    it(`paging: ${anomaly.name}`, async () => {
      const sim = await startTestSimulator({ repos: ["acme/app"] });
      const argv = await commands.find((c) => c.name === anomaly.command)!.seed(sim);
      const fault = sim.inject(anomaly.fault(sim));
      const run = await cli(argv, simulatorEnv(sim, "t"));
      expect(fault.applied, "the fault fired").toBeGreaterThan(0);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(anomaly.stderr);
      expect(fault.applied).toBeLessThanOrEqual(3);
    });
  }

  for (const command of commands) {
    describe(command.name, () => {
      for (const kind of kinds) {
        it(kind.name, async () => {
          const sim = await startTestSimulator({ repos: ["acme/app"], hangLimitMs: 5000 });
          const argv = await command.seed(sim);
          const env = { ...simulatorEnv(sim, "t") };
          let expected = kind.code;
          if (expected === "as without") {
            expected = (await cli(argv, env)).code;
            expect(expected).toBeLessThan(2);
            sim.requests.length = 0;
          }
          const fault = sim.inject(kind.fault);
          const run = await cli([...argv, ...(kind.budget ? ["--time-budget", kind.budget] : [])], env);
          expect(fault.applied, "the fault fired").toBeGreaterThan(0);
          expect(run.code).toBe(expected);
          if (kind.stderr) expect(run.stderr).toMatch(kind.stderr);
          // A rate limit holds the whole run: 4 requests, plus one for each further request already in flight when the first limit answered.
          const concurrent = command.concurrent ?? 2;
          const bound = kind.maxRequestsPerFailure === "per concurrent request" ? 4 * concurrent : kind.maxRequestsPerFailure === "per run" ? 4 + (concurrent - 2) : kind.maxRequestsPerFailure;
          if (bound) expect(sim.requests.length).toBeLessThanOrEqual(bound);
        });
      }
    });
  }
});
