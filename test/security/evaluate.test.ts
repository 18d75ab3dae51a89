import { describe, expect, it } from "vitest";
import { evaluateSecurity, type Acceptance, type SecuritySettings } from "../../src/security/evaluate.ts";
import type { ParsedReport, SecurityFinding, Severity } from "../../src/security/types.ts";

function finding(id: string, severity: Severity, extra: Partial<SecurityFinding> = {}): SecurityFinding {
  return { tool: "T", report: "r.json", id, aliases: [], severity, title: `title of ${id}`, ...extra };
}

function report(findings: SecurityFinding[]): ParsedReport {
  return { report: "r.json", format: "trivy", tool: "T", findings, suppressed: 0 };
}

const now = new Date("2026-06-15T12:00:00Z");
const defaults: SecuritySettings = { thresholds: { critical: 0 }, accept: [] };
const accept = (a: Partial<Acceptance> & { id: string }): Acceptance => ({ reason: "mitigated by the WAF", expires: "2026-12-31", ...a });

describe("thresholds", () => {
  it.each([
    ["nothing found", [], defaults, "pass", "no findings"],
    ["a critical finding with the default threshold", [finding("C1", "critical")], defaults, "fail", "1 critical (at most 0)"],
    ["high findings are unlimited by default", [finding("H1", "high"), finding("H2", "high")], defaults, "pass", "2 findings within thresholds"],
    ["high over its threshold", [finding("H1", "high"), finding("H2", "high")], { thresholds: { critical: 0, high: 1 }, accept: [] }, "fail", "2 high (at most 1)"],
    ["high at its threshold", [finding("H1", "high")], { thresholds: { critical: 0, high: 1 }, accept: [] }, "pass", "1 finding within thresholds"],
    ["critical unlimited when lifted", [finding("C1", "critical")], { thresholds: {}, accept: [] }, "pass", "1 finding within thresholds"],
    ["several severities over", [finding("C1", "critical"), finding("M1", "medium"), finding("M2", "medium")], { thresholds: { critical: 0, medium: 1 }, accept: [] }, "fail", "1 critical (at most 0), 2 medium (at most 1)"],
    ["unknown severity with a limit", [finding("U1", "unknown")], { thresholds: { unknown: 0 }, accept: [] }, "fail", "1 unknown (at most 0)"],
  ] as const)("%s", (_name, findings, settings, status, title) => {
    const { result } = evaluateSecurity([report([...findings])], settings as SecuritySettings, { now });
    expect(result.status).toBe(status);
    expect(result.title).toBe(title);
  });

  it("marks findings of an exceeded severity as failures and others as notices, worst first", () => {
    const { result } = evaluateSecurity([report([finding("L1", "low"), finding("C1", "critical")])], defaults, { now });
    expect(result.findings.map((f) => [f.level, f.title])).toEqual([
      ["failure", "critical: C1"],
      ["notice", "low: L1"],
    ]);
    expect(result.metrics).toMatchObject({ critical: 1, high: 0, medium: 0, low: 1, unknown: 0, accepted: 0, total: 2 });
    expect(result.summary).toContain("| critical | 1 ❌ | 0 | 0 |");
    expect(result.summary).toContain("| high | 0 | 0 | unlimited |");
  });
});

describe("accepted findings", () => {
  it("an active acceptance keeps a finding out of the counts, matched by id or alias", () => {
    const findings = [finding("GHSA-xvch-5gv4-984h", "critical", { aliases: ["CVE-2021-44906"], package: "minimist" }), finding("CVE-2019-10744", "critical")];
    const settings = { thresholds: { critical: 0 }, accept: [accept({ id: "cve-2021-44906" }), accept({ id: "CVE-2019-10744", expires: "2026-06-15" })] };
    const evaluation = evaluateSecurity([report(findings)], settings, { now });
    expect(evaluation.result.status).toBe("pass");
    expect(evaluation.result.title).toBe("no findings (2 accepted)");
    expect(evaluation.accepted).toBe(2);
    expect(evaluation.findings.map((f) => f.state)).toEqual(["accepted", "accepted"]);
  });

  it("an acceptance holds through its expiry day (UTC) and fails the gate from the next day", () => {
    const findings = [finding("M1", "medium")];
    const settings = { thresholds: { critical: 0 }, accept: [accept({ id: "M1", expires: "2026-06-15" })] };
    expect(evaluateSecurity([report(findings)], settings, { now: new Date("2026-06-15T23:59:59Z") }).result.status).toBe("pass");
    const expired = evaluateSecurity([report(findings)], settings, { now: new Date("2026-06-16T00:00:00Z") }).result;
    expect(expired.status).toBe("fail");
    expect(expired.title).toBe("1 expired acceptance");
    expect(expired.findings[0]).toEqual({
      level: "failure",
      message: "the acceptance of M1 (gates.security.accept[0]) expired on 2026-06-15; its findings count again. Reason given: mitigated by the WAF",
    });
    expect(expired.metrics.medium).toBe(1);
  });

  it("an expired acceptance superseded by a current one only warns", () => {
    const settings = { thresholds: { critical: 0 }, accept: [accept({ id: "C1", expires: "2026-01-01" }), accept({ id: "C1", expires: "2027-01-01" })] };
    const { result } = evaluateSecurity([report([finding("C1", "critical")])], settings, { now });
    expect(result.status).toBe("warn");
    expect(result.findings[0]!.message).toMatch(/accept\[0\]\) expired on 2026-01-01 and no finding depends on it; remove it/);
  });

  it("an expired acceptance that matches nothing warns; an unused current one is a notice", () => {
    const settings = { thresholds: { critical: 0 }, accept: [accept({ id: "OLD", expires: "2025-01-01" }), accept({ id: "UNUSED" })] };
    const { result } = evaluateSecurity([report([])], settings, { now });
    expect(result.status).toBe("warn");
    expect(result.findings.map((f) => f.level)).toEqual(["warning", "notice"]);
  });

  it.each([
    ["package must match", accept({ id: "X", package: "lodash" }), finding("X", "critical", { package: "minimist" }), "counted"],
    ["package matches", accept({ id: "X", package: "minimist" }), finding("X", "critical", { package: "minimist" }), "accepted"],
    ["path pattern matches", accept({ id: "X", path: "test/**" }), finding("X", "critical", { file: "test/fixtures/a.js" }), "accepted"],
    ["path pattern does not match", accept({ id: "X", path: "test/**" }), finding("X", "critical", { file: "src/a.js" }), "counted"],
    ["path given but finding has no file", accept({ id: "X", path: "src/" }), finding("X", "critical"), "counted"],
    ["other id", accept({ id: "Y" }), finding("X", "critical"), "counted"],
  ])("%s", (_name, acceptance, f, state) => {
    const evaluation = evaluateSecurity([report([f])], { thresholds: {}, accept: [acceptance] }, { now });
    expect(evaluation.findings[0]!.state).toBe(state);
  });

  it.each([
    [accept({ id: "X", expires: "2026-02-30" }), "gates.security.accept[0].expires: expected a date YYYY-MM-DD, got \"2026-02-30\""],
    [accept({ id: "X", expires: "tomorrow" }), "gates.security.accept[0].expires: expected a date YYYY-MM-DD, got \"tomorrow\""],
    [accept({ id: "X", reason: " " }), "gates.security.accept[0].reason: every accepted finding needs a reason"],
    [accept({ id: "X", path: "!src" }), "gates.security.accept[0].path: negation with ! is not supported"],
  ])("refuses an invalid acceptance %#", (acceptance, message) => {
    expect(() => evaluateSecurity([report([])], { thresholds: {}, accept: [acceptance] }, { now })).toThrow(message);
  });
});

