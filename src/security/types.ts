/** The severities every scanner's findings are mapped to, worst first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "unknown"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ReportFormat = "sarif" | "npm-audit-v1" | "npm-audit-v2" | "trivy" | "osv-scanner";

/** One vulnerability or alert, the same shape whatever scanner reported it. */
export interface SecurityFinding {
  /** The scanner as the report names it, e.g. "npm audit", "Trivy", "CodeQL". */
  tool: string;
  /** The report file as given on the command line or in the policy. */
  report: string;
  /** Advisory or rule id: GHSA-…, CVE-…, a SARIF ruleId, a Trivy check id. */
  id: string;
  /** Other ids of the same vulnerability (CVE for a GHSA, …); acceptances match any of them. */
  aliases: string[];
  severity: Severity;
  title: string;
  package?: string;
  version?: string;
  /** The version (or range, or remedy) that fixes it, as the scanner states it. */
  fixedIn?: string;
  /** Repository-relative path, forward slashes. */
  file?: string;
  line?: number;
  endLine?: number;
  url?: string;
}

export interface ParsedReport {
  report: string;
  format: ReportFormat;
  tool: string;
  findings: SecurityFinding[];
  /** Results the report itself marks as suppressed (SARIF suppressions); not counted. */
  suppressed: number;
}
