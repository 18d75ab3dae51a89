import { ShapeReader, type Json } from "./json-shape.ts";
import { oneLine } from "./paths.ts";
import { severityOfWord } from "./severity.ts";
import type { ParsedReport, SecurityFinding, Severity } from "./types.ts";

const NPM_SEVERITIES = "one of info, low, moderate, high, critical";

function ghsaOf(url: unknown): string | undefined {
  return typeof url === "string" ? /GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}/.exec(url)?.[0] : undefined;
}

function severity(shape: ShapeReader, value: Json, path: string): Severity {
  const mapped = severityOfWord(value);
  if (!mapped || mapped === "unknown") shape.fail(path, NPM_SEVERITIES);
  return mapped;
}

const NPM_LEVELS = ["info", "low", "moderate", "high", "critical"] as const;

/**
 * A report whose own summary (`metadata.vulnerabilities`) counts more of a severity than it lists is cut or
 * tampered with: it fails closed (exit 2) instead of passing on what is left. npm 7+ counts packages, which
 * must match exactly; npm 6 counts paths, so there only a severity counted but never listed is refused.
 */
function checkMetadata(shape: ShapeReader, metadata: Json, listed: Record<string, number>, exact: boolean): void {
  if (!shape.isObject(metadata) || !shape.isObject(metadata.vulnerabilities)) return;
  const counted = metadata.vulnerabilities;
  for (const level of NPM_LEVELS) {
    const count = counted[level];
    if (typeof count !== "number") continue;
    const have = listed[level] ?? 0;
    if (exact ? count !== have : count > 0 && have === 0) {
      shape.fail(`metadata.vulnerabilities.${level}`, `${have}, the ${level} ${exact ? "packages" : "advisories"} the report lists; it counts ${count}, so it contradicts itself (cut short or edited?)`);
    }
  }
}

/**
 * npm 7+ (`auditReportVersion: 2`): one entry per vulnerable package; its `via` holds advisory objects
 * (the package's own vulnerabilities) and names of vulnerable dependencies (counted at those packages).
 * A finding is an advisory affecting a package, so a vulnerability is counted once, not once per dependent.
 */
export function parseNpmAuditV2(data: Record<string, Json>, report: string): ParsedReport {
  const shape: ShapeReader = new ShapeReader(report);
  const vulnerabilities = shape.object(data.vulnerabilities, "vulnerabilities");
  const findings: SecurityFinding[] = [];
  const seen = new Set<string>();
  const listed: Record<string, number> = {};
  for (const [name, raw] of Object.entries(vulnerabilities)) {
    const at = `vulnerabilities[${JSON.stringify(name)}]`;
    const entry = shape.object(raw, at);
    const packageSeverity = severity(shape, entry.severity, `${at}.severity`);
    listed[String(entry.severity)] = (listed[String(entry.severity)] ?? 0) + 1;
    const vias = shape.array(entry.via, `${at}.via`);
    // npm always says why a package is vulnerable; an empty via would let a vulnerable package pass unseen.
    if (vias.length === 0) shape.fail(`${at}.via`, `at least one advisory or vulnerable dependency (${name} is listed as ${String(entry.severity)} without one)`);
    vias.forEach((via, index) => {
      if (typeof via === "string") {
        // The dependency named here carries the advisory; a name missing from the report means it is incomplete.
        if (!Object.hasOwn(vulnerabilities, via)) shape.fail(`${at}.via[${index}]`, `a package listed under vulnerabilities ("${via}" is not)`);
        return;
      }
      const advisory = shape.object(via, `${at}.via[${index}]`);
      const source = advisory.source ?? advisory.id;
      const ghsa = ghsaOf(advisory.url);
      const id = ghsa ?? (source !== undefined ? String(source) : shape.fail(`${at}.via[${index}]`, "an advisory with a url or source"));
      const packageName = typeof advisory.name === "string" ? advisory.name : name;
      const key = `${id}\u0000${packageName}`;
      if (seen.has(key)) return;
      seen.add(key);
      const advisorySeverity = advisory.severity === undefined ? packageSeverity : severity(shape, advisory.severity, `${at}.via[${index}].severity`);
      const range = typeof advisory.range === "string" ? advisory.range : typeof entry.range === "string" ? entry.range : undefined;
      const fixedIn = fixOf(entry.fixAvailable, packageName);
      findings.push({
        tool: "npm audit",
        report,
        id,
        aliases: source !== undefined && String(source) !== id ? [String(source)] : [],
        severity: advisorySeverity,
        title: oneLine(typeof advisory.title === "string" ? advisory.title : id),
        package: packageName,
        ...(range ? { version: range } : {}),
        ...(fixedIn ? { fixedIn } : {}),
        ...(typeof advisory.url === "string" ? { url: advisory.url } : {}),
      });
    });
  }
  checkMetadata(shape, data.metadata, listed, true);
  return { report, format: "npm-audit-v2", tool: "npm audit", findings, suppressed: 0 };
}

