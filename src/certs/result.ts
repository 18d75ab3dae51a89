/** The gate's one result over every certificate report: a table row per counted certificate, superseded ones apart. */
import type { GateResult } from "../core/result.ts";
import { code, plain, table } from "../report/blocks.ts";
import { cell } from "../report/markdown.ts";
import type { CertReport } from "./check.ts";
import type { CertThresholds } from "./evaluate.ts";

const icon = { pass: "✅", warn: "⚠️", fail: "❌" } as const;

/** Three columns that fit beside the other gates: the target, when it expires, what is wrong (only when something is). */
function row(report: CertReport, withProblems: boolean): string[] {
  const expiry = report.earliestExpiry ? `${report.earliestExpiry.slice(0, 10)} (${report.daysLeft ?? "?"} d)` : "—";
  const cells = [`${icon[report.status]} ${code(report.target)}`, expiry];
  return withProblems ? [...cells, report.error ? plain(report.error, 160) : ""] : cells;
}

export function certGateResult(reports: CertReport[], options: CertThresholds): GateResult {
  const counted = reports.filter((r) => !r.superseded);
  const superseded = reports.filter((r) => r.superseded);
  const failed = counted.filter((r) => r.status === "fail");
  const warned = counted.filter((r) => r.status === "warn");
  const status = failed.length > 0 ? "fail" : warned.length > 0 ? "warn" : "pass";
  const earliest = counted.map((r) => r.earliestExpiry).filter((d): d is string => d !== null).sort()[0] ?? null;
  const chainDays = counted.map((r) => r.earliestExpiryDaysLeft).filter((d): d is number => d !== null);
  const title =
    failed.length > 0
      ? `${failed.length} of ${counted.length} certificates failed (minimum ${options.minDays} days)`
      : warned.length > 0
        ? `${warned.length} of ${counted.length} certificates expire within ${options.warnDays} days`
        : `${counted.length} certificates valid for at least ${options.minDays} days${earliest ? ` · earliest expiry ${earliest.slice(0, 10)}` : ""}`;
  const withProblems = counted.some((r) => r.error);
  const parts = [table(["Certificate", "Earliest expiry", ...(withProblems ? ["Problem"] : [])], counted.map((r) => row(r, withProblems)))];
  if (superseded.length > 0) {
    parts.push(
      "Superseded certificates (replaced by a newer one with the same subject in the same file; not counted):",
      ["| Certificate | Expires | Subject | Replaced by serial |", "| --- | --- | --- | --- |",
        ...superseded.map((r) => `| ${cell(r.target)} | ${r.notAfter?.slice(0, 10) ?? "—"} | ${cell(r.subject ?? "—")} | ${cell(r.supersededBy ?? "")} |`)].join("\n"),
    );
  }
  return {
    gate: "certs",
    status,
    title,
    summary: parts.join("\n\n"),
    findings: [...failed, ...warned].map((r) => ({
      level: r.status === "fail" ? "failure" : "warning",
      title: `certificate ${r.target}`,
      message: `${r.target}: ${r.error ?? ""}`,
      ...(r.file ? { file: r.file, ...(r.line ? { line: r.line } : {}) } : {}),
    })),
    // The table's Problem column shows every failing and warning certificate.
    findingsShown: true,
    metrics: {
      targets: counted.length,
      failed: failed.length,
      warned: warned.length,
      superseded: superseded.length,
      "earliest-expiry": earliest,
      "min-days-left": chainDays.length > 0 ? Math.min(...chainDays) : null,
    },
  };
}
