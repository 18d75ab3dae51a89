import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor } from "./helpers.ts";
import { expectNoViolations, startSimulator } from "./index.ts";
import type { Simulator } from "./index.ts";

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator();
  sim.state.addCommit("acme/app", { branch: "main" });
});
afterEach(async () => {
  await sim.close();
});

async function raw(method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: "token t", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Requests GitHub's official API does not have: each is answered 4xx and recorded as a violation. */
const offContract: { name: string; method: string; path: string; body?: unknown; status: number; at: string; message: RegExp }[] = [
  { name: "a path the API does not have", method: "GET", path: "/repos/acme/app/check-run/1", status: 404, at: "path", message: /no operation .* has the path/ },
  { name: "a method the path does not have", method: "PUT", path: "/repos/acme/app/check-runs/1", status: 404, at: "path", message: /PUT is not an operation/ },
  { name: "an unknown query parameter", method: "GET", path: "/repos/acme/app/pulls/1/files?perpage=100", status: 400, at: "query/perpage", message: /not a query parameter of pulls\/list-files/ },
  { name: "a query parameter of the wrong type", method: "GET", path: "/repos/acme/app/pulls/1/files?per_page=all", status: 400, at: "query/per_page", message: /must be integer/ },
  { name: "a path parameter of the wrong type", method: "GET", path: "/repos/acme/app/check-runs/latest", status: 400, at: "path/check_run_id", message: /must be integer/ },
  { name: "a body field the API does not have", method: "POST", path: "/repos/acme/app/check-runs", body: { name: "x", head_sha: "a", conclusion: "success", annotations: [] }, status: 422, at: "body/annotations", message: /not a property/ },
  { name: "a nested body field of the wrong type", method: "POST", path: "/repos/acme/app/check-runs", body: { name: "x", head_sha: "a", output: { title: "t", summary: "s", annotations: [{ path: "a", start_line: "3", end_line: 3, annotation_level: "warning", message: "m" }] } }, status: 422, at: "body/output/annotations/0/start_line", message: /must be integer/ },
  { name: "a value outside the enum", method: "POST", path: "/repos/acme/app/check-runs", body: { name: "x", head_sha: "a", conclusion: "passed" }, status: 422, at: "body/conclusion", message: /allowed values/ },
  { name: "more than 50 annotations in one request", method: "PATCH", path: "/repos/acme/app/check-runs/1", body: { output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, () => ({ path: "a", start_line: 1, end_line: 1, annotation_level: "notice", message: "m" })) } }, status: 422, at: "body/output/annotations", message: /must NOT have more than 50 items/ },
  { name: "a missing required body field", method: "POST", path: "/repos/acme/app/issues/1/comments", body: { text: "hello" }, status: 422, at: "body", message: /must have required property 'body'/ },
  { name: "a body that is not JSON", method: "POST", path: "/repos/acme/app/issues/1/comments", body: "{body:", status: 400, at: "body", message: /not JSON/ },
];

