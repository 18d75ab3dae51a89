import { describe, expect, it } from "vitest";
import { majorTagName } from "../../src/release/major-tag.ts";

describe("majorTagName", () => {
  it.each([
    ["v1.4.2", "1.4.2", false, "v1"],
    ["v12.0.0", "12.0.0", false, "v12"],
    ["pkg-v2.1.0", "2.1.0", false, "pkg-v2"],
    ["1.0.0", "1.0.0", false, "1"],
    ["v0.3.1", "0.3.1", false, null],
    ["v2.0.0-rc.1", "2.0.0-rc.1", false, null],
    ["v2.0.0", "2.0.0", true, null],
    ["release-2.0.0-final", "2.0.0", false, null],
  ])("%s (version %s, prerelease %s) -> %s", (tag, version, prerelease, expected) => {
    expect(majorTagName({ tag, version, prerelease })).toBe(expected);
  });
});
