/**
 * Security gate throughput: reading, recognising and evaluating large generated reports (SARIF with many
 * results, npm audit v2 with many packages, OSV-Scanner with many packages). Prints one row per report.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseReport } from "../src/security/detect.ts";
import { evaluateSecurity } from "../src/security/evaluate.ts";
import { readReportJson } from "../src/security/read.ts";

function sarif(results: number): unknown {
  const rules = Array.from({ length: 50 }, (_, i) => ({ id: `rule-${i}`, properties: { "security-severity": String((i % 10) + 0.5) } }));
  return {
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "Bench", rules } },
        results: Array.from({ length: results }, (_, i) => ({
          ruleId: `rule-${i % 50}`,
          ruleIndex: i % 50,
          message: { text: `finding ${i}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: `src/m${i % 1000}/f${i % 97}.ts` }, region: { startLine: (i % 500) + 1 } } }],
        })),
      },
    ],
  };
}

function npmAudit(packages: number): unknown {
  const severities = ["low", "moderate", "high", "critical"];
  const vulnerabilities = Object.fromEntries(
    Array.from({ length: packages }, (_, i) => [
      `pkg-${i}`,
      {
        name: `pkg-${i}`,
        severity: severities[i % 4],
        via: [{ source: 1000000 + i, name: `pkg-${i}`, title: `advisory ${i}`, url: `https://github.com/advisories/GHSA-${i}`, severity: severities[i % 4], range: "<1.0.0" }, ...(i > 0 ? [`pkg-${i - 1}`] : [])],
        effects: [],
        range: "<1.0.0",
        nodes: [`node_modules/pkg-${i}`],
        fixAvailable: true,
      },
    ]),
  );
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: {} } };
}

function osv(packages: number): unknown {
  return {
    results: [
      {
        source: { path: "package-lock.json", type: "lockfile" },
        packages: Array.from({ length: packages }, (_, i) => ({
          package: { name: `pkg-${i}`, version: "1.0.0", ecosystem: "npm" },
          vulnerabilities: [{ id: `GHSA-${i}`, aliases: [`CVE-${i}`], severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }],
          groups: [{ ids: [`GHSA-${i}`], max_severity: "" }],
        })),
      },
    ],
  };
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "shipgate-bench-security-"));
  try {
    const cases: [string, unknown][] = [
      ["SARIF, 200 000 results", sarif(200_000)],
      ["npm audit v2, 20 000 packages", npmAudit(20_000)],
      ["OSV-Scanner, 20 000 packages", osv(20_000)],
    ];
    const rows: string[][] = [];
    for (const [name, data] of cases) {
      const file = path.join(dir, "report.json");
      await writeFile(file, JSON.stringify(data));
      const size = (await stat(file)).size;
      const start = performance.now();
      const report = parseReport(await readReportJson(file, { cwd: dir, maxBytes: 512 * 1024 * 1024 }), "report.json");
      const evaluation = evaluateSecurity([report], { thresholds: { critical: 0 }, accept: [{ id: "GHSA-1", reason: "bench", expires: "2999-12-31" }] }, { now: new Date() });
      const ms = performance.now() - start;
      rows.push([name, `${(size / 1024 / 1024).toFixed(1)} MiB`, String(report.findings.length), String(evaluation.counts.critical), `${ms.toFixed(0)} ms`]);
    }
    const header = ["report", "size", "findings", "critical", "read+parse+evaluate"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(["security gate", line(header), ...rows.map(line)].join("\n"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
