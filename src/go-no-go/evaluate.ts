import type { Finding, GateResult } from "../core/result.ts";
import type { GoNoGoPolicy } from "../policy/types.ts";
import type { ReleaseChecklistState } from "../runbooks/release-checklist.ts";
import { cell } from "../report/markdown.ts";
import { evaluateRequiredChecks, type CheckRunData, type CommitStatusData, type RequiredCheckOutcome } from "./checks.ts";
import { evaluateStaging, type DeploymentData, type StagingOutcome } from "./deployments.ts";
import { evaluateIssueRules, type IssueData, type IssueRule, type IssueRuleOutcome } from "./issues.ts";

export interface GoNoGoInput {
  /** The commit to deploy. */
  sha: string;
  /** Open issues of the repository (the issues list API; pull requests are skipped). */
  issues: IssueData[];
  checkRuns: CheckRunData[];
  statuses: CommitStatusData[];
  /** Deployments of the commit; only read when staging is required. */
  deployments: DeploymentData[];
  /** The release's pre-release checklist; only read when runbooks.release-checklist is set. */
  releaseChecklist?: ReleaseChecklistState;
}

export interface GoNoGoSettings {
  issueRules: IssueRule[];
  requiredChecks: string[];
  passingConclusions: string[];
  staging: { required: boolean; environment: string };
  /** The runbook whose checklist must be complete (runbooks.release-checklist), its issues' label, the version. */
  releaseChecklist?: { runbook: string; label: string; version: string | null } | null;
}

export function goNoGoSettingsOf(policy: GoNoGoPolicy, releaseChecklist: GoNoGoSettings["releaseChecklist"] = null): GoNoGoSettings {
  return {
    releaseChecklist,
    issueRules: policy["issue-rules"],
    requiredChecks: policy["required-checks"],
    passingConclusions: policy["passing-conclusions"],
    staging: { required: policy.staging.required, environment: policy.staging.environment },
  };
}

const ISSUES_LISTED = 10;
const icon = { passed: "✅", failed: "❌", pending: "⏳", missing: "❔" } as const;

function issueFinding(outcome: IssueRuleOutcome): Finding {
  const listed = outcome.matching.slice(0, ISSUES_LISTED).map((i) => `#${i.number} ${i.title}`);
  const more = outcome.matching.length > ISSUES_LISTED ? ` and ${outcome.matching.length - ISSUES_LISTED} more` : "";
  return {
    level: "failure",
    message: `${outcome.name}: ${outcome.matching.length} open issue${outcome.matching.length === 1 ? "" : "s"}, at most ${outcome.rule.max} allowed: ${listed.join("; ")}${more}`,
  };
}

function checkFinding(outcome: RequiredCheckOutcome, sha: string): Finding {
  const what =
    outcome.state === "missing"
      ? `has not reported on ${sha.slice(0, 7)} (missing counts as not passed)`
      : outcome.state === "pending"
        ? `has not finished on ${sha.slice(0, 7)} (${outcome.detail})`
        : `did not succeed on ${sha.slice(0, 7)} (${outcome.detail})`;
  return { level: "failure", message: `required check "${outcome.name}" ${what}${outcome.url ? ` ${outcome.url}` : ""}` };
}

