/** An issue as the issues list API returns it (pull requests appear there too and are skipped). */
export interface IssueData {
  number: number;
  title: string;
  labels: string[];
  state?: "open" | "closed";
  isPullRequest?: boolean;
  url?: string;
}

/** At most `max` open issues carrying every one of `labels` (case-insensitive, as GitHub labels are). */
export interface IssueRule {
  name?: string;
  labels: string[];
  max: number;
}

export interface IssueRuleOutcome {
  name: string;
  rule: IssueRule;
  matching: IssueData[];
  exceeded: boolean;
}

export function ruleName(rule: IssueRule): string {
  return rule.name ?? rule.labels.join("+");
}

export function evaluateIssueRules(issues: IssueData[], rules: IssueRule[]): IssueRuleOutcome[] {
  const open = issues.filter((issue) => !issue.isPullRequest && (issue.state ?? "open") === "open");
  return rules.map((rule) => {
    const wanted = rule.labels.map((label) => label.toLowerCase());
    const matching = open.filter((issue) => {
      const labels = new Set(issue.labels.map((label) => label.toLowerCase()));
      return wanted.every((label) => labels.has(label));
    });
    return { name: ruleName(rule), rule, matching, exceeded: matching.length > rule.max };
  });
}
