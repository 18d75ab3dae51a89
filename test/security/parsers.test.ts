import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/security/detect.ts";
import { parseReportBytes } from "../../src/security/read.ts";
import { SEVERITIES, type ParsedReport, type Severity } from "../../src/security/types.ts";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/security");
const sourceRoot = "/home/runner/work/app/app";

async function parseFixture(name: string): Promise<ParsedReport> {
  const bytes = await readFile(path.join(fixtures, name));
  return parseReport(parseReportBytes(bytes, name), name, { sourceRoot });
}

function countsOf(report: ParsedReport): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of report.findings) counts[finding.severity]++;
  return counts;
}

const zero = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };

describe("scanner reports: format detection and counts per severity", () => {
  it.each([
    ["npm-audit-v2-minimist-lodash.json", "npm-audit-v2", { ...zero, critical: 2, high: 3, medium: 4 }],
    ["npm-audit-v1-minimist-lodash.json", "npm-audit-v1", { ...zero, critical: 2, high: 3, medium: 4 }],
    ["npm-audit-v2-transitive.json", "npm-audit-v2", { ...zero, critical: 1, medium: 1 }],
    ["npm-audit-v2-clean.json", "npm-audit-v2", zero],
    ["codeql.sarif", "sarif", { ...zero, critical: 2, high: 1, medium: 1, low: 1 }],
    ["semgrep.sarif", "sarif", { ...zero, high: 2, medium: 2, low: 1 }],
    ["trivy-fs.json", "trivy", { critical: 3, high: 2, medium: 1, low: 2, unknown: 1 }],
    ["trivy-image-clean.json", "trivy", zero],
    ["trivy-legacy-array.json", "trivy", { ...zero, critical: 1 }],
    ["osv-scanner.json", "osv-scanner", { ...zero, critical: 2, high: 1, medium: 2, unknown: 1 }],
    ["osv-scanner-clean.json", "osv-scanner", zero],
  ] as const)("%s is %s with the expected counts", async (name, format, counts) => {
    const report = await parseFixture(name);
    expect(report.format).toBe(format);
    expect(countsOf(report)).toEqual(counts);
  });
});

