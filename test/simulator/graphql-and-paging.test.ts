import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor } from "./helpers.ts";
import { paginate } from "./pagination.ts";
import { startSimulator } from "./index.ts";
import type { GraphqlResolver, Simulator } from "./index.ts";

describe("paginate", () => {
  const items = Array.from({ length: 250 }, (_, i) => i);
  const base = "http://sim/repos/o/r/pulls/1/files";
  const cases: { query: Record<string, unknown>; max?: number; first: number; count: number; rels: string[] }[] = [
    { query: {}, first: 0, count: 30, rels: ["next", "last"] },
    { query: { per_page: 100 }, first: 0, count: 100, rels: ["next", "last"] },
    { query: { per_page: 100, page: 2 }, first: 100, count: 100, rels: ["prev", "next", "last", "first"] },
    { query: { per_page: 100, page: 3 }, first: 200, count: 50, rels: ["prev", "last", "first"] },
    { query: { per_page: 100, page: 9 }, first: -1, count: 0, rels: ["prev", "last", "first"] },
    { query: { per_page: 500 }, first: 0, count: 100, rels: ["next", "last"] },
    { query: { per_page: 500 }, max: 300, first: 0, count: 250, rels: [] },
    { query: { per_page: 0 }, first: 0, count: 1, rels: ["next", "last"] },
    { query: { page: 0 }, first: 0, count: 30, rels: ["next", "last"] },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.query)}${c.max ? ` max ${c.max}` : ""} -> ${c.count} items, links ${c.rels.join(",") || "none"}`, () => {
      const page = paginate(items, c.query, c.max);
      expect(page.items).toHaveLength(c.count);
      if (c.count > 0) expect(page.items[0]).toBe(c.first);
      const link = page.link(base, new URLSearchParams({ per_page: "100", state: "all" })) ?? "";
      expect([...link.matchAll(/rel="(\w+)"/g)].map((m) => m[1])).toEqual(c.rels);
    });
  }

  it("keeps the other query parameters in each link", () => {
    const link = paginate(items, { per_page: 100 }).link(base, new URLSearchParams("per_page=100&state=all"));
    expect(link).toBe(`<${base}?per_page=100&state=all&page=2>; rel="next", <${base}?per_page=100&state=all&page=3>; rel="last"`);
  });
});

describe("GraphQL extension point", () => {
  let sim: Simulator;
  const viewer: GraphqlResolver = (request) => (/\bviewer\b/.test(request.query) ? { viewer: { login: request.actor.login } } : undefined);
  const issueCount: GraphqlResolver = (request) => {
    if (request.operationName !== "OpenIssues") return undefined;
    const repo = request.state.repo(String(request.variables.owner), String(request.variables.name));
    return { repository: { issues: { totalCount: repo?.issues.list((i) => i.state === "open").length ?? 0 } } };
  };

  beforeEach(async () => {
    sim = await startSimulator({ graphql: [viewer], tokens: { w: "write", r: "read" } });
  });
  afterEach(async () => {
    await sim.close();
  });

  it("answers queries through resolvers given at start or added later, on /graphql and GHES /api/graphql", async () => {
    sim.graphql(issueCount);
    sim.state.addIssue("acme/app");
    sim.state.addIssue("acme/app", { state: "closed" });
    const octokit = clientFor(sim, { token: "w" });
    expect(await octokit.graphql("query { viewer { login } }")).toEqual({ viewer: { login: "github-actions[bot]" } });
    const ghes = clientFor(sim, { token: "w", baseUrl: `${sim.url}/api/v3` });
    const count = await ghes.graphql("query OpenIssues($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issues(states: OPEN) { totalCount } } }", { owner: "acme", name: "app", operationName: "OpenIssues" });
    expect(count).toEqual({ repository: { issues: { totalCount: 1 } } });
    expect(sim.requests.map((r) => [r.path, r.operationId, r.status])).toEqual([
      ["/graphql", "graphql", 200],
      ["/api/graphql", "graphql", 200],
    ]);
  });

  it("flags a query no resolver answers, and refuses mutations of a read-only token", async () => {
    await expect(clientFor(sim, { token: "w" }).graphql("query { rateLimit { remaining } }")).rejects.toThrow(/no resolver/);
    expect(sim.takeViolations()).toMatchObject([{ kind: "unimplemented", operationId: "graphql" }]);
    await expect(clientFor(sim, { token: "r" }).graphql("mutation { addComment(input: {}) { clientMutationId } }")).rejects.toThrow(/Resource not accessible by integration/);
  });
});
