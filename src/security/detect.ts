import { UserError } from "../core/errors.ts";
import { parseNpmAuditV1, parseNpmAuditV2 } from "./npm-audit.ts";
import { parseOsvScanner } from "./osv.ts";
import { parseSarif } from "./sarif.ts";
import { parseTrivy } from "./trivy.ts";
import type { ParsedReport } from "./types.ts";

const EXPECTED = "expected SARIF 2.1.0, `npm audit --json` (v1 or v2), Trivy `--format json` or OSV-Scanner `--format json`";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** npm writes an error document instead of a report when the audit itself fails (no lockfile, endpoint down). */
function npmAuditFailure(data: Record<string, unknown>): string | undefined {
  const error = isObject(data.error) ? data.error : undefined;
  const parts = [
    typeof data.message === "string" ? data.message : undefined,
    typeof error?.code === "string" ? error.code : undefined,
    typeof error?.summary === "string" ? error.summary : undefined,
  ].filter((part): part is string => Boolean(part && part.trim()));
  if (!error || data.vulnerabilities !== undefined || data.advisories !== undefined) return undefined;
  return parts.length > 0 ? parts.join(": ") : "no details given";
}

/**
 * Recognises the scanner from the document's content and parses it. Anything not recognised, and
 * every scanner's own error document, is refused with a UserError naming the file (fail-closed).
 */
export function parseReport(data: unknown, report: string, options: { sourceRoot?: string } = {}): ParsedReport {
  if (Array.isArray(data)) {
    if (data.length > 0 && data.every((item) => isObject(item) && typeof item.Target === "string")) return parseTrivy(data, report, options);
    throw new UserError(`${report}: not a recognised scanner report (a JSON array); ${EXPECTED}`);
  }
  if (!isObject(data)) throw new UserError(`${report}: not a recognised scanner report (the JSON document is a ${data === null ? "null" : typeof data}); ${EXPECTED}`);

  const schema = typeof data.$schema === "string" ? data.$schema.toLowerCase() : "";
  if (Array.isArray(data.runs) || schema.includes("sarif") || (typeof data.version === "string" && data.runs !== undefined)) {
    return parseSarif(data, report, options);
  }
  if (data.auditReportVersion !== undefined) {
    if (data.auditReportVersion !== 2) throw new UserError(`${report}: npm audit report version ${JSON.stringify(data.auditReportVersion)} is not supported; expected 2 (npm 7+) or the npm 6 format`);
    return parseNpmAuditV2(data, report);
  }
  if (isObject(data.advisories) && data.metadata !== undefined) return parseNpmAuditV1(data, report);
  const npmFailure = npmAuditFailure(data);
  if (npmFailure) throw new UserError(`${report}: npm audit failed and wrote no report: ${npmFailure}`);
  // Trivy's capitalised keys; its parser decides whether a report without results shows that the scan ran.
  if (typeof data.SchemaVersion === "number" || "Results" in data || "ArtifactName" in data) return parseTrivy(data, report, options);
  if (Array.isArray(data.results)) return parseOsvScanner(data, report, options);
  const keys = Object.keys(data).slice(0, 8);
  throw new UserError(`${report}: not a recognised scanner report (top-level keys: ${keys.length > 0 ? keys.join(", ") : "none"}); ${EXPECTED}`);
}
