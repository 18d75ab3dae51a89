import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ExternalError, UserError } from "../../src/core/errors.ts";
import { createPrometheusClient, parseQueryResponse, parseSampleValue } from "../../src/net/prometheus.ts";

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

type Handler = (request: IncomingMessage, response: ServerResponse, seen: Seen) => void;

let server: Server;
let baseUrl: string;
let handlers: Handler[] = [];
let seen: Seen[] = [];
const noSleep = async (): Promise<void> => {};

const json = (status: number, body: unknown): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};
const vector = (value: string) => ({ status: "success", data: { resultType: "vector", result: [{ metric: { job: "api" }, value: [1700000000, value] }] } });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry: Seen = { method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) };
      seen.push(entry);
      const handler = handlers.shift() ?? json(500, "no handler left");
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prom`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  handlers = [];
  seen = [];
});

describe("parseSampleValue", () => {
  it.each([
    ["1", 1],
    ["0.013", 0.013],
    ["-2.5e-3", -0.0025],
    ["NaN", NaN],
    ["+Inf", Infinity],
    ["-Inf", -Infinity],
    ["", undefined],
    ["abc", undefined],
    ["1,5", undefined],
    [1, undefined],
    [null, undefined],
  ])("%j -> %s", (text, expected) => {
    const value = parseSampleValue(text);
    if (expected === undefined) expect(value).toBeUndefined();
    else expect(value).toBe(expected);
  });
});

describe("parseQueryResponse", () => {
  it("converts a matrix, keeping NaN and +Inf", () => {
    const result = parseQueryResponse({
      status: "success",
      data: { resultType: "matrix", result: [{ metric: { a: "1" }, values: [[1, "NaN"], [2, "+Inf"], [3, "0.5"]] }] },
    });
    expect(result.resultType).toBe("matrix");
    expect(result.series[0]!.samples.map((s) => s.value)).toEqual([NaN, Infinity, 0.5]);
  });

  it("turns a scalar into one unlabelled series", () => {
    expect(parseQueryResponse({ status: "success", data: { resultType: "scalar", result: [5, "2"] } }).series).toEqual([{ labels: {}, samples: [{ time: 5, value: 2 }] }]);
  });

  it.each([
    ["not an object", "x", /JSON object/],
    ["error status", { status: "error", error: "boom" }, /status is "error"/],
    ["no data", { status: "success" }, /data is missing/],
    ["string result", { status: "success", data: { resultType: "string", result: [1, "x"] } }, /resultType "string"/],
    ["bad value", { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "ten"] }] } }, /"ten" is not a number/],
    ["number value", { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, 10] }] } }, /not a number/],
    ["bad label", { status: "success", data: { resultType: "vector", result: [{ metric: { a: 1 }, value: [1, "1"] }] } }, /label a/],
    ["native histogram", { status: "success", data: { resultType: "vector", result: [{ metric: {}, histogram: [1, {}] }] } }, /native histograms/],
    ["values not a list", { status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: "x" }] } }, /values: expected a list/],
  ])("rejects %s", (_name, body, message) => {
    expect(() => parseQueryResponse(body)).toThrow(message);
  });
});

describe("Prometheus client against a fake server", () => {
  it("posts an instant query with time and a bearer token", async () => {
    handlers.push(json(200, vector("0.02")));
    const client = createPrometheusClient({ url: baseUrl, auth: { type: "bearer", token: "t0ken" } });
    const result = await client.instant("up", new Date(1_700_000_000_500));
    expect(result.series).toEqual([{ labels: { job: "api" }, samples: [{ time: 1700000000, value: 0.02 }] }]);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/prom/api/v1/query", authorization: "Bearer t0ken" });
    expect(seen[0]!.form.get("query")).toBe("up");
    expect(seen[0]!.form.get("time")).toBe("1700000000.500");
  });

  it("posts a range query with start, end, step and basic auth", async () => {
    handlers.push(json(200, { status: "success", data: { resultType: "matrix", result: [] } }));
    const client = createPrometheusClient({ url: baseUrl + "/", auth: { type: "basic", username: "me", password: "s:cret" } });
    await client.range("rate(x[1m])", new Date(1_000_000), new Date(1_300_000), 30);
    expect(seen[0]!.path).toBe("/prom/api/v1/query_range");
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from("me:s:cret").toString("base64")}`);
    expect(Object.fromEntries(seen[0]!.form)).toEqual({ query: "rate(x[1m])", start: "1000.000", end: "1300.000", step: "30" });
  });

  it("retries a 503 and then succeeds", async () => {
    handlers.push(json(503, "overloaded"), json(200, vector("1")));
    const client = createPrometheusClient({ url: baseUrl, sleep: noSleep });
    const result = await client.instant("up", new Date());
    expect(result.series[0]!.samples[0]!.value).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("gives up after the bounded retries with the status and the server's message", async () => {
    handlers.push(json(503, { status: "error", errorType: "unavailable", error: "too many queries" }), json(502, "bad gateway"), json(503, { status: "error", errorType: "unavailable", error: "too many queries" }), json(200, vector("1")));
    const delays: number[] = [];
    const client = createPrometheusClient({ url: baseUrl, retries: 2, retryDelayMs: 100, sleep: async (ms) => void delays.push(ms) });
    const error = await client.instant("up", new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as Error).message).toBe(`prometheus ${baseUrl}/api/v1/query: HTTP 503 unavailable: too many queries (3 attempts)`);
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
  });

  it("times out a server that never answers, on every attempt", async () => {
    const hang: Handler = () => {};
    handlers.push(hang, hang);
    const client = createPrometheusClient({ url: baseUrl, timeoutMs: 200, retries: 1, sleep: noSleep });
    await expect(client.instant("up", new Date())).rejects.toThrow(/no answer within 200 ms \(2 attempts\)/);
    expect(seen).toHaveLength(2);
  });

  it("reports a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createPrometheusClient({ url: `http://127.0.0.1:${port}`, retries: 0 });
    await expect(client.instant("up", new Date())).rejects.toThrow(/cannot connect: ECONNREFUSED \(1 attempt\)/);
  });

  it.each([
    ["garbage JSON", json(200, "<html>oops</html>"), ExternalError, /the answer is not JSON: "<html>oops<\/html>"/],
    ["an error envelope with 200", json(200, { status: "error", error: "x" }), ExternalError, /unexpected answer: status is "error"/],
    ["a string result", json(200, { status: "success", data: { resultType: "string", result: [1, "a"] } }), ExternalError, /resultType "string"/],
    ["a rejected query", json(400, { status: "error", errorType: "bad_data", error: "parse error at char 3" }), UserError, /rejected the query "up": bad_data: parse error at char 3/],
    ["refused credentials", json(401, "Unauthorized"), ExternalError, /HTTP 401: the credentials were not accepted/],
    ["not found", json(404, "404 page not found"), ExternalError, /HTTP 404 404 page not found/],
  ])("reports %s without retrying", async (_name, handler, kind, message) => {
    handlers.push(handler, json(200, vector("1")));
    const client = createPrometheusClient({ url: baseUrl, sleep: noSleep });
    const error = await client.instant("up", new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
    expect(seen).toHaveLength(1);
  });

  it("refuses an answer larger than the limit", async () => {
    handlers.push(json(200, { status: "success", data: { resultType: "vector", result: [] }, pad: "x".repeat(5000) }));
    const client = createPrometheusClient({ url: baseUrl, maxResponseBytes: 1000 });
    await expect(client.instant("up", new Date())).rejects.toThrow(/larger than the 1000/);
  });

  it.each([
    ["ftp://example.com", /expected an http or https URL/],
    ["http://user:pw@example.com", /must not contain credentials/],
    ["not a url", /is not a URL/],
  ])("rejects the server URL %s", (url, message) => {
    expect(() => createPrometheusClient({ url })).toThrow(message);
  });
});