/** npm 7+'s `fixAvailable`: the package (and version) `npm audit fix` would install, or that a fix exists at all. */
function fixOf(fix: Json | undefined, packageName: string): string | undefined {
  if (fix === true) return "npm audit fix";
  if (fix === null || typeof fix !== "object" || Array.isArray(fix)) return undefined;
  const offer = fix as Record<string, Json>;
  if (typeof offer.version !== "string") return undefined;
  const major = offer.isSemVerMajor === true ? " (semver major)" : "";
  return `${typeof offer.name === "string" && offer.name !== packageName ? `${offer.name}@` : ""}${offer.version}${major}`;
}

/** npm 6 (`advisories` keyed by advisory id, each with the installed versions in `findings`). */
export function parseNpmAuditV1(data: Record<string, Json>, report: string): ParsedReport {
  const shape: ShapeReader = new ShapeReader(report);
  shape.object(data.metadata, "metadata");
  const advisories = shape.object(data.advisories, "advisories");
  const findings: SecurityFinding[] = [];
  for (const [key, raw] of Object.entries(advisories)) {
    const at = `advisories[${JSON.stringify(key)}]`;
    const advisory = shape.object(raw, at);
    const numericId = advisory.id !== undefined ? String(advisory.id) : key;
    const ghsa = typeof advisory.github_advisory_id === "string" ? advisory.github_advisory_id : ghsaOf(advisory.url);
    const cves = shape.optionalArray(advisory.cves, `${at}.cves`).filter((c): c is string => typeof c === "string");
    const versions = shape
      .optionalArray(advisory.findings, `${at}.findings`)
      .map((f) => (shape.isObject(f) && typeof f.version === "string" ? f.version : undefined))
      .filter((v): v is string => v !== undefined);
    findings.push({
      tool: "npm audit",
      report,
      id: ghsa ?? numericId,
      aliases: [...(ghsa ? [numericId] : []), ...cves],
      severity: severity(shape, advisory.severity, `${at}.severity`),
      title: oneLine(typeof advisory.title === "string" ? advisory.title : numericId),
      package: shape.string(advisory.module_name, `${at}.module_name`),
      ...(versions.length > 0 ? { version: [...new Set(versions)].join(", ") } : {}),
      ...(typeof advisory.patched_versions === "string" && advisory.patched_versions !== "<0.0.0" ? { fixedIn: advisory.patched_versions } : {}),
      ...(typeof advisory.url === "string" ? { url: advisory.url } : {}),
    });
  }
  const listed: Record<string, number> = {};
  for (const raw of Object.values(advisories)) if (shape.isObject(raw)) listed[String(raw.severity)] = (listed[String(raw.severity)] ?? 0) + 1;
  checkMetadata(shape, data.metadata, listed, false);
  return { report, format: "npm-audit-v1", tool: "npm audit", findings, suppressed: 0 };
}
