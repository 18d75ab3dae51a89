import { describe, expect, it } from "vitest";
import { githubApi } from "./openapi.ts";
import { defaultRoutes } from "./routes/index.ts";
import { conform } from "./shape.ts";

/** Domains whose operations shipgate calls or is likely to call: routes added for them get valid placeholders. */
const DOMAINS = ["checks/", "pulls/", "issues/", "git/", "repos/compare", "repos/get", "repos/list", "repos/create-release", "repos/create-deployment"];

describe("response shaping", () => {
  it("fills every success response of the routes and of the domains shipgate uses into a document the description accepts", () => {
    const api = githubApi();
    const routed = new Set(Object.keys(defaultRoutes()));
    const failures: string[] = [];
    let checked = 0;
    for (const [template, item] of Object.entries(api.spec.paths)) {
      for (const method of Object.keys(item)) {
        const matched = api.match(method, template);
        if ("error" in matched) continue;
        const { operationId } = matched.operation;
        if (!routed.has(operationId) && !DOMAINS.some((domain) => operationId.startsWith(domain))) continue;
        for (const [status, pointer] of matched.operation.responsePointers) {
          if (!status.startsWith("2")) continue;
          checked++;
          const problems = api.checkDocument("response", pointer, conform(api, api.at(pointer), undefined));
          if (problems.length > 0) failures.push(`${operationId} ${status}: ${JSON.stringify(problems.slice(0, 3))}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });

  it("keeps the fields a route gives and fills only what is missing", () => {
    const api = githubApi();
    const pointer = api.responseSchemaPointer(api.operation("issues/create-comment") ?? expect.unreachable(), 201) ?? "";
    const shaped = conform(api, api.at(pointer), { id: 7, body: "hello", user: { login: "alice", id: 1 } }) as Record<string, unknown>;
    expect(shaped).toMatchObject({ id: 7, body: "hello", user: { login: "alice", id: 1 } });
    expect(shaped.created_at).toBe("2000-01-01T00:00:00Z");
    expect(shaped.node_id).toBe("");
    expect(api.checkDocument("response", pointer, shaped)).toEqual([]);
  });

  it("shapes a list: each item gets what its schema requires", () => {
    const api = githubApi();
    const pointer = api.responseSchemaPointer(api.operation("pulls/list-files") ?? expect.unreachable(), 200) ?? "";
    const shaped = conform(api, api.at(pointer), [{ filename: "a.ts" }, { filename: "b.ts", patch: "@@" }]) as Record<string, unknown>[];
    expect(shaped.map((f) => [f.filename, f.status, f.additions])).toEqual([
      ["a.ts", "added", 0],
      ["b.ts", "added", 0],
    ]);
    expect(api.checkDocument("response", pointer, shaped)).toEqual([]);
  });
});
