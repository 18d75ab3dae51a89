/**
 * The GitHub client's one retry layer against the API simulator: rate limits waited out as GitHub says (never
 * once per plugin or per request), a total time budget, and answers the code cannot read ending with a named
 * ExternalError (exit 3). Waits are scaled to milliseconds (retryAfterBaseMs: 1): the assertions count requests
 * and read the progress lines, never the clock.
 */
import { describe, expect, it } from "vitest";
import { budgetOf, createOctokit, type ClientSettings, type Octokit } from "../../src/github/client.ts";
import { ExternalError } from "../../src/core/errors.ts";
import { teamsQuery } from "../../src/github/queries.ts";
import { faults, type FaultSpec, type Simulator } from "../simulator/index.ts";
import { everyRoute } from "../simulator/helpers.ts";
import { startTestSimulator } from "../simulator/setup.ts";

async function simulatorWithPull(): Promise<{ sim: Simulator; number: number }> {
  const sim = await startTestSimulator({ hangLimitMs: 5000 });
  const number = sim.state.addPullRequest("acme/app", { files: [{ filename: "a.ts", patch: "@@ -0,0 +1 @@\n+a" }] }).number;
  return { sim, number };
}

function client(sim: Simulator, settings: Partial<ClientSettings> = {}): { octokit: ReturnType<typeof everyRoute<Octokit>>; log: string[] } {
  const log: string[] = [];
  const octokit = everyRoute(createOctokit({ token: "t", baseUrl: sim.url, retryAfterBaseMs: 1, throttleWrites: false, timeoutMs: 5000, log: (line) => log.push(line), ...settings }));
  return { octokit, log };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("rate limits are waited out as GitHub asks, up to a cap", () => {
  it("429 with retry-after: 5 waits 5 s (scaled) once and says so, then succeeds", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.tooManyRequests(5), operationId: "pulls/get" });
    const { octokit, log } = client(sim);
    const { data } = await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number });
    expect(data.number).toBe(number);
    expect(fault.applied).toBe(1);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(log).toEqual([expect.stringMatching(new RegExp(`^GitHub: secondary rate limit \\(retry-after 5s\\) on GET /repos/acme/app/pulls/${number}; waiting 5s \\(rate-limit wait 1 of 3, .* of the time budget left\\)$`))]);
  });

  it("retry-after: 100 is honoured (under the 120 s cap), not given up on", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.secondaryRateLimit(100), operationId: "pulls/get" });
    const { octokit, log } = client(sim);
    await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number });
    expect(fault.applied).toBe(1);
    expect(log[0]).toMatch(/secondary rate limit \(retry-after 100s\).*waiting 100s/);
  });

  it("a wait beyond the cap ends at once with a message naming the request and the wait", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.tooManyRequests(3600), operationId: "pulls/get" });
    const { octokit } = client(sim);
    const error = await failure(octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number }));
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe(`GET /repos/acme/app/pulls/${number}: GitHub secondary rate limit (retry-after 3600s) asks to wait 3600s, more than the 120s shipgate waits at once`);
    expect(fault.applied).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it("a 403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.primaryRateLimit(3), operationId: "pulls/get" });
    const { octokit, log } = client(sim);
    await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number });
    expect(fault.applied).toBe(1);
    expect(log[0]).toMatch(/rate limit \(until x-ratelimit-reset\).*waiting [3-5]s/);
  });

  it("a secondary limit that never lifts costs the run 1 + 3 requests in all, even with two requests waiting on it", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.secondaryRateLimit(1), times: Infinity });
    const { octokit } = client(sim);
    const both = await Promise.allSettled([
      octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number }),
      octokit.rest.pulls.listFiles({ owner: "acme", repo: "app", pull_number: number }),
    ]);
    expect(both.map((b) => b.status)).toEqual(["rejected", "rejected"]);
    // Two first attempts and three waits shared by the run: never 3 retries per request, per plugin.
    expect(sim.requests).toHaveLength(5);
    expect(fault.applied).toBe(5);
  });

  it("a GraphQL answer of type RATE_LIMITED is waited out like a REST rate limit", async () => {
    const { sim } = await simulatorWithPull();
    sim.state.setTeam("acme/web", ["r0"]);
    const reset = String(Math.ceil(Date.now() / 1000) + 2);
    const fault = sim.inject({ operationId: "graphql", status: 200, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, body: { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] } });
    const { octokit, log } = client(sim);
    const answer = await octokit.graphql<{ t0: { team: { members: { nodes: { login: string }[] } } } }>(teamsQuery(1), { repo: "app", org0: "acme", slug0: "web", after0: null, members0: true, access0: false });
    expect(answer.t0.team.members.nodes.map((n) => n.login)).toEqual(["r0"]);
    expect(fault.applied).toBe(1);
    expect(log[0]).toMatch(/^GitHub: GraphQL rate limit on POST \/graphql; waiting/);
  });
});