describe("annotations", () => {
  const located = [finding("C1", "critical", { file: "src/a.ts", line: 3, endLine: 5 }), finding("C2", "critical", { file: "src/b.ts", line: 9 })];

  it("carry file and line for every located finding without a changed-files filter", () => {
    const { result } = evaluateSecurity([report(located)], defaults, { now });
    expect(result.findings.map((f) => [f.file, f.line, f.endLine])).toEqual([
      ["src/a.ts", 3, 5],
      ["src/b.ts", 9, undefined],
    ]);
  });

  it("carry a location only in changed files; others name it in the message", () => {
    const { result } = evaluateSecurity([report(located)], defaults, { now, changedFiles: new Set(["src/b.ts"]) });
    expect(result.findings[0]).toMatchObject({ level: "failure", message: expect.stringContaining("(src/a.ts:3)") });
    expect(result.findings[0]!.file).toBeUndefined();
    expect(result.findings[1]).toMatchObject({ file: "src/b.ts", line: 9 });
  });

  it("lists at most listLimit findings but counts all of them", () => {
    const many = Array.from({ length: 30 }, (_, i) => finding(`L${i}`, "low"));
    const { result } = evaluateSecurity([report(many)], defaults, { now, listLimit: 10 });
    expect(result.findings.length).toBe(11);
    expect(result.findings[10]!.message).toBe("20 more findings are not listed here; see the reports");
    expect(result.metrics.low).toBe(30);
  });
});

describe("summary and annotations", () => {
  it("lists every finding as a table row: linked advisory, package and fixed version, location", () => {
    const findings = [
      finding("GHSA-xvch-5gv4-984h", "critical", { aliases: ["CVE-2021-44906"], package: "minimist", version: "1.2.5", fixedIn: "1.2.6", title: "Prototype pollution in __proto__", file: "package-lock.json" }),
      finding("PYSEC-2021-19", "high", { package: "urllib3", version: "1.26.4" }),
    ];
    const { result } = evaluateSecurity([report(findings)], defaults, { now });
    const rows = result.summary.split("\n").filter((line) => line.startsWith("| 🟥") || line.startsWith("| 🟧"));
    expect(rows).toEqual([
      "| 🟥 critical | [`GHSA-xvch-5gv4-984h`](https://github.com/advisories/GHSA-xvch-5gv4-984h) ([`CVE-2021-44906`](https://nvd.nist.gov/vuln/detail/CVE-2021-44906))<br>Prototype pollution in \\_\\_proto\\_\\_ | `minimist@1.2.5` → `1.2.6` | `package-lock.json`<br>T in `r.json` | ❌ over the limit |",
      "| 🟧 high | [`PYSEC-2021-19`](https://osv.dev/vulnerability/PYSEC-2021-19)<br>title of PYSEC-2021-19 | `urllib3@1.26.4` (no fix known) | T in `r.json` | within the limit |",
    ]);
    expect(result.findingsShown).toBe(true);
  });

  it("annotates a finding without a line on the first line of its manifest, else of its report", () => {
    const findings = [finding("C1", "critical", { file: "package-lock.json" }), finding("C2", "critical"), finding("C3", "critical", { report: "/tmp/outside.json" })];
    const { result } = evaluateSecurity([report(findings)], defaults, { now });
    expect(result.findings.map((f) => [f.file, f.line])).toEqual([
      ["package-lock.json", 1],
      ["r.json", 1],
      [undefined, undefined],
    ]);
  });
});
