/**
 * Certificate reports as subjects of the incident action's mode `reconcile` (cert-gate output `incident-subjects`):
 * one subject per target, so that each failing target has its own incident issue, closed once it is renewed.
 */
import type { Subject } from "../incident/model.ts";
import type { CertReport } from "./check.ts";

export const CERT_SUBJECT_PREFIX = "cert:";

function details(report: CertReport): string[] {
  const lines = report.problems.length > 0 ? report.problems.map((p) => p.message) : report.error ? [report.error] : [];
  if (report.daysLeft !== null) lines.push(`Days left: ${report.daysLeft} (not after ${report.notAfter ?? "unknown"})`);
  if (report.earliestExpiry !== null && report.earliestExpiry !== report.notAfter) {
    lines.push(`Earliest expiry in the chain: ${report.earliestExpiry}${report.earliestExpirySubject ? ` (${report.earliestExpirySubject})` : ""}`);
  }
  if (report.subject !== null) lines.push(`Subject: ${report.subject}`);
  if (report.issuer !== null) lines.push(`Issuer: ${report.issuer}`);
  return lines;
}

/** Superseded certificates of a rotated bundle do not count, so they are no subject. */
export function certIncidentSubjects(reports: CertReport[]): Subject[] {
  return reports
    .filter((report) => !report.superseded)
    .map((report) => ({ key: `${CERT_SUBJECT_PREFIX}${report.target}`, title: `TLS certificate of ${report.target}`, failed: !report.ok, details: details(report) }));
}
