import { describe, expect, it } from "vitest";
import { evaluateRequiredChecks, type CheckRunData, type CommitStatusData } from "../../src/go-no-go/checks.ts";
import { evaluateStaging, type DeploymentData, type DeploymentState } from "../../src/go-no-go/deployments.ts";
import { evaluateGoNoGo, goNoGoSettingsOf, type GoNoGoInput } from "../../src/go-no-go/evaluate.ts";
import { evaluateIssueRules, type IssueData } from "../../src/go-no-go/issues.ts";
import { validatePolicy } from "../../src/policy/validate.ts";

const SHA = "cafebabecafebabecafebabecafebabecafebabe";
const OTHER = "0123456789012345678901234567890123456789";

function issue(number: number, labels: string[], extra: Partial<IssueData> = {}): IssueData {
  return { number, title: `issue ${number}`, labels, ...extra };
}

function settings(section: Record<string, unknown> = {}) {
  return goNoGoSettingsOf(validatePolicy({ gates: { "go-no-go": section } }, "test").gates["go-no-go"]);
}

describe("issue rules (defaults: bug+P1 at most 0, bug+P2 at most 2)", () => {
  const rules = settings().issueRules;
  it.each([
    ["no issues", [], [0, 0], [false, false]],
    ["one P1 bug", [issue(1, ["bug", "P1"])], [1, 0], [true, false]],
    ["labels compare case-insensitively", [issue(1, ["Bug", "p1"])], [1, 0], [true, false]],
    ["P1 without bug does not count", [issue(1, ["P1"]), issue(2, ["enhancement", "P1"])], [0, 0], [false, false]],
    ["two P2 bugs are allowed", [issue(1, ["bug", "P2"]), issue(2, ["bug", "P2", "ui"])], [0, 2], [false, false]],
    ["three P2 bugs are not", [issue(1, ["bug", "P2"]), issue(2, ["bug", "P2"]), issue(3, ["bug", "P2"])], [0, 3], [false, true]],
    ["pull requests are skipped", [issue(1, ["bug", "P1"], { isPullRequest: true })], [0, 0], [false, false]],
    ["closed issues are skipped", [issue(1, ["bug", "P1"], { state: "closed" })], [0, 0], [false, false]],
    ["an issue with both priorities counts for both", [issue(1, ["bug", "P1", "P2"])], [1, 1], [true, false]],
  ])("%s", (_name, issues, counts, exceeded) => {
    const outcomes = evaluateIssueRules(issues, rules);
    expect(outcomes.map((o) => o.matching.length)).toEqual(counts);
    expect(outcomes.map((o) => o.exceeded)).toEqual(exceeded);
    expect(outcomes.map((o) => o.name)).toEqual(["bug+P1", "bug+P2"]);
  });
});

let id = 1;
function run(name: string, status: CheckRunData["status"], conclusion: string | null, minute: number): CheckRunData {
  return { id: id++, name, status, conclusion, startedAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString() };
}
function status(context: string, state: CommitStatusData["state"], minute: number): CommitStatusData {
  return { id: id++, context, state, createdAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString() };
}

describe("required checks", () => {
  it.each([
    ["a successful check run", [run("e2e", "completed", "success", 1)], [], "passed"],
    ["a failed check run", [run("e2e", "completed", "failure", 1)], [], "failed"],
    ["a cancelled check run", [run("e2e", "completed", "cancelled", 1)], [], "failed"],
    ["a skipped check run with default conclusions", [run("e2e", "completed", "skipped", 1)], [], "failed"],
    ["a running check run", [run("e2e", "in_progress", null, 1)], [], "pending"],
    ["a queued check run", [run("e2e", "queued", null, 1)], [], "pending"],
    ["nothing reported", [], [], "missing"],
    ["another name only", [run("e2e-extra", "completed", "success", 1)], [], "missing"],
    ["a re-run that succeeded after a failure", [run("e2e", "completed", "failure", 1), run("e2e", "completed", "success", 2)], [], "passed"],
    ["a re-run that failed after a success", [run("e2e", "completed", "success", 2), run("e2e", "completed", "failure", 3)], [], "failed"],
    ["a re-run still running after a success", [run("e2e", "completed", "success", 1), run("e2e", "in_progress", null, 2)], [], "pending"],
    ["a successful status", [], [status("e2e", "success", 1)], "passed"],
    ["a pending status", [], [status("e2e", "pending", 1)], "pending"],
    ["an error status", [], [status("e2e", "error", 1)], "failed"],
    ["the latest status wins", [], [status("e2e", "failure", 1), status("e2e", "success", 2)], "passed"],
    ["the latest status wins, in any list order", [], [status("e2e", "success", 2), status("e2e", "failure", 1)], "passed"],
    ["check run and status must both pass", [run("e2e", "completed", "success", 1)], [status("e2e", "failure", 2)], "failed"],
  ])("%s", (_name, runs, statuses, state) => {
    expect(evaluateRequiredChecks(["e2e"], runs, statuses, ["success"])[0]!.state).toBe(state);
  });

  it("accepts neutral or skipped when configured", () => {
    expect(evaluateRequiredChecks(["e2e"], [run("e2e", "completed", "skipped", 1)], [], ["success", "skipped"])[0]!.state).toBe("passed");
    expect(evaluateRequiredChecks(["e2e"], [run("e2e", "completed", "neutral", 1)], [], ["success", "skipped"])[0]!.state).toBe("failed");
  });

  it("names are exact", () => {
    expect(evaluateRequiredChecks(["E2E"], [run("e2e", "completed", "success", 1)], [], ["success"])[0]!.state).toBe("missing");
  });
});

