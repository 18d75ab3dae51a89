import { describe, expect, it } from "vitest";
import { stickyBody } from "../../src/github/sticky-comment.ts";

describe("stickyBody", () => {
  const marker = "<!-- m -->";
  it("puts the marker first and keeps a body that fits", () => {
    expect(stickyBody(marker, "| a | b |")).toBe("<!-- m -->\n| a | b |");
  });

  it("cuts a body GitHub would refuse at a line end, keeping the marker and saying so", () => {
    const body = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${"x".repeat(20)} |`).join("\n");
    const text = stickyBody(marker, body);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text.startsWith(`${marker}\n| row 0 |`)).toBe(true);
    expect(text).toMatch(/x \|\n\n> ✂️ Truncated: \d+ characters were cut; GitHub takes at most 65536\. The full text: the job summary and the check run of the run\n$/);
  });
});
