import { planHealth, runHealth } from "../health/gate.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import type { CommandSpec } from "./command.ts";
import { configOption, numberOption } from "./options.ts";

export const healthCommand: CommandSpec = {
  name: "health",
  summary: "Check health endpoints after a deploy (status, body, version, latency)",
  usage: "[--config FILE] [--url URL]... [options]",
  details: [
    "Checks the endpoints of `health:` in the policy file, or the --url endpoints instead (each expecting --status,",
    "200-299 by default). An endpoint that fails any expectation is tried again with exponential backoff until it",
    "passes, its retries are used up or the total --budget is spent: a deploy may still be warming up.",
    "",
    "--json prints { healthy, failedEndpoints, results: [{ name, url, ok, status, latencyMs, attempts, failures, version, redirects }] }.",
  ].join("\n"),
  options: {
    config: configOption,
    url: { type: "string", valueName: "URL", multiple: true, description: "An endpoint to check instead of the policy's (repeatable)" },
    status: { type: "string", valueName: "SPEC", description: "Expected status of --url endpoints, e.g. 200 or 200-299 or 200,204" },
    "expect-version": { type: "string", valueName: "VERSION", description: "The release version that must be serving" },
    timeout: { type: "string", valueName: "MS", description: "Milliseconds for one request (default 10000)" },
    retries: { type: "string", valueName: "N", description: "Further attempts of a failing endpoint (default 5)" },
    budget: { type: "string", valueName: "MS", description: "Milliseconds for everything, retries included (default 180000)" },
    concurrency: { type: "string", valueName: "N", description: "Endpoints checked at the same time (default 4)" },
    "follow-redirects": { type: "boolean", description: "Follow redirects (default: judge the 3xx response itself)" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const { options: o } = input;
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(typeof o.config === "string" ? { file: o.config } : {}) });
    const plan = planHealth(policy.health, {
      urls: Array.isArray(o.url) ? o.url : [],
      ...(typeof o.status === "string" ? { status: o.status } : {}),
      ...(typeof o["expect-version"] === "string" && o["expect-version"].trim() ? { expectedVersion: o["expect-version"].trim() } : {}),
      ...(o["follow-redirects"] === true ? { followRedirects: true } : {}),
      timeoutMs: numberOption(input, "timeout", { min: 100, max: 600000, integer: true }),
      retries: numberOption(input, "retries", { min: 0, max: 100, integer: true }),
      budgetMs: numberOption(input, "budget", { min: 100, max: 3600000, integer: true }),
      concurrency: numberOption(input, "concurrency", { min: 1, max: 64, integer: true }),
    });
    const { results, result, outputs } = await runHealth(plan, { cwd: input.cwd });
    const details = results.map((r) => {
      const seen = r.status === null ? "no response" : `${r.status} in ${r.latencyMs} ms`;
      return `${r.ok ? "ok  " : "FAIL"} ${r.name}: ${seen}, ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}${r.failures.length ? ` — ${r.failures.join("; ")}` : ""}`;
    });
    return {
      exitCode: outputs.healthy ? 0 : 1,
      json: { healthy: outputs.healthy, failedEndpoints: results.filter((r) => !r.ok).map((r) => r.name), results },
      text: gateText({ ...result, findings: [] }, { details }),
    };
  },
};
