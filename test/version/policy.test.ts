import { describe, expect, it } from "vitest";
import { parsePolicyText, validatePolicy } from "../../src/policy/validate.ts";
import { releaseSection } from "../../src/policy/sections/release.ts";
import type { JsonSchema } from "../../src/policy/json-schema.ts";

describe("release policy section", () => {
  it("fills every default", async () => {
    const { release } = validatePolicy({}, "test");
    expect(release).toMatchObject({
      "tag-prefix": "v",
      "initial-version": "1.0.0",
      "pre-major-breaking": "minor",
      "pre-major-features": "minor",
      bumps: { feat: "minor", fix: "patch", perf: "patch", revert: "patch" },
      prerelease: { branches: ["release/*", "hotfix/*"], identifier: "rc" },
      packages: [],
      changelog: { file: "CHANGELOG.md" },
    });
    expect(release.changelog.sections.map((s) => s.section).slice(0, 5)).toEqual(["Features", "Features", "Bug Fixes", "Performance Improvements", "Reverts"]);
  });

  it("describes every key", () => {
    const missing: string[] = [];
    const walk = (schema: JsonSchema, at: string) => {
      if (!schema.description) missing.push(at);
      for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, `${at}.${key}`);
      if (schema.items) walk(schema.items, `${at}[]`);
      if (typeof schema.additionalProperties === "object") walk(schema.additionalProperties, `${at}.*`);
    };
    walk(releaseSection, "release");
    expect(missing.filter((at) => !at.endsWith("[]"))).toEqual([]);
  });

  it.each([
    ["release:\n  bumps:\n    docs: sometimes\n", /release\.bumps\.docs: expected one of: "major", "minor", "patch", "none"/],
    ["release:\n  packages:\n    - name: api\n", /release\.packages\[0\]\.path: required key is missing/],
    ["release:\n  prerelease:\n    identifier: 'r c'\n", /release\.prerelease\.identifier/],
    ["release:\n  tag-prefx: v\n", /:2: release\.tag-prefx: unknown key/],
  ])("rejects %j", async (text, message) => {
    await expect(parsePolicyText(text, "shipgate.yml")).rejects.toThrow(message);
  });
});