describe("SARIF", () => {
  it("takes security-severity from the result, else from its rule (driver or extension), else the level", async () => {
    const report = await parseFixture("codeql.sarif");
    const byFile = Object.fromEntries(report.findings.map((f) => [`${f.file}:${f.line}`, f]));
    expect(byFile["src/db.js:42"]).toMatchObject({ id: "js/sql-injection", severity: "high", tool: "CodeQL" });
    expect(byFile["config/secrets.js:3"]).toMatchObject({ id: "js/hardcoded-credentials", severity: "critical", endLine: 4 });
    expect(byFile["src/view.js:7"]).toMatchObject({ id: "js/xss", severity: "medium" });
    expect(byFile["lib/legacy.js:12"]).toMatchObject({ id: "js/xss", severity: "critical" });
    expect(byFile["src/util.js:5"]).toMatchObject({ id: "js/unused-local-variable", severity: "low" });
    expect(report.suppressed).toBe(1);
  });

  it("maps levels without a score (error high, warning medium, note low) and drops non-repository locations", async () => {
    const report = await parseFixture("semgrep.sarif");
    const rows = report.findings.map((f) => [f.id, f.severity, f.file ?? null]);
    expect(rows).toEqual([
      ["python.flask.security.injection.os-system-injection", "high", "app/routes.py"],
      ["python.lang.security.audit.eval-detected", "medium", "app/util.py"],
      ["python.lang.security.audit.eval-detected", "high", "app/api.py"],
      ["generic.secrets.gitleaks.generic-api-key", "low", "app/settings copy.py"],
      ["custom.rule-without-metadata", "medium", null],
    ]);
  });

  const run = (results: unknown[], rules: unknown[] = []) => ({ version: "2.1.0", runs: [{ tool: { driver: { name: "T", rules } }, results }] });
  it.each([
    ["score 9.0 is critical", [{ ruleId: "r", properties: { "security-severity": "9.0" } }], "critical"],
    ["score 8.9 is high", [{ ruleId: "r", properties: { "security-severity": "8.9" } }], "high"],
    ["score 7.0 is high", [{ ruleId: "r", properties: { "security-severity": 7 } }], "high"],
    ["score 4.0 is medium", [{ ruleId: "r", properties: { "security-severity": "4.0" } }], "medium"],
    ["score 3.9 is low", [{ ruleId: "r", properties: { "security-severity": "3.9" } }], "low"],
    ["score 0.1 is low", [{ ruleId: "r", properties: { "security-severity": "0.1" } }], "low"],
    ["score 0 falls back to the level", [{ ruleId: "r", level: "error", properties: { "security-severity": "0" } }], "high"],
    ["a non-numeric score falls back to the level", [{ ruleId: "r", level: "note", properties: { "security-severity": "high" } }], "low"],
    ["no level defaults to warning", [{ ruleId: "r" }], "medium"],
  ])("%s", (_name, results, severity) => {
    const report = parseReport(run(results), "x.sarif");
    expect(report.findings.map((f) => f.severity)).toEqual([severity]);
  });

  it("finds a rule in the tool component a reference names", () => {
    const data = {
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "T", rules: [{ id: "r", properties: { "security-severity": "2" } }] }, extensions: [{ name: "pack", rules: [{ id: "r", properties: { "security-severity": "9.9" } }] }] }, results: [{ rule: { id: "r", toolComponent: { name: "pack" } } }] }],
    };
    expect(parseReport(data, "x.sarif").findings[0]!.severity).toBe("critical");
  });

  it.each(["constructor", "toString", "__proto__"])("refuses the level %j (no prototype lookups)", (level) => {
    expect(() => parseReport(run([{ ruleId: "r", level }]), "x.sarif")).toThrow(/level: expected one of none, note, warning, error/);
  });

  it("finds a hierarchical ruleId's parent rule", () => {
    const report = parseReport(run([{ ruleId: "CA2101/1" }], [{ id: "CA2101", properties: { "security-severity": "9.5" } }]), "x.sarif");
    expect(report.findings[0]!.severity).toBe("critical");
  });

  it("makes file: URIs under the source root repository-relative", () => {
    const data = run([{ ruleId: "r", locations: [{ physicalLocation: { artifactLocation: { uri: "file:///home/runner/work/app/app/src/a%20b.ts" }, region: { startLine: 3 } } }] }]);
    expect(parseReport(data, "x.sarif", { sourceRoot }).findings[0]).toMatchObject({ file: "src/a b.ts", line: 3 });
    const outside = run([{ ruleId: "r", locations: [{ physicalLocation: { artifactLocation: { uri: "file:///etc/passwd" } } }] }]);
    expect(parseReport(outside, "x.sarif", { sourceRoot }).findings[0]!.file).toBeUndefined();
    const escaping = run([{ ruleId: "r", locations: [{ physicalLocation: { artifactLocation: { uri: "../../etc/passwd" } } }] }]);
    expect(parseReport(escaping, "x.sarif", { sourceRoot }).findings[0]!.file).toBeUndefined();
  });

  it.each([
    ["an unsupported version", { version: "2.0.0", runs: [] }, /SARIF version "2.0.0" is not supported/],
    ["runs that are not an array", { version: "2.1.0", runs: {} }, /runs: expected an array/],
    ["a run without results (analysis did not complete)", { version: "2.1.0", runs: [{ tool: { driver: { name: "T" } } }] }, /wrote no results array/],
    ["a failed invocation", { version: "2.1.0", runs: [{ tool: { driver: { name: "T" } }, invocations: [{ executionSuccessful: false }], results: [] }] }, /did not succeed/],
    ["a run without a tool name", { version: "2.1.0", runs: [{ tool: { driver: {} }, results: [] }] }, /runs\[0\]\.tool\.driver\.name: expected a non-empty string/],
    ["an invalid level", run([{ ruleId: "r", level: "fatal" }]), /results\[0\]\.level: expected one of none, note, warning, error/],
  ])("refuses %s", (_name, data, message) => {
    expect(() => parseReport(data, "bad.sarif")).toThrow(message);
  });
});

