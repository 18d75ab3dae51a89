/**
 * No action loads undici: the GitHub client and the Prometheus client make their requests over node:http(s),
 * never through the fetch globals, whose first use loads undici (30-40 ms, more than `node -e 0`).
 * A child Node runs the clients from source. As in the bundles, node:http and node:https come in through their
 * CommonJS exports: their ES module facade reads every export, the WebSocket getters too, which load undici.
 * The signal is Node's list of the internal modules it has loaded; the same child then calls fetch() to show
 * that the signal does see undici.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Simulator } from "../simulator/index.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const root = path.resolve(import.meta.dirname, "../..");
const node = path.join(root, "node_modules/.bin/node");

const child = `
import { registerHooks } from "node:module";
const asCommonJs = "builtin-as-commonjs:";
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "node:http" || specifier === "node:https" ? { url: asCommonJs + specifier, shortCircuit: true } : next(specifier, context),
  load: (url, context, next) =>
    url.startsWith(asCommonJs)
      ? { format: "module", source: "export default process.getBuiltinModule(" + JSON.stringify(url.slice(asCommonJs.length)) + ");", shortCircuit: true }
      : next(url, context),
});
const undiciLoaded = () => process.moduleLoadList.includes("NativeModule internal/deps/undici/undici");
const [apiUrl, prometheusUrl] = process.argv.slice(1);
const { createOctokit } = await import(${JSON.stringify(path.join(root, "src/github/client.ts"))});
const { createPrometheusClient } = await import(${JSON.stringify(path.join(root, "src/net/prometheus.ts"))});
const octokit = createOctokit({ token: "t", baseUrl: apiUrl, throttleWrites: false });
const pulls = await octokit.rest.pulls.list({ owner: "acme", repo: "app" });
const comment = await octokit.rest.issues.createComment({ owner: "acme", repo: "app", issue_number: 1, body: "checked" });
const comments = await octokit.rest.issues.listComments({ owner: "acme", repo: "app", issue_number: 1 });
const query = await createPrometheusClient({ url: prometheusUrl }).instant("up", new Date(0));
const afterClients = undiciLoaded();
await fetch(apiUrl + "/repos/acme/app").then((response) => response.arrayBuffer());
console.log(JSON.stringify({ answers: [pulls.data[0].number, comment.status, comments.data.length, query.series.length], afterClients, afterFetch: undiciLoaded() }));
`;

let sim: Simulator;
let prometheus: Server;
let prometheusUrl: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  sim.state.addPullRequest("acme/app", { files: [{ filename: "a.ts", patch: "@@ -0,0 +1 @@\n+a" }] });
  prometheus = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: { job: "api" }, value: [0, "1"] }] } }));
  });
  await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => prometheus.close(() => resolve()));
});

it("requests to GitHub and Prometheus load no undici; a fetch() in the same process does", async () => {
  const { stdout } = await promisify(execFile)(node, ["--input-type=module", "-e", child, sim.url, prometheusUrl], { cwd: root });
  expect(JSON.parse(stdout)).toEqual({ answers: [1, 201, 1, 1], afterClients: false, afterFetch: true });
});
