/**
 * shipgate's own table of REST routes (src/github/rest-routes.ts) against octokit's generated table, which it
 * replaces in the bundles; and its methods through the real client against the API simulator.
 */
import { describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/client.ts";
import { REST_ROUTES } from "../../src/github/rest-routes.ts";
import { faults } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

type OctokitTable = Record<string, Record<string, [string, Record<string, unknown>?, Record<string, unknown>?]>>;
// The package exports only its index; the generated table sits beside it.
const tableUrl = new URL("./generated/endpoints.js", import.meta.resolve("@octokit/plugin-rest-endpoint-methods"));
const { default: octokitTable } = (await import(tableUrl.href)) as { default: OctokitTable };

const entries = Object.entries(REST_ROUTES).flatMap(([scope, routes]) => Object.entries(routes).map(([name, route]) => ({ scope, name, route: route as string })));

describe("the REST routes shipgate calls", () => {
  it.each(entries)("$scope.$name is octokit's route, with no defaults or renaming to copy", ({ scope, name, route }) => {
    const entry = octokitTable[scope]?.[name];
    expect(entry, `octokit has no ${scope}.${name}`).toBeDefined();
    expect(entry).toEqual([route]);
  });

  it("a method sends its route through the client's retries, and pages like octokit's", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"] });
    for (let i = 0; i < 3; i++) sim.state.addIssue("acme/app", { title: `issue ${i}` });
    const octokit = createOctokit({ token: "t", baseUrl: sim.url, retryAfterBaseMs: 1, throttleWrites: false, timeoutMs: 5000 });
    const fault = sim.inject({ ...faults.serverError(502), operationId: "repos/get" });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "app" });
    expect(data.full_name).toBe("acme/app");
    expect(fault.applied).toBe(1);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: "acme", repo: "app", state: "all", per_page: 2 });
    expect(issues.map((issue) => issue.title).sort()).toEqual(["issue 0", "issue 1", "issue 2"]);
    expect(sim.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
      "502 GET /repos/acme/app",
      "200 GET /repos/acme/app",
      "200 GET /repos/acme/app/issues",
      "200 GET /repos/acme/app/issues",
    ]);
  });

  it("octokit.rest holds the table's methods and nothing else", () => {
    const octokit = createOctokit({ token: "t", baseUrl: "https://api.github.com" });
    const methods = Object.entries(octokit.rest).flatMap(([scope, routes]) => Object.keys(routes).map((name) => `${scope}.${name}`));
    expect(methods.sort()).toEqual(entries.map((e) => `${e.scope}.${e.name}`).sort());
  });
});