describe("npm audit", () => {
  it("counts an advisory once per package and not again at its dependents (v2)", async () => {
    const report = await parseFixture("npm-audit-v2-transitive.json");
    expect(report.findings.map((f) => [f.id, f.package, f.severity])).toEqual([
      ["GHSA-xvch-5gv4-984h", "minimist", "critical"],
      ["GHSA-vh95-rmgr-6w4m", "minimist", "medium"],
    ]);
  });

  it("keeps the npm 6 ids and CVEs as aliases (v1)", async () => {
    const report = await parseFixture("npm-audit-v1-minimist-lodash.json");
    const critical = report.findings.find((f) => f.id === "GHSA-xvch-5gv4-984h")!;
    expect(critical).toMatchObject({ package: "minimist", version: "0.0.8", severity: "critical" });
    expect(critical.aliases).toContain("CVE-2021-44906");
  });

  it.each([
    ["npm11-audit-endpoint-405.json", /npm audit failed and wrote no report: 405 Method Not Allowed/],
    ["npm6-audit-enoaudit.json", /npm audit failed and wrote no report: ENOAUDIT/],
  ])("refuses npm's own error document %s", async (name, message) => {
    await expect(parseFixture(name)).rejects.toThrow(message);
  });

  it.each([
    ["an unknown report version", { auditReportVersion: 3, vulnerabilities: {} }, /report version 3 is not supported/],
    ["an unknown severity", { auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "severe", via: [] } } }, /vulnerabilities\["a"\]\.severity: expected one of info, low, moderate, high, critical/],
    [
      "a critical entry whose via is empty, though the metadata counts it",
      { auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "critical", via: [] } }, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1, total: 1 } } },
      /vulnerabilities\["a"\]\.via: expected at least one advisory or vulnerable dependency \(a is listed as critical without one\)/,
    ],
    [
      "metadata counting a critical package the report does not list",
      { auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1, total: 1 } } },
      /^audit\.json: metadata\.vulnerabilities\.critical: expected 0, the critical packages the report lists; it counts 1, so it contradicts itself/,
    ],
    [
      "npm 6 metadata counting a critical finding no advisory has",
      { advisories: { "1": { id: 1, module_name: "a", severity: "low" } }, metadata: { vulnerabilities: { info: 0, low: 1, moderate: 0, high: 0, critical: 2 } } },
      /metadata\.vulnerabilities\.critical: expected 0, the critical advisories the report lists; it counts 2/,
    ],
    ["via naming a package the report does not list", { auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "high", via: ["b"] } } }, /vulnerabilities\["a"\]\.via\[0\]: expected a package listed under vulnerabilities \("b" is not\)/],
    ["the severity constructor", { auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "constructor", via: [] } } }, /severity: expected one of info/],
    ["the severity __proto__", { advisories: { "1": { id: 1, module_name: "a", severity: "__proto__" } }, metadata: {} }, /severity: expected one of info/],
    ["via that is not a list", { auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "high", via: "b" } } }, /vulnerabilities\["a"\]\.via: expected an array/],
    ["a v1 advisory without a module", { advisories: { "1": { id: 1, severity: "high" } }, metadata: {} }, /advisories\["1"\]\.module_name/],
  ])("refuses %s", (_name, data, message) => {
    expect(() => parseReport(data, "audit.json")).toThrow(message);
  });
});

describe("Trivy", () => {
  it("reads vulnerabilities, failed misconfigurations and secrets with file and line", async () => {
    const report = await parseFixture("trivy-fs.json");
    const rows = report.findings.map((f) => [f.id, f.severity, f.file ?? null, f.line ?? null]);
    expect(rows).toContainEqual(["DS002", "high", "Dockerfile", 1]);
    expect(rows).toContainEqual(["aws-access-key-id", "critical", "deploy/.env", 2]);
    expect(rows).toContainEqual(["CVE-2021-44906", "critical", "package-lock.json", null]);
    expect(rows).toContainEqual(["CVE-2023-5363", "high", null, null]);
    expect(rows.map((r) => r[0])).not.toContain("DS001");
  });

  it.each([
    ["null Results without proof the scan ran", "trivy-results-without-proof.json"],
  ])("refuses %s", async (_name, file) => {
    await expect(parseFixture(file)).rejects.toThrow(/nothing shows the scan ran/);
  });

  it.each([
    ["Results missing and no ArtifactName", { SchemaVersion: 2 }, /nothing shows the scan ran/],
    ["an unknown severity", { SchemaVersion: 2, ArtifactName: ".", Results: [{ Target: "a", Vulnerabilities: [{ VulnerabilityID: "X", PkgName: "p", Severity: "SEVERE" }] }] }, /Results\[0\]\.Vulnerabilities\[0\]\.Severity: expected one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN/],
    ["a vulnerability without an id", { SchemaVersion: 2, ArtifactName: ".", Results: [{ Target: "a", Vulnerabilities: [{ PkgName: "p", Severity: "HIGH" }] }] }, /VulnerabilityID: expected a non-empty string/],
    ["Results that is not a list", { SchemaVersion: 2, ArtifactName: ".", Results: {} }, /Results: expected an array/],
  ])("refuses %s", (_name, data, message) => {
    expect(() => parseReport(data, "trivy.json")).toThrow(message);
  });
});

