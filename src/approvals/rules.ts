/**
 * GitHub's layers of pull-request rules for a branch (every active ruleset, and classic branch protection) and the
 * policy file's own: GitHub enforces each layer, so a pull request must meet the most restrictive value of every
 * requirement. Pure: the layers come in as data, the merged settings and the table of who required what go out.
 */
import { cell } from "../report/markdown.ts";
import type { ApprovalsSettings, TeamRule } from "./evaluate.ts";

/** A ruleset's required reviewers: `minimum` approvals from a team when files match (`!` patterns exclude). */
export interface RequiredReviewers {
  /** "org/team"; null when the team id could not be resolved to a slug. */
  team: string | null;
  teamId: number;
  patterns: string[];
  minimum: number;
}

export interface RuleLayer {
  /** How a reader recognises it: `ruleset 42 (organization acme)`, `branch protection of main`. */
  name: string;
  requiredApprovals: number;
  dismissStaleReviews: boolean;
  codeOwnerReview: boolean;
  lastPushApproval: boolean;
  requiredReviewers: RequiredReviewers[];
}

export interface BranchRules {
  branch: string;
  layers: RuleLayer[];
  /** Layers that exist or may exist but could not be read, with why (shown as warnings). */
  unreadable: string[];
}

export interface AppliedRules {
  settings: ApprovalsSettings;
  /** Markdown table: one row per requirement, one column per layer, then the value applied. */
  table: string;
  /** Required reviewers whose team is unknown: they can never be met, so the gate says so. */
  unresolved: RuleLayer["requiredReviewers"];
}

const yesNo = (value: boolean): string => (value ? "yes" : "no");

/** The policy merged with GitHub's layers, each requirement at its most restrictive. */
export function applyBranchRules(policy: ApprovalsSettings, rules: BranchRules): AppliedRules {
  const { layers } = rules;
  const teamRules: TeamRule[] = [...policy.teamRules];
  const unresolved: RequiredReviewers[] = [];
  for (const layer of layers) {
    for (const reviewers of layer.requiredReviewers) {
      // Minimum 0 only asks for the team's review; nothing is required.
      if (reviewers.minimum === 0) continue;
      if (!reviewers.team) unresolved.push(reviewers);
      else teamRules.push({ paths: reviewers.patterns, team: `@${reviewers.team}`, count: reviewers.minimum, source: layer.name });
    }
  }
  const settings: ApprovalsSettings = {
    ...policy,
    required: Math.max(policy.required, ...layers.map((l) => l.requiredApprovals)),
    requireHeadCommit: policy.requireHeadCommit || layers.some((l) => l.dismissStaleReviews),
    lastPushApproval: policy.lastPushApproval || layers.some((l) => l.lastPushApproval),
    codeowners: policy.codeowners || layers.some((l) => l.codeOwnerReview),
    teamRules,
  };
  const reviewersOf = (list: RequiredReviewers[]): string =>
    list.filter((r) => r.minimum > 0).map((r) => `${r.minimum} of @${r.team ?? `team ${r.teamId}`} for ${r.patterns.join(" ")}`).join("; ") || "—";
  const policyReviewers = policy.teamRules.map((r) => `${r.count} of ${r.team.startsWith("@") ? r.team : `@${r.team}`} for ${r.paths.join(" ")}`).join("; ") || "—";
  const rows: [string, string, string[], string][] = [
    ["Approvals", String(policy.required), layers.map((l) => String(l.requiredApprovals)), String(settings.required)],
    ["Stale approvals dismissed (diff changed)", yesNo(policy.requireHeadCommit), layers.map((l) => yesNo(l.dismissStaleReviews)), yesNo(settings.requireHeadCommit)],
    ["Code-owner review", yesNo(policy.codeowners), layers.map((l) => yesNo(l.codeOwnerReview)), yesNo(settings.codeowners)],
    ["Approval of the last push by another person", yesNo(policy.lastPushApproval), layers.map((l) => yesNo(l.lastPushApproval)), yesNo(settings.lastPushApproval)],
    ["Required reviewers", policyReviewers, layers.map((l) => reviewersOf(l.requiredReviewers)), settings.teamRules.length > 0 ? "all of them" : "—"],
  ];
  const header = ["Requirement", "policy file", ...layers.map((l) => l.name), "applied"];
  const table = [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map(([name, fromPolicy, fromLayers, applied]) => `| ${[name, fromPolicy, ...fromLayers, applied].map(cell).join(" | ")} |`),
  ].join("\n");
  return { settings, table, unresolved };
}