describe("transient failures are retried per request, with backoff", () => {
  it("two 502 then an answer: 3 requests, two progress lines", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.serverError(502), operationId: "pulls/get", times: 2 });
    const { octokit, log } = client(sim);
    await octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number });
    expect(fault.applied).toBe(2);
    expect(log.map((line) => line.replace(/, .* of the time budget left/, ""))).toEqual([
      `GitHub: HTTP 502 on GET /repos/acme/app/pulls/${number}; waiting 1s (retry 1 of 3)`,
      `GitHub: HTTP 502 on GET /repos/acme/app/pulls/${number}; waiting 2s (retry 2 of 3)`,
    ]);
  });

  it("a create sent with retries: 0 is never repeated after a 502", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.serverError(502), operationId: "issues/create-comment" });
    const { octokit } = client(sim);
    const error = await failure(octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: number, body: "x", request: { retries: 0 } }));
    expect(error).toMatchObject({ status: 502 });
    expect(fault.applied).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });
});

describe("a total time budget per run", () => {
  it("a server that accepts and never answers ends the run when the budget runs out, naming the request", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.hang(), times: Infinity });
    const { octokit } = client(sim, { budget: budgetOf(400, "--time-budget"), timeoutMs: 30_000 });
    const error = await failure(octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number }));
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.message).toBe(`the time budget of 400ms (--time-budget) ran out while waiting for an answer to GET /repos/acme/app/pulls/${number}`);
    expect(fault.applied).toBe(1);
  });

  it("a rate-limit wait longer than the budget left is refused at once, not waited for", async () => {
    const { sim, number } = await simulatorWithPull();
    const fault = sim.inject({ ...faults.tooManyRequests(60), operationId: "pulls/get" });
    const { octokit, log } = client(sim, { budget: budgetOf(2000, "input time-budget"), retryAfterBaseMs: 1000 });
    const error = await failure(octokit.rest.pulls.get({ owner: "acme", repo: "app", pull_number: number }));
    expect(error.message).toBe(`the time budget of 2s (input time-budget) ran out while waiting for secondary rate limit (retry-after 60s) on GET /repos/acme/app/pulls/${number} (GitHub asked for 60s more)`);
    expect(fault.applied).toBe(1);
    expect(log).toEqual([]);
  });
});

describe("answers the code cannot read end the run with exit 3 naming the request", () => {
  const cases: { name: string; fault: FaultSpec; message: RegExp }[] = [
    { name: "JSON cut short", fault: faults.brokenJson(), message: /^GET \/repos\/acme\/app\/pulls\/1\/files: GitHub answered HTTP 200 with a body that is not JSON \(\d+ characters\)$/ },
    { name: "an HTML page", fault: faults.htmlPage(), message: /^GET \/repos\/acme\/app\/pulls\/1\/files: http:\/\/127\.0\.0\.1:\d+ answered with an HTML page, not the GitHub API/ },
    { name: "an object where a list belongs", fault: { status: 200, body: { message: "ok" } }, message: /^GET \/repos\/acme\/app\/pulls\/1\/files: GitHub's answer is not what the API describes: the answer is not a list$/ },
    { name: "items without the field read", fault: { status: 200, body: [{ sha: "x" }] }, message: /: GitHub's answer is not what the API describes: \[\]\.filename is missing$/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { sim, number } = await simulatorWithPull();
      expect(number).toBe(1);
      const fault = sim.inject({ ...c.fault, operationId: "pulls/list-files" });
      const { octokit } = client(sim);
      const error = await failure(octokit.rest.pulls.listFiles({ owner: "acme", repo: "app", pull_number: number }));
      expect(error).toBeInstanceOf(ExternalError);
      expect(error.message).toMatch(c.message);
      expect(fault.applied).toBe(1);
      expect(sim.requests).toHaveLength(1);
    });
  }
});