describe("OSV-Scanner", () => {
  it("counts a group of aliases once, rated by max_severity, database_specific or the CVSS vector", async () => {
    const report = await parseFixture("osv-scanner.json");
    const rows = report.findings.map((f) => [f.id, f.package, f.severity]);
    expect(rows).toEqual([
      ["GHSA-xvch-5gv4-984h", "minimist", "critical"],
      ["GHSA-vh95-rmgr-6w4m", "minimist", "medium"],
      ["GHSA-jf85-cpcp-j695", "lodash", "critical"],
      ["GHSA-35jh-r3h4-6jhm", "lodash", "high"],
      ["GO-2023-1988", "golang.org/x/net", "medium"],
      ["GO-2023-2041", "stdlib", "unknown"],
    ]);
    expect(report.findings[0]!.file).toBe("package-lock.json");
    expect(report.findings[4]!.aliases).toEqual(expect.arrayContaining(["GHSA-2wrh-6pvc-2jm9", "CVE-2023-3978"]));
  });

  it("rates an entry whose database severity is a prototype key by its CVSS vector instead", () => {
    const data = { results: [{ source: { path: "a" }, packages: [{ package: { name: "p" }, vulnerabilities: [{ id: "X", database_specific: { severity: "__proto__" }, severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }] }] }] };
    expect(parseReport(data, "osv.json").findings[0]!.severity).toBe("critical");
  });

  it("refuses a package without a name", () => {
    expect(() => parseReport({ results: [{ source: { path: "a" }, packages: [{ package: {}, vulnerabilities: [] }] }] }, "osv.json")).toThrow(/results\[0\]\.packages\[0\]\.package\.name/);
  });
});

describe("unrecognised documents", () => {
  it.each([
    ["an unrelated object", { name: "my-app", version: "1.0.0" }, /not a recognised scanner report \(top-level keys: name, version\)/],
    ["an empty object", {}, /top-level keys: none/],
    ["a number", 42, /the JSON document is a number/],
    ["null", null, /the JSON document is a null/],
    ["an empty array", [], /a JSON array/],
  ])("refuses %s", (_name, data, message) => {
    expect(() => parseReport(data, "x.json")).toThrow(message);
  });
});

describe("locations", () => {
  const base = (results: unknown[], baseUri: string) => ({
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "T" } }, originalUriBaseIds: { SRC: { uri: baseUri } }, results }],
  });
  const at = (uri: string, uriBaseId = "SRC") => [{ ruleId: "r", locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId }, region: { startLine: 1 } } }] }];

  it("resolves a SARIF uri through its uriBaseId when the base lies in the source root", () => {
    expect(parseReport(base(at("a.ts"), "file:///home/runner/work/app/app/src/"), "x.sarif", { sourceRoot }).findings[0]!.file).toBe("src/a.ts");
  });

  it("takes the uri as repository-relative when the base is elsewhere", () => {
    expect(parseReport(base(at("src/a.ts"), "file:///other/checkout/"), "x.sarif", { sourceRoot }).findings[0]!.file).toBe("src/a.ts");
  });

  it("gives Trivy image findings no repository file", () => {
    const image = { SchemaVersion: 2, ArtifactName: "app:1", ArtifactType: "container_image", Results: [{ Target: "app/package-lock.json", Class: "lang-pkgs", Vulnerabilities: [{ VulnerabilityID: "CVE-1", PkgName: "p", Severity: "LOW" }] }] };
    expect(parseReport(image, "trivy.json").findings[0]!.file).toBeUndefined();
    const fs = { ...image, ArtifactType: "filesystem" };
    expect(parseReport(fs, "trivy.json").findings[0]!.file).toBe("app/package-lock.json");
  });
});