describe("requests are checked against GitHub's OpenAPI description", () => {
  for (const c of offContract) {
    it(`flags ${c.name}`, async () => {
      expect(await raw(c.method, c.path, c.body)).toBe(c.status);
      const violations = sim.takeViolations();
      expect(violations).toHaveLength(1);
      expect(violations[0]?.kind).toBe("request");
      expect(violations[0]?.problems).toEqual(expect.arrayContaining([expect.objectContaining({ at: c.at, message: expect.stringMatching(c.message) })]));
    });
  }

  it("flags a typo in a body field sent through octokit, which passes unknown fields through", async () => {
    const octokit = clientFor(sim);
    const call = octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "acme", repo: "app", issue_number: 1, body: "x", bodyy: "typo" } as never);
    await expect(call).rejects.toMatchObject({ status: 422 });
    expect(sim.takeViolations().flatMap((v) => v.problems.map((p) => p.at))).toEqual(["body/bodyy"]);
  });

  it("records the operationId of every request, including refused ones", async () => {
    await raw("GET", "/repos/acme/app/pulls/1/files?per_page=x");
    await raw("GET", "/nowhere");
    sim.takeViolations();
    expect(sim.requests.map((r) => [r.method, r.path, r.operationId, r.status])).toEqual([
      ["GET", "/repos/acme/app/pulls/1/files", "pulls/list-files", 400],
      ["GET", "/nowhere", undefined, 404],
    ]);
  });

  it("flags an official operation the simulator has no route for, so the gap is visible", async () => {
    expect(await raw("GET", "/repos/acme/app/hooks")).toBe(501);
    expect(sim.takeViolations()).toMatchObject([{ kind: "unimplemented", operationId: "repos/list-webhooks" }]);
  });

  it("answers 413 to a body over the size limit without reading it all", async () => {
    const small = await startSimulator({ maxBodyBytes: 1024 });
    try {
      const response = await fetch(`${small.url}/repos/acme/app/issues/1/comments`, { method: "POST", body: JSON.stringify({ body: "x".repeat(4096) }) });
      expect(response.status).toBe(413);
      await response.arrayBuffer();
    } finally {
      await small.close();
    }
  });

  it("accepts official requests without violations, including through /api/v3", async () => {
    expect(await raw("GET", "/repos/acme/app/commits/main/check-runs?per_page=5&filter=all")).toBe(200);
    expect(await raw("GET", "/api/v3/repos/acme/app")).toBe(200);
    expect(sim.violations).toEqual([]);
  });
});

describe("responses are shaped and checked by the same description", () => {
  it("fills what the schema requires and the route does not know", async () => {
    const head = sim.state.repo("acme", "app")?.refs.get("heads/main") ?? "";
    const { data } = await clientFor(sim).rest.checks.create({ owner: "acme", repo: "app", name: "c", head_sha: head });
    // check_suite is required by the description; its fields come from the schema, app from the route.
    expect(Object.keys(data).sort()).toEqual(expect.arrayContaining(["app", "check_suite", "details_url", "external_id", "html_url", "node_id", "pull_requests", "started_at"]));
    expect(data.app?.slug).toBe("github-actions");
  });

  it("records a route that answers a field the API does not have, or a wrong type", async () => {
    sim.route("repos/get", () => ({ status: 200, body: { id: "seven", name: "app", full_name: "acme/app", shiny: true } }));
    expect(await raw("GET", "/repos/acme/app")).toBe(200);
    const [violation] = sim.takeViolations();
    expect(violation?.kind).toBe("response");
    expect(violation?.problems.map((p) => p.at)).toEqual(expect.arrayContaining(["response/id", "response/shiny"]));
  });

  it("records a success status the operation does not have", async () => {
    sim.route("issues/delete-comment", () => ({ status: 200, body: {} }));
    expect(await raw("DELETE", "/repos/acme/app/issues/comments/1")).toBe(200);
    expect(sim.takeViolations()).toMatchObject([{ kind: "response", problems: [{ at: "status" }] }]);
  });

  it("refuses to register a route under a name that is not an operationId", () => {
    expect(() => sim.route("checks/create-run", () => ({ status: 201 }))).toThrow(/not an operationId/);
  });
});

describe("expectNoViolations and close()", () => {
  it("throw with every violation listed", async () => {
    const other = await startSimulator();
    await raw("GET", "/repos/acme/app/pulls/1/files?perpage=1").catch(() => undefined);
    await fetch(`${other.url}/repos/acme/app/check-run/1`).then((r) => r.arrayBuffer());
    expect(() => expectNoViolations(other)).toThrow(/1 violation\(s\):\nrequest violation on GET \/repos\/acme\/app\/check-run\/1/);
    await expect(other.close()).rejects.toThrow(/no operation of GitHub's API has the path/);
    sim.takeViolations();
  });
});
