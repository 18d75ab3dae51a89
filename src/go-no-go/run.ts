import type { Invocation } from "../core/capability.ts";
import type { GateResult } from "../core/result.ts";
import type { Repository } from "../github/target.ts";
import { evaluateGoNoGo, type GoNoGoSettings } from "./evaluate.ts";
import type { IssueData } from "./issues.ts";
import type { GoNoGoSource } from "./ports.ts";
import type { RunbookTracker } from "../runbooks/ports.ts";
import { readReleaseChecklist } from "../runbooks/release-checklist.ts";

/** What the door settled: the commit to judge, by which rules, in which repository, with which token. */
export interface GoNoGoRequest {
  settings: GoNoGoSettings;
  sha: string;
  repository: Repository;
  token: string;
}

/** The go/no-go gate against GitHub: every read runs concurrently, then the pure evaluation decides. */
export async function runGoNoGoGate(source: GoNoGoSource, sha: string, settings: GoNoGoSettings, checklists?: RunbookTracker): Promise<GateResult> {
  const needChecks = settings.requiredChecks.length > 0;
  const wanted = settings.releaseChecklist;
  const [issueLists, checkRuns, statuses, deployments, releaseChecklist] = await Promise.all([
    Promise.all(settings.issueRules.map((rule) => source.openIssuesWithLabels(rule.labels))),
    needChecks ? source.checkRuns(sha) : [],
    needChecks ? source.statuses(sha) : [],
    settings.staging.required ? source.deployments(sha, settings.staging.environment) : [],
    wanted && checklists ? readReleaseChecklist(checklists, wanted.label, wanted.runbook, wanted.version) : undefined,
  ]);
  // One issue may match several rules; the evaluation filters by labels again, so each is listed once.
  const issues = new Map<number, IssueData>();
  for (const list of issueLists) for (const issue of list) issues.set(issue.number, issue);
  const result = evaluateGoNoGo({ sha, issues: [...issues.values()], checkRuns, statuses, deployments, ...(releaseChecklist ? { releaseChecklist } : {}) }, settings);
  result.metrics.sha = sha;
  return result;
}

/** The gate against the GitHub API of the run; the client loads only when the gate runs (cold start). */
export async function runGoNoGoOnGitHub(request: GoNoGoRequest, invocation: Invocation): Promise<GateResult> {
  const { octokitOfRun } = await import("../github/run-client.ts");
  const { createGoNoGoSource } = await import("../github/go-no-go.ts");
  const octokit = octokitOfRun(request.token, invocation);
  const checklists = request.settings.releaseChecklist ? (await import("../github/runbooks.ts")).githubRunbookTracker(octokit, request.repository) : undefined;
  return runGoNoGoGate(createGoNoGoSource(octokit, request.repository), request.sha, request.settings, checklists);
}
