import { ShapeReader, type Json } from "./json-shape.ts";
import { oneLine, repositoryPath } from "./paths.ts";
import { cvss3BaseScore, scoreOf, severityOfScore, severityOfWord } from "./severity.ts";
import { SEVERITIES, type ParsedReport, type SecurityFinding, type Severity } from "./types.ts";

interface OsvVulnerability {
  id: string;
  aliases: string[];
  title: string;
  severity: Severity;
  /** The first version the entry's affected ranges name as fixed. */
  fixed?: string;
}

function firstFixed(shape: ShapeReader, vuln: Record<string, Json>, at: string): string | undefined {
  for (const affected of shape.optionalArray(vuln.affected, `${at}.affected`)) {
    if (!shape.isObject(affected)) continue;
    for (const range of shape.optionalArray(affected.ranges, `${at}.affected[].ranges`)) {
      if (!shape.isObject(range)) continue;
      for (const event of shape.optionalArray(range.events, `${at}.affected[].ranges[].events`)) {
        if (shape.isObject(event) && typeof event.fixed === "string") return event.fixed;
      }
    }
  }
  return undefined;
}

function worst(severities: Severity[]): Severity {
  // "unknown" ranks below the known severities: any known one is more telling.
  const known = severities.filter((s) => s !== "unknown");
  if (known.length === 0) return "unknown";
  return known.reduce((a, b) => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b));
}

/** An OSV entry's severity: database_specific.severity (GitHub's rating), else its highest CVSS v3 base score. */
function readVulnerability(shape: ShapeReader, raw: Json, at: string): OsvVulnerability {
  const vuln = shape.object(raw, at);
  const id = shape.string(vuln.id, `${at}.id`);
  const specific = shape.isObject(vuln.database_specific) ? vuln.database_specific : {};
  let severity = severityOfWord(specific.severity);
  if (!severity || severity === "unknown") {
    const scores = shape
      .optionalArray(vuln.severity, `${at}.severity`)
      .map((entry) => (shape.isObject(entry) && typeof entry.score === "string" ? cvss3BaseScore(entry.score) ?? scoreOf(entry.score) : undefined))
      .filter((score): score is number => score !== undefined);
    severity = scores.length > 0 ? severityOfScore(Math.max(...scores)) ?? "unknown" : "unknown";
  }
  const title = typeof vuln.summary === "string" && vuln.summary ? vuln.summary : typeof vuln.details === "string" && vuln.details ? vuln.details : id;
  const aliases = shape.optionalArray(vuln.aliases, `${at}.aliases`).filter((a): a is string => typeof a === "string");
  const fixed = firstFixed(shape, vuln, at);
  return { id, aliases, title: oneLine(title), severity, ...(fixed ? { fixed } : {}) };
}

/**
 * OSV-Scanner `--format json`: results[] (one per lockfile or SBOM) with packages[]. A finding is a
 * group of aliases (the same vulnerability under GHSA, CVE, … ids), rated by the group's max_severity
 * (a CVSS score) when given, else by its entries; entries outside every group are findings of their own.
 */
export function parseOsvScanner(data: Record<string, Json>, report: string, options: { sourceRoot?: string } = {}): ParsedReport {
  const shape: ShapeReader = new ShapeReader(report);
  const findings: SecurityFinding[] = [];
  shape.array(data.results, "results").forEach((rawResult, resultIndex) => {
    const at = `results[${resultIndex}]`;
    const result = shape.object(rawResult, at);
    const source = shape.isObject(result.source) ? result.source : shape.isObject(result.packageSource) ? result.packageSource : undefined;
    const file = typeof source?.path === "string" ? repositoryPath(source.path, options.sourceRoot) : undefined;
    shape.optionalArray(result.packages, `${at}.packages`).forEach((rawPackage, packageIndex) => {
      const where = `${at}.packages[${packageIndex}]`;
      const entry = shape.object(rawPackage, where);
      const pkg = shape.object(entry.package, `${where}.package`);
      const name = shape.string(pkg.name, `${where}.package.name`);
      const version = shape.optionalString(pkg.version, `${where}.package.version`);
      const vulns = shape.optionalArray(entry.vulnerabilities, `${where}.vulnerabilities`).map((v, i) => readVulnerability(shape, v, `${where}.vulnerabilities[${i}]`));
      const grouped = new Set<string>();
      const add = (id: string, aliases: string[], severity: Severity, title: string, fixedIn: string | undefined) =>
        findings.push({ tool: "OSV-Scanner", report, id, aliases, severity, title, package: name, ...(version ? { version } : {}), ...(fixedIn ? { fixedIn } : {}), ...(file ? { file } : {}) });
      shape.optionalArray(entry.groups, `${where}.groups`).forEach((rawGroup, groupIndex) => {
        const groupAt = `${where}.groups[${groupIndex}]`;
        const group = shape.object(rawGroup, groupAt);
        const ids = shape.array(group.ids, `${groupAt}.ids`).map((id, i) => shape.string(id, `${groupAt}.ids[${i}]`));
        if (ids.length === 0) shape.fail(`${groupAt}.ids`, "at least one id");
        const members = vulns.filter((v) => ids.includes(v.id));
        members.forEach((v) => grouped.add(v.id));
        const aliases = [...new Set([...ids, ...shape.optionalArray(group.aliases, `${groupAt}.aliases`).filter((a): a is string => typeof a === "string"), ...members.flatMap((m) => m.aliases)])];
        const score = scoreOf(group.max_severity);
        const severity = (score !== undefined ? severityOfScore(score) : undefined) ?? worst(members.map((m) => m.severity));
        add(ids[0]!, aliases.filter((a) => a !== ids[0]), severity, members[0]?.title ?? ids[0]!, members.find((m) => m.fixed)?.fixed);
      });
      for (const vuln of vulns) if (!grouped.has(vuln.id)) add(vuln.id, vuln.aliases, vuln.severity, vuln.title, vuln.fixed);
    });
  });
  return { report, format: "osv-scanner", tool: "OSV-Scanner", findings, suppressed: 0 };
}
