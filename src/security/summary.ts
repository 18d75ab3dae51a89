/**
 * The security gate's summary: the counts against the limits, then one table row per finding with its advisory
 * linked to its source, the package and the version that fixes it, and where it was found.
 */
import { code, count, link, plain, table } from "../report/blocks.ts";
import { SEVERITIES, type ParsedReport, type SecurityFinding, type Severity } from "./types.ts";

/** The subset of an evaluated finding the table shows (evaluate.ts owns the full type). */
export interface ShownFinding extends SecurityFinding {
  state: "counted" | "accepted" | "expired-acceptance";
  acceptance?: { expires: string };
}

export interface SecuritySummaryInput {
  reports: ParsedReport[];
  thresholds: Partial<Record<Severity, number>>;
  counts: Record<Severity, number>;
  accepted: Record<Severity, number>;
  exceeded: Severity[];
  findings: ShownFinding[];
  /** Policy notes about acceptances (expired, unused), one sentence each. */
  acceptanceNotes: string[];
}

const MAX_ROWS = 100;
const SEVERITY_ICONS: Record<Severity, string> = { critical: "🟥", high: "🟧", medium: "🟨", low: "🟦", unknown: "⬜" };

/** Where an advisory id is published: GitHub's advisory database, the CVE list, or OSV for the ecosystems' own ids. */
export function advisoryUrl(id: string): string | undefined {
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i.test(id)) return `https://github.com/advisories/${id}`;
  if (/^CVE-\d{4}-\d{4,}$/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`;
  if (/^(PYSEC|RUSTSEC|GO|OSV|GSD|MAL|DSA|DLA|USN|ALSA|RLSA|BIT|UVI|CURL|OESA|PSF|R|HSEC|MGASA|RHSA|SUSE-SU|openSUSE-SU|CGA|DTSA)-[\w.:-]+$/.test(id)) {
    return `https://osv.dev/vulnerability/${id}`;
  }
  return undefined;
}

function advisory(finding: SecurityFinding): string {
  const own = advisoryUrl(finding.id) ?? (finding.url && /^https?:\/\//.test(finding.url) ? finding.url : undefined);
  const main = link(code(finding.id), own);
  // A GHSA's CVE is the id most people search for: show it beside.
  const cve = finding.aliases.find((a) => /^CVE-\d{4}-\d{4,}$/i.test(a) && a !== finding.id);
  return `${main}${cve ? ` (${link(code(cve), advisoryUrl(cve))})` : ""}<br>${plain(finding.title, 120)}`;
}

function packageCell(finding: SecurityFinding): string {
  if (!finding.package) return "–";
  const installed = code(`${finding.package}${finding.version ? `@${finding.version}` : ""}`);
  return finding.fixedIn ? `${installed} → ${code(finding.fixedIn)}` : `${installed} (no fix known)`;
}

function location(finding: SecurityFinding): string {
  const where = finding.file ? code(`${finding.file}${finding.line ? `:${finding.line}` : ""}`) : "";
  return [where, `${plain(finding.tool, 40)} in ${code(finding.report)}`].filter(Boolean).join("<br>");
}

function state(finding: ShownFinding, exceeded: Severity[]): string {
  if (finding.state === "accepted") return `accepted until ${finding.acceptance!.expires}`;
  if (finding.state === "expired-acceptance") return `❌ acceptance expired ${finding.acceptance!.expires}`;
  return exceeded.includes(finding.severity) ? "❌ over the limit" : "within the limit";
}

function countsTable(input: SecuritySummaryInput): string {
  const rows = SEVERITIES.map((s) => {
    const limit = input.thresholds[s];
    return [s, `${input.counts[s]}${input.exceeded.includes(s) ? " ❌" : ""}`, String(input.accepted[s]), limit === undefined ? "unlimited" : String(limit)];
  });
  return table(["Severity", "Found", "Accepted", "Allowed"], rows);
}

function reportsSentence(reports: ParsedReport[]): string {
  const each = reports.map((r) => `${code(r.report)} (${r.format}, ${plain(r.tool, 40)}: ${count(r.findings.length, "finding")}${r.suppressed > 0 ? `, ${r.suppressed} suppressed in the report` : ""})`);
  return `Read ${count(reports.length, "report")}: ${each.join(", ")}.`;
}

export function securitySummary(input: SecuritySummaryInput): string {
  const parts = [countsTable(input)];
  if (input.findings.length > 0) {
    const rows = input.findings.slice(0, MAX_ROWS).map((f) => [`${SEVERITY_ICONS[f.severity]} ${f.severity}`, advisory(f), packageCell(f), location(f), state(f, input.exceeded)]);
    parts.push(table(["Severity", "Advisory", "Package → fixed in", "Found in", ""], rows));
    if (input.findings.length > MAX_ROWS) parts.push(`${input.findings.length - MAX_ROWS} more findings are not listed here; they are in the reports.`);
  }
  if (input.acceptanceNotes.length > 0) parts.push(`**Acceptances in the policy file**\n\n${input.acceptanceNotes.map((n) => `- ${n}`).join("\n")}`);
  parts.push(reportsSentence(input.reports));
  return parts.join("\n\n");
}
