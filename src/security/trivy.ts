import { UserError } from "../core/errors.ts";
import { ShapeReader, type Json } from "./json-shape.ts";
import { oneLine, repositoryPath } from "./paths.ts";
import { severityOfWord } from "./severity.ts";
import type { ParsedReport, SecurityFinding, Severity } from "./types.ts";

/** Result classes whose Target is a file in the scanned directory (not an image or OS name). */
const FILE_CLASSES = new Set(["lang-pkgs", "config", "secret", "license-file"]);

const TRIVY_SEVERITIES = new Set(["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"]);

function severity(shape: ShapeReader, value: Json, path: string): Severity {
  const mapped = typeof value === "string" && TRIVY_SEVERITIES.has(value.toUpperCase()) ? severityOfWord(value) : undefined;
  if (!mapped) shape.fail(path, "one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN");
  return mapped;
}

/**
 * Trivy `--format json`: Results[] with Vulnerabilities, Misconfigurations (only Status FAIL counts)
 * and Secrets. A clean scan may omit Results or set it to null; that counts as zero findings only when
 * the report shows the scan ran (SchemaVersion and ArtifactName), otherwise the report is refused.
 * The pre-0.20 format (a bare array of results) is read too.
 */
export function parseTrivy(data: Json, report: string, options: { sourceRoot?: string } = {}): ParsedReport {
  const shape: ShapeReader = new ShapeReader(report);
  let results: Json[];
  // Paths in image scans are inside the image, not files of this repository.
  let scansRepository = true;
  if (Array.isArray(data)) {
    results = data;
  } else {
    const root = shape.object(data, "(top level)");
    scansRepository = root.ArtifactType === undefined || root.ArtifactType === "filesystem" || root.ArtifactType === "repository";
    if (root.Results === undefined || root.Results === null) {
      if (typeof root.SchemaVersion !== "number" || typeof root.ArtifactName !== "string" || root.ArtifactName === "") {
        throw new UserError(`${report}: Trivy report without Results and without SchemaVersion and ArtifactName: nothing shows the scan ran`);
      }
      results = [];
    } else results = shape.array(root.Results, "Results");
  }
  const findings: SecurityFinding[] = [];
  results.forEach((raw, index) => {
    const at = `Results[${index}]`;
    const result = shape.object(raw, at);
    const target = shape.string(result.Target, `${at}.Target`);
    const resultClass = typeof result.Class === "string" ? result.Class : undefined;
    const file = scansRepository && resultClass && FILE_CLASSES.has(resultClass) ? repositoryPath(target, options.sourceRoot) : undefined;
    shape.optionalArray(result.Vulnerabilities, `${at}.Vulnerabilities`).forEach((rawVuln, i) => {
      const where = `${at}.Vulnerabilities[${i}]`;
      const vuln = shape.object(rawVuln, where);
      const id = shape.string(vuln.VulnerabilityID, `${where}.VulnerabilityID`);
      const version = shape.optionalString(vuln.InstalledVersion, `${where}.InstalledVersion`);
      const url = shape.optionalString(vuln.PrimaryURL, `${where}.PrimaryURL`);
      const fixedIn = shape.optionalString(vuln.FixedVersion, `${where}.FixedVersion`);
      findings.push({
        tool: "Trivy",
        report,
        id,
        aliases: shape.optionalArray(vuln.VendorIDs, `${where}.VendorIDs`).filter((v): v is string => typeof v === "string"),
        severity: severity(shape, vuln.Severity, `${where}.Severity`),
        title: oneLine(shape.optionalString(vuln.Title, `${where}.Title`) ?? id),
        package: shape.string(vuln.PkgName, `${where}.PkgName`),
        ...(version ? { version } : {}),
        ...(fixedIn ? { fixedIn } : {}),
        ...(file ? { file } : {}),
        ...(url ? { url } : {}),
      });
    });
    shape.optionalArray(result.Misconfigurations, `${at}.Misconfigurations`).forEach((rawMisconfig, i) => {
      const where = `${at}.Misconfigurations[${i}]`;
      const misconfig = shape.object(rawMisconfig, where);
      if (misconfig.Status !== undefined && misconfig.Status !== "FAIL") return;
      const id = shape.optionalString(misconfig.ID, `${where}.ID`) ?? shape.string(misconfig.AVDID, `${where}.AVDID`);
      const cause = shape.isObject(misconfig.CauseMetadata) ? misconfig.CauseMetadata : {};
      findings.push({
        tool: "Trivy",
        report,
        id,
        aliases: typeof misconfig.AVDID === "string" && misconfig.AVDID !== id ? [misconfig.AVDID] : [],
        severity: severity(shape, misconfig.Severity, `${where}.Severity`),
        title: oneLine(shape.optionalString(misconfig.Title, `${where}.Title`) ?? shape.optionalString(misconfig.Message, `${where}.Message`) ?? id),
        ...lines(file, shape.optionalLine(cause.StartLine, `${where}.CauseMetadata.StartLine`), shape.optionalLine(cause.EndLine, `${where}.CauseMetadata.EndLine`)),
      });
    });
    shape.optionalArray(result.Secrets, `${at}.Secrets`).forEach((rawSecret, i) => {
      const where = `${at}.Secrets[${i}]`;
      const secret = shape.object(rawSecret, where);
      const id = shape.string(secret.RuleID, `${where}.RuleID`);
      findings.push({
        tool: "Trivy",
        report,
        id,
        aliases: [],
        severity: severity(shape, secret.Severity, `${where}.Severity`),
        title: oneLine(shape.optionalString(secret.Title, `${where}.Title`) ?? id),
        ...lines(file, shape.optionalLine(secret.StartLine, `${where}.StartLine`), shape.optionalLine(secret.EndLine, `${where}.EndLine`)),
      });
    });
  });
  return { report, format: "trivy", tool: "Trivy", findings, suppressed: 0 };
}

function lines(file: string | undefined, start: number | undefined, end: number | undefined): Pick<SecurityFinding, "file" | "line" | "endLine"> {
  if (!file) return {};
  return { file, ...(start ? { line: start } : {}), ...(start && end && end >= start ? { endLine: end } : {}) };
}
