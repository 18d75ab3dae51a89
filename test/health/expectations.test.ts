import { describe, expect, it } from "vitest";
import { evaluateObservation, sameVersion, type Observation } from "../../src/health/evaluate.ts";
import { compileEndpoint, parseStatusSpec, statusMatches } from "../../src/health/expectations.ts";
import { parseJsonPath, valueAt } from "../../src/health/json-path.ts";
import type { HealthEndpointPolicy } from "../../src/policy/types.ts";

describe("status expectations", () => {
  it.each([
    [200, 200, true],
    [200, 201, false],
    ["200-299", 204, true],
    ["200-299", 300, false],
    ["200,204", 204, true],
    ["200, 301-302", 302, true],
    [[200, "500-503"], 502, true],
    [[200, "500-503"], 504, false],
  ])("%j accepts %i: %s", (spec, status, expected) => {
    expect(statusMatches(parseStatusSpec(spec, "status"), status)).toBe(expected);
  });

  it.each([["2xx"], ["299-200"], ["99"], ["600"], ["200-"], [""]])("rejects %j", (spec) => {
    expect(() => parseStatusSpec(spec, "health.endpoints[0].status")).toThrow(/health\.endpoints\[0\]\.status/);
  });
});

describe("JSON paths", () => {
  const document = { status: "up", checks: [{ state: "pass" }, { state: "fail" }], "a.b": { c: 1 }, nested: { list: [[1, 2]] } };
  it.each([
    ["status", "up"],
    ["$.status", "up"],
    ["checks[1].state", "fail"],
    ['["a.b"].c', 1],
    ["$['a.b']['c']", 1],
    ["nested.list[0][1]", 2],
    ["checks[5].state", undefined],
    ["status.length", undefined],
    ["constructor", undefined],
    ["__proto__", undefined],
    ["$", document],
  ])("%s", (path, expected) => {
    expect(valueAt(document, parseJsonPath(path))).toEqual(expected);
  });

  it.each([["a..b"], ["a."], [".a"], ["a[0"], ["a[x]"], ["a b"], ["$x"], [""]])("rejects %j", (path) => {
    expect(() => parseJsonPath(path)).toThrow();
  });
});

describe("versions", () => {
  it.each([
    ["1.2.3", "1.2.3", true],
    ["v1.2.3", "1.2.3", true],
    ["1.2.3", "v1.2.3", true],
    ["1.2.3", "1.2.4", false],
    ["version-1", "ersion-1", false],
    [" 1.2.3\n", "1.2.3", true],
  ])("%j vs %j", (reported, expected, same) => {
    expect(sameVersion(reported, expected)).toBe(same);
  });
});

describe("evaluating one response", () => {
  const response = (overrides: Partial<Observation> = {}): Observation => ({
    status: 200,
    headers: { "x-version": "2.0.0" },
    body: Buffer.from(JSON.stringify({ status: "up", version: "2.0.0", count: 3 })),
    bodyTruncated: false,
    latencyMs: 40,
    redirects: [],
    ...overrides,
  });
  const endpoint = (policy: Partial<HealthEndpointPolicy>) =>
    compileEndpoint({ url: "http://svc.test/health", method: "GET", headers: {}, status: "200-299", ...policy }, "health.endpoints[0]", { followRedirects: false });

  it.each([
    ["all met", {}, response(), "2.0.0", []],
    ["status", {}, response({ status: 503 }), undefined, ["status 503, expected 200-299"]],
    ["latency", { "max-latency": 30 }, response(), undefined, ["took 40 ms, more than the maximum of 30 ms"]],
    ["JSON number", { json: { count: 3 } }, response(), undefined, []],
    ["JSON type matters", { json: { count: "3" } }, response(), undefined, ['count is 3, expected "3"']],
    ["not JSON", { json: { count: 3 } }, response({ body: Buffer.from("<html>") }), undefined, ["the body is not valid JSON"]],
    ["version header", { "version-header": "X-Version" }, response(), "2.0.0", []],
    ["missing version header", { "version-header": "x-other" }, response(), "2.0.0", ["no x-other header"]],
    ["wrong version", { "version-json-path": "version" }, response(), "2.0.1", ['serving version "2.0.0", expected "2.0.1"']],
    ["no version at path", { "version-json-path": "build.version" }, response(), "2.0.0", ["no version at build.version"]],
    ["truncated body", { "body-contains": "up" }, response({ bodyTruncated: true }), undefined, ["the body is larger than max-body-bytes (1024 bytes); body expectations were not checked"]],
    ["truncated but not needed", {}, response({ bodyTruncated: true }), undefined, []],
    ["network failure", {}, response({ status: null, error: "svc.test reset the connection (ECONNRESET)" }), undefined, ["svc.test reset the connection (ECONNRESET)"]],
  ])("%s", (_name, policy, observation, version, failures) => {
    const verdict = evaluateObservation(endpoint(policy as Partial<HealthEndpointPolicy>), observation, version, 1024);
    expect(verdict.failures).toEqual(failures);
    expect(verdict.ok).toBe(failures.length === 0);
  });

  it("quotes a reported version on one line and shortened", () => {
    const body = Buffer.from(JSON.stringify({ version: `1.0.0\n${"z".repeat(200)}` }));
    const verdict = evaluateObservation(endpoint({ "version-json-path": "version" }), response({ body }), "2.0.0", 1024);
    expect(verdict.failures[0]).toMatch(/^serving version "1\.0\.0 z+…", expected "2\.0\.0"$/);
    expect(verdict.failures[0]!.length).toBeLessThan(100);
  });
});
