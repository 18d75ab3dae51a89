import { describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/policy/validate.ts";

describe("policy sections of the pre-deploy gates", () => {
  it("apply the documented defaults", async () => {
    const { gates } = await parsePolicyText("", "shipgate.yml");
    expect(gates.security).toEqual({ enabled: true, "max-critical": 0, accept: [], "max-report-mb": 100 });
    expect(gates.approvals).toEqual({
      enabled: true,
      required: 2,
      "require-head-commit": false,
      "require-last-push-approval": false,
      "exclude-last-pusher": false,
      "require-write-access": true,
      "allowed-bots": [],
      bots: "as-github",
      "github-rules": true,
      codeowners: true,
      "team-rules": [],
      "block-on-change-requests": true,
    });
    expect(gates["go-no-go"]).toEqual({
      enabled: true,
      "issue-rules": [
        { labels: ["bug", "P1"], max: 0 },
        { labels: ["bug", "P2"], max: 2 },
      ],
      "required-checks": [],
      "passing-conclusions": ["success"],
      staging: { required: false, environment: "staging" },
    });
  });

  it("fills team-rule counts", async () => {
    const { gates } = await parsePolicyText("gates:\n  approvals:\n    team-rules:\n      - paths: [infra/**]\n        team: '@org/security'\n", "shipgate.yml");
    expect(gates.approvals["team-rules"]).toEqual([{ paths: ["infra/**"], team: "@org/security", count: 1 }]);
  });

  it.each([
    ["gates:\n  security:\n    accept:\n      - id: X\n        reason: r\n        expires: 31.12.2026\n", /shipgate\.yml:6: gates\.security\.accept\[0\]\.expires: expected a string matching/],
    ["gates:\n  security:\n    accept:\n      - id: X\n        expires: 2026-12-31\n", /shipgate\.yml:4: gates\.security\.accept\[0\]\.reason: required key is missing/],
    ["gates:\n  security:\n    max-critical: -1\n", /shipgate\.yml:3: gates\.security\.max-critical: expected a number >= 0/],
    ["gates:\n  approvals:\n    team-rules:\n      - paths: [a]\n        team: security\n", /gates\.approvals\.team-rules\[0\]\.team: expected a string matching/],
    ["gates:\n  go-no-go:\n    passing-conclusions: [failure]\n", /gates\.go-no-go\.passing-conclusions\[0\]: expected one of: "success", "neutral", "skipped"/],
    ["gates:\n  go-no-go:\n    issue-rules:\n      - labels: [bug]\n", /gates\.go-no-go\.issue-rules\[0\]\.max: required key is missing/],
  ])("refuses invalid settings with file, line and key path %#", async (text, message) => {
    await expect(parsePolicyText(text, "shipgate.yml")).rejects.toThrow(message);
  });
});