function deployment(environment: string, sha: string, minute: number, states: DeploymentState[]): DeploymentData {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 9, m)).toISOString();
  return { id: id++, environment, sha, createdAt: at(minute), statuses: states.map((state, i) => ({ id: id++, state, createdAt: at(minute + i + 1) })) };
}

describe("staging deployment", () => {
  it.each([
    ["succeeded", [deployment("staging", SHA, 1, ["in_progress", "success"])], "passed"],
    ["succeeded, then replaced", [deployment("staging", SHA, 1, ["success", "inactive"])], "passed"],
    ["inactive without success", [deployment("staging", SHA, 1, ["queued", "inactive"])], "failed"],
    ["failed", [deployment("staging", SHA, 1, ["in_progress", "failure"])], "failed"],
    ["errored", [deployment("staging", SHA, 1, ["error"])], "failed"],
    ["still in progress", [deployment("staging", SHA, 1, ["queued", "in_progress"])], "pending"],
    ["no status yet", [deployment("staging", SHA, 1, [])], "pending"],
    ["never deployed", [], "missing"],
    ["only another commit deployed", [deployment("staging", OTHER, 1, ["success"])], "missing"],
    ["only production", [deployment("production", SHA, 1, ["success"])], "missing"],
    ["environment names are case-insensitive", [deployment("Staging", SHA, 1, ["success"])], "passed"],
    ["the latest deployment of the commit decides (failed after success)", [deployment("staging", SHA, 1, ["success"]), deployment("staging", SHA, 10, ["failure"])], "failed"],
    ["the latest deployment of the commit decides (success after failure)", [deployment("staging", SHA, 1, ["failure"]), deployment("staging", SHA, 10, ["success"])], "passed"],
  ])("%s", (_name, deployments, state) => {
    expect(evaluateStaging(deployments, SHA, "staging").state).toBe(state);
  });
});

describe("the go/no-go verdict", () => {
  const green: GoNoGoInput = {
    sha: SHA,
    issues: [issue(7, ["bug", "P2"])],
    checkRuns: [run("integration", "completed", "success", 1), run("e2e", "completed", "success", 2)],
    statuses: [status("smoke", "success", 3)],
    deployments: [deployment("staging", SHA, 1, ["success"])],
  };
  const strict = settings({ "required-checks": ["integration", "e2e", "smoke"], staging: { required: true } });

  it("goes when everything holds", () => {
    const result = evaluateGoNoGo(green, strict);
    expect(result.status).toBe("pass");
    expect(result.title).toBe("go: 0 bug+P1, 1 bug+P2; 3 required checks passed; staging tested");
    expect(result.metrics).toEqual({ "checks-required": 3, "checks-passed": 3, staging: "passed", "issues:bug+P1": 0, "issues:bug+P2": 1 });
    expect(result.summary).toContain("| integration | ✅ passed | check run: success |");
  });

  it("says every reason for a no-go", () => {
    const input: GoNoGoInput = {
      ...green,
      issues: [issue(1, ["bug", "P1"], { title: "Checkout crashes" }), ...green.issues],
      checkRuns: [run("integration", "completed", "failure", 1)],
      deployments: [],
    };
    const result = evaluateGoNoGo(input, strict);
    expect(result.status).toBe("fail");
    expect(result.title).toBe("no-go: 1 bug+P1 (at most 0), 2 of 3 required checks not passed, staging not deployed");
    expect(result.findings.map((f) => f.message)).toEqual([
      "bug+P1: 1 open issue, at most 0 allowed: #1 Checkout crashes",
      'required check "integration" did not succeed on cafebab (check run: failure)',
      'required check "e2e" has not reported on cafebab (missing counts as not passed)',
      "staging: no deployment of cafebab to staging",
    ]);
  });

  it("does not look at staging unless required", () => {
    const result = evaluateGoNoGo({ ...green, deployments: [] }, settings({ "required-checks": ["integration"] }));
    expect(result.status).toBe("pass");
    expect(result.metrics.staging).toBeNull();
  });

  it("uses configured rules and names", () => {
    const rules = [{ name: "blockers", labels: ["blocker"], max: 0 }];
    const result = evaluateGoNoGo({ ...green, issues: [issue(3, ["Blocker"])] }, settings({ "issue-rules": rules }));
    expect(result.title).toBe("no-go: 1 blockers (at most 0)");
  });

  it("lists at most 10 issues per rule", () => {
    const issues = Array.from({ length: 14 }, (_, i) => issue(i + 1, ["bug", "P1"]));
    const result = evaluateGoNoGo({ ...green, issues }, settings());
    expect(result.findings[0]!.message).toMatch(/#10 issue 10 and 4 more$/);
  });
});
