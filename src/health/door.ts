/** The health checks' front door: action `health-check` and `shipgate health`. */
import type { Capability } from "../core/capability.ts";
import { checkNameOption, configOption, checkRunTokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { flag, list, optionLabel, text, wholeNumber } from "../core/options.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { healthGateResult } from "./result.ts";
import type { EndpointResult } from "./run.ts";
import { planHealth, type HealthPlan } from "./settings.ts";

const options = {
  urls: {
    type: list("URL", "http:// or https:// URLs"),
    flag: "url",
    description: "Endpoints to check instead of health.endpoints of the policy file; each expects `status`.",
  },
  status: {
    type: text("SPEC", "a status code, range or list like 200-299,304"),
    description: "Expected status of the endpoints given instead of the policy's, e.g. 200, 200-299 or 200,204. Default 200-299.",
  },
  version: {
    type: text("VERSION", "a version"),
    flag: "expect-version",
    policy: "health.version",
    description: "The release version that must be serving (where an endpoint sets version-json-path or version-header). Overrides health.version.",
  },
  timeout: { type: wholeNumber({ min: 100, max: 600_000 }, "MS"), policy: "health.timeout", description: "Milliseconds for one request, redirects included. Default 10000." },
  retries: { type: wholeNumber({ min: 0, max: 100 }), policy: "health.retries", description: "Further attempts of an endpoint that fails any expectation. Default 5." },
  budget: { type: wholeNumber({ min: 100, max: 3_600_000 }, "MS"), policy: "health.budget", description: "Milliseconds for all endpoints together, retries included. Default 180000." },
  concurrency: { type: wholeNumber({ min: 1, max: 64 }), policy: "health.concurrency", description: "How many endpoints are checked at the same time. Default 4." },
  "follow-redirects": {
    type: flag,
    policy: "health.follow-redirects",
    description: "Follow redirects (up to health.max-redirects) and judge the final response, instead of the 3xx itself. Default from the policy file, else false.",
  },
  config: configOption,
  token: checkRunTokenOption,
  "check-name": checkNameOption("shipgate / health"),
};

function detailLines(results: EndpointResult[]): string[] {
  return results.map((r) => {
    const seen = r.status === null ? "no response" : `${r.status} in ${r.latencyMs} ms`;
    return `${r.ok ? "ok  " : "FAIL"} ${r.name}: ${seen}, ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}${r.failures.length ? ` — ${r.failures.join("; ")}` : ""}`;
  });
}

export const healthDoor: Capability<typeof options, { plan: HealthPlan; cwd: string }, EndpointResult[], Policy> = {
  name: "health",
  options,
  action: {
    name: "health-check",
    title: "shipgate health-check",
    description:
      "Checks health endpoints after a deploy: expected status, body text or regular expression, JSON values, the release version that must be serving, and latency; retries with backoff inside a total time budget while the deploy warms up. Its outputs tell the workflow whether to roll back. Permissions: contents read for the policy file; checks write for the check run (only with `token`).",
    checkName: "shipgate / health",
    branding: { icon: "activity", color: "green" },
    outputs: {
      healthy: "true when every endpoint met every expectation; the deploy workflow rolls back on false.",
      "failed-endpoints": "Comma-separated names of the endpoints that failed (empty when healthy).",
      results: "JSON list with one object per endpoint (name, url, ok, status, latencyMs, attempts, failures, version, redirects).",
    },
  },
  command: {
    details: [
      "Checks the endpoints of `health:` in the policy file, or the --url endpoints instead (each expecting --status,",
      "200-299 by default). An endpoint that fails any expectation is tried again with exponential backoff until it",
      "passes, its retries are used up or the total --budget is spent: a deploy may still be warming up.",
      "",
      "--json prints { healthy, failedEndpoints, results: [{ name, url, ok, status, latencyMs, attempts, failures, version, redirects }] }.",
    ].join("\n"),
  },
  settings(values, scope, invocation) {
    if (values.status !== undefined && !values.urls) {
      const label = (key: "status" | "urls"): string => optionLabel(invocation.door, key, options[key]);
      throw new UserError(`${label("status")} applies to ${label("urls")} endpoints; the policy's endpoints carry their own \`status\``);
    }
    const plan = planHealth(scope.policy.health, {
      urls: values.urls,
      status: values.status,
      expectedVersion: values.version,
      followRedirects: values["follow-redirects"],
      timeoutMs: values.timeout,
      retries: values.retries,
      budgetMs: values.budget,
      concurrency: values.concurrency,
    });
    // Without a root option the root is the door's base directory: the policy's ca-file resolves against it.
    return { plan, cwd: scope.root };
  },
  async run(settings) {
    // The checks load with the first endpoint to check: their node:util builds its lazy exports when imported.
    const { runHealth } = await import("./run.ts");
    return runHealth(settings.plan, { cwd: settings.cwd });
  },
  present(results, settings) {
    const result = healthGateResult(results, settings.plan.settings);
    const failed = results.filter((r) => !r.ok).map((r) => r.name);
    return {
      results: [result],
      outputs: { healthy: failed.length === 0, "failed-endpoints": failed.join(","), results: JSON.stringify(results) },
      json: { healthy: failed.length === 0, failedEndpoints: failed, results },
      text: gateText({ ...result, findings: [] }, { details: detailLines(results) }),
    };
  },
};
