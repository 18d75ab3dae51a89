import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../src/policy/json-schema.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { certsSection } from "../../src/policy/sections/certs.ts";
import { healthSection } from "../../src/policy/sections/health.ts";

function undescribed(schema: JsonSchema, path: string): string[] {
  const missing: string[] = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (!property.description) missing.push(`${path}.${key}`);
    missing.push(...undescribed(property, `${path}.${key}`));
    if (property.items) missing.push(...undescribed(property.items, `${path}.${key}[]`));
  }
  return missing;
}

describe("policy sections gates.certs and health", () => {
  it("describe every key", () => {
    expect([...undescribed(certsSection, "gates.certs"), ...undescribed(healthSection, "health")]).toEqual([]);
  });

  it("fill in the documented defaults", async () => {
    const policy = await parsePolicyText("health:\n  endpoints:\n    - url: https://svc.example/health\n", "shipgate.yml");
    expect(policy.gates.certs).toEqual({
      enabled: true, targets: [], files: [], "min-days": 30, "warn-days": 45, timeout: 10000, retries: 2, concurrency: 8, budget: 120000,
    });
    expect(policy.health).toMatchObject({
      timeout: 10000, retries: 5, backoff: 1000, "max-backoff": 15000, budget: 180000, concurrency: 4,
      "follow-redirects": false, "max-redirects": 5, "max-body-bytes": 1048576,
    });
    expect(policy.health.endpoints[0]).toEqual({ url: "https://svc.example/health", method: "GET", headers: {}, status: "200-299" });
  });

  it("accept a full configuration", async () => {
    const policy = await parsePolicyText(
      [
        "gates:",
        "  certs:",
        "    targets: [example.com, '[::1]:8443', 'file:certs/bundle.pem']",
        "    min-days: 21",
        "    ca-file: certs/internal-ca.pem",
        "health:",
        "  version: 1.4.0",
        "  endpoints:",
        "    - name: api",
        "      url: https://api.example.com/health",
        "      status: [200, '500-503']",
        "      json: { status: up, 'checks[0].ok': true }",
        "      version-header: x-app-version",
        "      max-latency: 800",
        "",
      ].join("\n"),
      "shipgate.yml",
    );
    expect(policy.gates.certs["min-days"]).toBe(21);
    expect(policy.health.endpoints[0]!.json).toEqual({ status: "up", "checks[0].ok": true });
  });

  it.each([
    ["gates:\n  certs:\n    min-days: -1\n", /shipgate\.yml:3: gates\.certs\.min-days: expected a number >= 0/],
    ["gates:\n  certs:\n    targets: example.com\n", /gates\.certs\.targets: expected array/],
    ["gates:\n  certs:\n    days: 3\n", /gates\.certs\.days: unknown key/],
    ["health:\n  endpoints:\n    - name: x\n", /health\.endpoints\[0\]\.url: required key is missing/],
    ["health:\n  endpoints:\n    - url: https://x.test\n      method: POST\n", /health\.endpoints\[0\]\.method: expected one of: "GET", "HEAD"/],
    ["health:\n  timeout: 5\n", /health\.timeout: expected a number >= 100/],
  ])("reject %j naming file, line and key", async (source, message) => {
    await expect(parsePolicyText(source, "shipgate.yml")).rejects.toThrow(message);
  });
});
