import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toExternalError } from "../../src/github/client.ts";
import { apiFor, clientFor } from "./helpers.ts";
import { faults, startSimulator } from "./index.ts";
import type { FaultSpec, Simulator } from "./index.ts";

let sim: Simulator;
let pullNumber: number;

beforeEach(async () => {
  sim = await startSimulator({ hangLimitMs: 10_000 });
  pullNumber = sim.state.addPullRequest("acme/app", { files: [{ filename: "a.ts", patch: "@@ -0,0 +1 @@\n+a" }] }).number;
});
afterEach(async () => {
  await sim.close();
});

function getPull(settings: { retries?: number; timeoutMs?: number } = {}) {
  return apiFor(sim, settings).rest.pulls.get({ owner: "acme", repo: "app", pull_number: pullNumber });
}

/** Transient failures the client retries: the request succeeds once the fault has passed. */
const transient: { name: string; fault: FaultSpec }[] = [
  { name: "500", fault: faults.serverError(500) },
  { name: "502", fault: faults.serverError(502) },
  { name: "503", fault: faults.serverError(503) },
  { name: "429 with retry-after", fault: faults.tooManyRequests(1) },
  { name: "403 secondary rate limit with retry-after", fault: faults.secondaryRateLimit(1) },
  { name: "403 primary rate limit until x-ratelimit-reset", fault: faults.primaryRateLimit(1) },
  { name: "a reset connection", fault: faults.reset() },
];

describe("the client retries transient failures, then succeeds", () => {
  for (const c of transient) {
    it(`after two answers of ${c.name}`, async () => {
      const fault = sim.inject({ ...c.fault, operationId: "pulls/get", times: 2 });
      const { data } = await getPull();
      expect(data.number).toBe(pullNumber);
      expect(fault.applied).toBe(2);
      expect(sim.requests.map((r) => r.operationId)).toEqual(["pulls/get", "pulls/get", "pulls/get"]);
      expect(sim.requests.at(-1)?.status).toBe(200);
    });
  }

  it("without the spacing of writes (throttleWrites: false), a write still waits out rate limits and succeeds", async () => {
    const secondary = sim.inject({ ...faults.secondaryRateLimit(1), operationId: "issues/create-comment" });
    const tooMany = sim.inject({ ...faults.tooManyRequests(1), operationId: "issues/create-comment" });
    const octokit = apiFor(sim, { throttleWrites: false });
    const { data } = await octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: pullNumber, body: "after the limits" });
    expect(data.body).toBe("after the limits");
    expect([secondary.applied, tooMany.applied]).toEqual([1, 1]);
    expect(sim.requests.filter((r) => r.operationId === "issues/create-comment").map((r) => r.status)).toEqual([403, 429, 201]);
    expect(sim.state.repo("acme", "app")?.comments.list().map((c) => c.body)).toEqual(["after the limits"]);
  });

  it("gives up after the configured retries with an error that says what failed", async () => {
    sim.inject({ ...faults.serverError(503), times: Infinity });
    const error = await getPull({ retries: 2 }).catch((e: unknown) => e);
    expect(toExternalError(error, "reading pull request #1").message).toMatch(/^reading pull request #1 failed: HTTP 503/);
    expect(sim.requests).toHaveLength(3);
  });
});

describe("failures the client must not retry", () => {
  const final: { name: string; fault: FaultSpec; status: number; hint: RegExp }[] = [
    { name: "401 bad credentials", fault: faults.badCredentials(), status: 401, hint: /token is missing, expired or invalid/ },
    { name: "404", fault: faults.notFound(), status: 404, hint: /not found, or the token cannot see it/ },
    { name: "403 without rate-limit headers", fault: { status: 403, body: { message: "Resource not accessible by integration" } }, status: 403, hint: /lacks a permission/ },
  ];
  for (const c of final) {
    it(`${c.name} is answered once and explained`, async () => {
      sim.inject({ ...c.fault, times: Infinity });
      const error = await getPull().catch((e: unknown) => e);
      expect(error).toMatchObject({ status: c.status });
      expect(toExternalError(error, "x").message).toMatch(c.hint);
      expect(sim.requests).toHaveLength(1);
    });
  }
});

