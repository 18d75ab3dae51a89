/** What a reviewer of several gates reads first: the verdict, where it comes from, the failures; the rest folded. */
import { describe, expect, it } from "vitest";
import type { GateResult } from "../../src/core/result.ts";
import type { RunContext } from "../../src/core/run-context.ts";
import { CHECK_TITLE_MAX, checkRunTitle, commentMarkdown, summaryMarkdown } from "../../src/report/summary.ts";

const run = {
  owner: "octo-org", repo: "octo-repo", sha: "3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098", ref: "refs/pull/42/merge", eventName: "pull_request", event: {},
  apiUrl: "https://api.github.com", serverUrl: "https://github.com", graphqlUrl: "https://api.github.com/graphql", runId: "7012345678", actor: "octocat", workspace: "/w", workflow: "CI",
} satisfies RunContext;

function gate(name: string, status: GateResult["status"], title: string, summary: string): GateResult {
  return { gate: name, status, title, summary, findings: [], metrics: {} };
}

const results = [
  gate("certs", "pass", "earliest expiry in 74 days", "CERTS-DETAIL"),
  gate("coverage", "fail", "Patch 33.33 % < 80 %", "COVERAGE-DETAIL"),
  gate("health", "pass", "2 endpoints healthy", "HEALTH-DETAIL"),
  gate("security", "warn", "1 high finding accepted", "SECURITY-DETAIL"),
];

describe("several gates", () => {
  const comment = commentMarkdown(results, { run, name: "shipgate preflight" });
  const [visible, folded = ""] = comment.split("<details>");

  it("lead with the combined verdict, then say they are shipgate's and link the run and the commit", () => {
    const lines = comment.split("\n").filter(Boolean);
    expect(lines[0]).toBe("## ❌ shipgate preflight: 1 of 4 gates failed: coverage");
    expect(lines[1]).toBe(
      "Reported by **shipgate** · [CI run 7012345678](https://github.com/octo-org/octo-repo/actions/runs/7012345678) · commit [`3f1c2a9`](https://github.com/octo-org/octo-repo/commit/3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098)",
    );
  });

  it("list failing gates first, then warnings, then the passing ones in their order", () => {
    const rows = comment.split("\n").filter((line) => /^\| (✅|❌|⚠️|⏭️) /u.test(line));
    expect(rows.map((row) => row.split(" | ")[0])).toEqual(["| ❌ coverage", "| ⚠️ security", "| ✅ certs", "| ✅ health"]);
  });

  it("show the detail of failing and warning gates and fold the passing gates' detail", () => {
    expect(visible).toContain("COVERAGE-DETAIL");
    expect(visible).toContain("SECURITY-DETAIL");
    expect(visible).not.toContain("CERTS-DETAIL");
    expect(visible).not.toContain("HEALTH-DETAIL");
    expect(folded).toMatch(/^<summary>✅ 2 gates passed: details<\/summary>/);
    expect(folded).toContain("CERTS-DETAIL");
    expect(folded).toContain("HEALTH-DETAIL");
  });

  it("the comment says it is kept current; the job summary does not", () => {
    expect(comment.trimEnd().split("\n").at(-1)).toBe("> This comment is updated in place on every run; the check runs hold the annotations.");
    expect(summaryMarkdown(results, { run })).not.toContain("updated in place");
  });

  it("name no run outside GitHub Actions", () => {
    expect(summaryMarkdown(results, {})).not.toContain("Reported by");
  });
});

describe("check-run titles", () => {
  it("fit GitHub's checks list, cut after the key figure with an ellipsis", () => {
    const long = gate("coverage", "fail", `Patch 33.33 % < 80 % · project 77.77 % < 80 % (-16.67 pts vs main) · branches 41.2 % < 60 %`, "");
    const title = checkRunTitle([long]);
    expect(title.length).toBeLessThanOrEqual(CHECK_TITLE_MAX);
    expect(title).toMatch(/^Patch 33\.33 % < 80 % · project 77\.77 % < 80 % \(-16\.67 pts vs main\)/);
    expect(title.endsWith("…")).toBe(true);
    expect(checkRunTitle([gate("health", "pass", "2 endpoints healthy", "")])).toBe("2 endpoints healthy");
    expect(checkRunTitle(results)).toBe("1 of 4 gates failed: coverage");
  });
});