/** The go/no-go verdict: blocking issues within limits, required checks green, and (optionally) staging tested. */
export function evaluateGoNoGo(input: GoNoGoInput, settings: GoNoGoSettings): GateResult {
  const issueOutcomes = evaluateIssueRules(input.issues, settings.issueRules);
  const checkOutcomes = evaluateRequiredChecks(settings.requiredChecks, input.checkRuns, input.statuses, settings.passingConclusions);
  const staging: StagingOutcome | undefined = settings.staging.required ? evaluateStaging(input.deployments, input.sha, settings.staging.environment) : undefined;

  const checklist = settings.releaseChecklist ? checklistOutcome(input.releaseChecklist) : undefined;
  const findings: Finding[] = [
    ...issueOutcomes.filter((o) => o.exceeded).map(issueFinding),
    ...checkOutcomes.filter((o) => o.state !== "passed").map((o) => checkFinding(o, input.sha)),
    ...(staging && staging.state !== "passed" ? [{ level: "failure" as const, message: `staging: ${staging.detail}` }] : []),
    ...(checklist && !checklist.complete ? [{ level: "failure" as const, message: checklist.detail }] : []),
  ];
  const reasons = [
    ...issueOutcomes.filter((o) => o.exceeded).map((o) => `${o.matching.length} ${o.name} (at most ${o.rule.max})`),
    ...(checkOutcomes.some((o) => o.state !== "passed") ? [`${checkOutcomes.filter((o) => o.state !== "passed").length} of ${checkOutcomes.length} required checks not passed`] : []),
    ...(staging && staging.state !== "passed" ? [`staging ${staging.state === "missing" ? "not deployed" : staging.state}`] : []),
    ...(checklist && !checklist.complete ? [checklist.reason] : []),
  ];
  const passedChecks = checkOutcomes.filter((o) => o.state === "passed").length;
  const title =
    reasons.length > 0
      ? `no-go: ${reasons.join(", ")}`
      : `go: ${issueOutcomes.map((o) => `${o.matching.length} ${o.name}`).join(", ") || "no issue rules"}; ${passedChecks} required check${passedChecks === 1 ? "" : "s"} passed${staging ? "; staging tested" : ""}${checklist ? "; release checklist complete" : ""}`;

  const metrics: GateResult["metrics"] = {
    "checks-required": checkOutcomes.length,
    "checks-passed": passedChecks,
    staging: staging ? staging.state : null,
  };
  if (checklist) metrics["release-checklist"] = checklist.complete ? "complete" : checklist.issue === null ? "missing" : "incomplete";
  for (const o of issueOutcomes) metrics[`issues:${o.name}`] = o.matching.length;

  const summary = [summaryOf(issueOutcomes, checkOutcomes, staging), ...(checklist ? [checklist.summary] : [])].filter(Boolean).join("\n\n");
  return { gate: "go-no-go", status: reasons.length > 0 ? "fail" : "pass", title, summary, findings, metrics };
}

interface ChecklistOutcome {
  complete: boolean;
  issue: number | null;
  reason: string;
  detail: string;
  summary: string;
}

/** Every item ticked by a person or N/A with a reason; a missing checklist is not complete. */
function checklistOutcome(state: ReleaseChecklistState | undefined): ChecklistOutcome {
  const which = state?.version ? ` of ${state.version}` : "";
  if (!state?.issue || !state.verdict) {
    const text = `release checklist${which} not found (runbook ${state?.runbook ?? "?"}): open it with \`shipgate runbook --release VERSION\` or release-branch start`;
    return { complete: false, issue: null, reason: `release checklist${which} missing`, detail: text, summary: `Release checklist: ❔ ${cell(text)}` };
  }
  const { verdict, issue } = state;
  const settled = verdict.items.length - verdict.open.length;
  const head = `Release checklist #${issue.number} (${cell(issue.occurrence)}): ${settled} of ${verdict.items.length} items settled`;
  if (verdict.complete) return { complete: true, issue: issue.number, reason: "", detail: head, summary: `${head} ✅` };
  // Item texts are as people left them in the issue body: untrusted.
  const listed = verdict.open.slice(0, ISSUES_LISTED).map((item) => `${cell(item.text)}${item.note ? ` (${cell(item.note)})` : ""}`);
  const more = verdict.open.length > ISSUES_LISTED ? ` and ${verdict.open.length - ISSUES_LISTED} more` : "";
  return {
    complete: false,
    issue: issue.number,
    reason: `release checklist #${issue.number}: ${verdict.open.length} of ${verdict.items.length} items open`,
    detail: `release checklist #${issue.number} ${issue.url}: open items: ${listed.join("; ")}${more}`,
    summary: [`${head} ❌`, "", "| Open item | Why |", "| --- | --- |", ...verdict.open.map((item) => `| ${cell(item.text)} | ${cell(item.note ?? "not ticked")} |`)].join("\n"),
  };
}

function summaryOf(issues: IssueRuleOutcome[], checks: RequiredCheckOutcome[], staging: StagingOutcome | undefined): string {
  const parts: string[] = [];
  if (issues.length > 0) {
    parts.push("| Open issues | Count | Allowed |", "| --- | --- | --- |");
    for (const o of issues) parts.push(`| ${cell(o.rule.labels.join(" + "))} | ${o.matching.length}${o.exceeded ? " ❌" : ""} | ${o.rule.max} |`);
    parts.push("");
  }
  if (checks.length > 0) {
    parts.push("| Required check | State | Detail |", "| --- | --- | --- |");
    for (const o of checks) parts.push(`| ${cell(o.name)} | ${icon[o.state]} ${o.state} | ${cell(o.detail)} |`);
    parts.push("");
  }
  if (staging) parts.push(`Staging: ${icon[staging.state]} ${staging.detail}`);
  return parts.join("\n").trim();
}