describe("slow and hanging connections", () => {
  it("a hanging request hits the client timeout on every attempt, and the simulator releases it", async () => {
    const fault = sim.inject({ ...faults.hang(), times: Infinity });
    const error = await getPull({ timeoutMs: 150, retries: 1 }).catch((e: unknown) => e);
    expect(toExternalError(error, "reading the pull request").message).toMatch(/reading the pull request failed: no answer from http:\/\/127\.0\.0\.1:\d+ \(.*(timeout|aborted)/i);
    expect(fault.applied).toBe(2);
    expect(sim.requests.map((r) => r.outcome)).toEqual(["hang", "hang"]);
  });

  it("close() releases a request that is still hanging", async () => {
    sim.inject(faults.hang());
    const pending = fetch(`${sim.url}/repos/acme/app/pulls/${pullNumber}`).then(
      () => "answered",
      () => "dropped",
    );
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await sim.close();
    expect(await pending).toBe("dropped");
  });

  it("a delay without a status answers normally afterwards", async () => {
    sim.inject({ operationId: "pulls/get", delayMs: 20 });
    const { data } = await getPull();
    expect(data.number).toBe(pullNumber);
  });
});

describe("fault matching", () => {
  it("applies only to matching requests, after the given number, for the given times", async () => {
    const octokit = apiFor(sim, { retries: 0 });
    const fault = sim.inject({ method: "GET", path: /\/files$/, after: 1, times: 1, status: 500 });
    const list = () => octokit.rest.pulls.listFiles({ owner: "acme", repo: "app", pull_number: pullNumber }).then((r) => r.status, (e: { status: number }) => e.status);
    expect(await getPull().then((r) => r.status)).toBe(200);
    expect([await list(), await list(), await list()]).toEqual([200, 500, 200]);
    expect(fault).toMatchObject({ seen: 2, applied: 1 });
  });

  it("answers a custom status, headers and body", async () => {
    sim.inject({ operationId: "pulls/get", status: 410, headers: { "x-custom": "yes" }, body: { message: "Gone" } });
    const response = await fetch(`${sim.url}/repos/acme/app/pulls/${pullNumber}`);
    expect(response.status).toBe(410);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(await response.json()).toEqual({ message: "Gone" });
  });

  it("refuses a fault that does nothing", () => {
    expect(() => sim.inject({ operationId: "pulls/get" })).toThrow(/status, hang, reset or delayMs/);
  });
});

describe("authentication", () => {
  it("requires a known token when tokens are configured, and answers writes of a read-only token with 403", async () => {
    const guarded = await startSimulator({ tokens: { good: "write", fork: "read" } });
    try {
      const head = guarded.state.addCommit("acme/app", { branch: "main" }).sha;
      const create = (token: string) => clientFor(guarded, { token }).rest.checks.create({ owner: "acme", repo: "app", name: "c", head_sha: head });
      const read = (token: string) => clientFor(guarded, { token }).rest.repos.get({ owner: "acme", repo: "app" });
      await expect(read("")).rejects.toMatchObject({ status: 401 });
      await expect(read("wrong")).rejects.toMatchObject({ status: 401 });
      expect((await read("fork")).status).toBe(200);
      await expect(create("fork")).rejects.toMatchObject({ status: 403, message: expect.stringContaining("Resource not accessible by integration") });
      expect((await create("good")).status).toBe(201);
      const bearer = await fetch(`${guarded.url}/repos/acme/app`, { headers: { authorization: "Bearer good" } });
      expect(bearer.status).toBe(200);
      await bearer.arrayBuffer();
      expect(guarded.requests.map((r) => r.outcome ?? r.status)).toEqual(["unauthorized", "unauthorized", 200, "read-only", 201, 200]);
    } finally {
      await guarded.close();
    }
  });
});
