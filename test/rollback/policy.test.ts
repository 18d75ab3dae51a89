import { describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/policy/validate.ts";

describe("rollback policy section", () => {
  it("fills the defaults when the section is absent", async () => {
    expect((await parsePolicyText("", "shipgate.yml")).rollback).toEqual({ prometheus: { timeout: "10s", retries: 2 }, observation: "10m", interval: "1m", rules: [] });
  });

  it("fills a rule's step and keeps what the file says", async () => {
    const policy = await parsePolicyText(
      "rollback:\n  prometheus:\n    url: https://prom.example.com\n    bearer-token-env: PROM_TOKEN\n  rules:\n    - name: p95\n      query: q\n      above-baseline: { factor: 2, offset: 1d }\n      no-data: fail\n",
      "shipgate.yml",
    );
    expect(policy.rollback.prometheus).toEqual({ url: "https://prom.example.com", "bearer-token-env": "PROM_TOKEN", timeout: "10s", retries: 2 });
    expect(policy.rollback.rules).toEqual([{ name: "p95", query: "q", "above-baseline": { factor: 2, offset: "1d" }, step: "30s", "no-data": "fail" }]);
  });

  it.each([
    ["an unknown no-data policy", "rollback:\n  rules:\n    - { name: a, query: q, above: 1, no-data: ignore }\n", /shipgate.yml:3: rollback.rules\[0\].no-data: expected one of: "fail", "pass", "inconclusive"/],
    ["a zero baseline factor", "rollback:\n  rules:\n    - { name: a, query: q, above-baseline: { factor: 0, offset: 1h }, no-data: fail }\n", /rollback.rules\[0\].above-baseline.factor: expected a number > 0/],
    ["a non-http URL", "rollback:\n  prometheus:\n    url: file:///etc/passwd\n", /shipgate.yml:3: rollback.prometheus.url: expected a string matching/],
    ["an environment variable name with a shell character", "rollback:\n  prometheus:\n    bearer-token-env: 'TOKEN;rm'\n", /rollback.prometheus.bearer-token-env: expected a string matching/],
    ["a rule name with spaces", "rollback:\n  rules:\n    - { name: 'error ratio', query: q, above: 1, no-data: fail }\n", /rollback.rules\[0\].name: expected a string matching/],
  ])("rejects %s", async (_name, text, message) => {
    await expect(parsePolicyText(text, "shipgate.yml")).rejects.toThrow(message);
  });
});
