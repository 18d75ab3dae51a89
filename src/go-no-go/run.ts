import type { GateResult } from "../core/result.ts";
import { evaluateGoNoGo, type GoNoGoSettings } from "./evaluate.ts";
import type { IssueData } from "./issues.ts";
import type { GoNoGoSource } from "./source.ts";

/** The go/no-go gate against GitHub: every read runs concurrently, then the pure evaluation decides. */
export async function runGoNoGoGate(source: GoNoGoSource, sha: string, settings: GoNoGoSettings): Promise<GateResult> {
  const needChecks = settings.requiredChecks.length > 0;
  const [issueLists, checkRuns, statuses, deployments] = await Promise.all([
    Promise.all(settings.issueRules.map((rule) => source.openIssuesWithLabels(rule.labels))),
    needChecks ? source.checkRuns(sha) : [],
    needChecks ? source.statuses(sha) : [],
    settings.staging.required ? source.deployments(sha, settings.staging.environment) : [],
  ]);
  // One issue may match several rules; the evaluation filters by labels again, so each is listed once.
  const issues = new Map<number, IssueData>();
  for (const list of issueLists) for (const issue of list) issues.set(issue.number, issue);
  const result = evaluateGoNoGo({ sha, issues: [...issues.values()], checkRuns, statuses, deployments }, settings);
  result.metrics.sha = sha;
  return result;
}
