/**
 * Every artefact reviewers see, made by the real renderers from the test fixtures: job summaries, the PR comment,
 * check-run outputs, incident issue bodies, and (test/report/job-summaries.ts) the summaries of real version,
 * changelog, release, release-branch and incident runs with the release and pull-request bodies they posted.
 * The rendering test checks their structure; `npm run screenshots` draws them as GitHub would.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { approvalsSettingsOf, evaluateApprovals } from "../../src/approvals/evaluate.ts";
import { evaluateGoNoGo, goNoGoSettingsOf } from "../../src/go-no-go/evaluate.ts";
import { certGateResult } from "../../src/certs/result.ts";
import type { CertReport } from "../../src/certs/check.ts";
import { evaluateCoverage } from "../../src/coverage/evaluate.ts";
import type { CoverageReport, FileCoverage } from "../../src/coverage/model.ts";
import { patchCoverage } from "../../src/coverage/patch.ts";
import type { GateResult } from "../../src/core/result.ts";
import type { RunContext } from "../../src/core/run-context.ts";
import { healthGateResult } from "../../src/health/result.ts";
import { followUpBody, incidentBody } from "../../src/incident/render.ts";
import { classify } from "../../src/incident/severity.ts";
import { resolveIncidentSettings } from "../../src/incident/settings.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import { parsePolicyText } from "../../src/policy/validate.ts";
import { checkRunOutput } from "../../src/report/check-run.ts";
import { commentMarkdown, summaryMarkdown } from "../../src/report/summary.ts";
import { guardResult } from "../../src/rollback-guard/report.ts";
import { parseReport } from "../../src/security/detect.ts";
import { evaluateSecurity } from "../../src/security/evaluate.ts";
import { evaluateWindowDetail } from "../../src/window/evaluate.ts";
import { windowResult } from "../../src/window/report.ts";
import { PROCEDURE_POLICY } from "../window/fixtures.ts";
import { workflowArtefacts } from "./job-summaries.ts";

export type ArtefactKind = "summary" | "comment" | "check-run" | "release" | "pull-request" | "issue";

export interface Artefact {
  name: string;
  kind: ArtefactKind;
  markdown: string;
  /** The check run's title, shown by GitHub above its summary. */
  title?: string;
  /** File names the artefact shows, which must read as written (no emphasis eaten out of them). */
  fileNames?: string[];
}

const SHA = "3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098";
const run: RunContext = {
  owner: "octo-org",
  repo: "octo-repo",
  sha: SHA,
  ref: "refs/pull/42/merge",
  eventName: "pull_request",
  event: { pull_request: { number: 42, base: { sha: "0".repeat(40), ref: "main" }, head: { sha: SHA } } },
  apiUrl: "https://api.github.com",
  serverUrl: "https://github.com",
  graphqlUrl: "https://api.github.com/graphql",
  runId: "7012345678",
  actor: "octocat",
  workspace: "/home/runner/work/octo-repo",
  workflow: "CI",
};

function file(pathName: string, hits: number[]): FileCoverage {
  const lineHits = new Map(hits.map((h, i) => [i + 1, h]));
  return { path: pathName, lines: { covered: hits.filter((h) => h > 0).length, total: hits.length }, branches: null, functions: null, lineHits, lineBranches: new Map() };
}

function coverageReport(files: FileCoverage[]): CoverageReport {
  const lines = files.reduce((sum, f) => ({ covered: sum.covered + f.lines.covered, total: sum.total + f.lines.total }), { covered: 0, total: 0 });
  return { format: "lcov", totals: { lines, branches: { covered: 41, total: 64 }, functions: { covered: 30, total: 35 } }, files, source: "coverage/lcov.info", roots: [], warnings: [] };
}

const FILE_NAMES = ["pkg/__init__.py", "pkg/_private/util_.py", "src/deploy/*glob*.ts"];

function coverageResults(): GateResult[] {
  const files = [
    file(FILE_NAMES[0]!, [1, 1, 0, 0, 0, 1, 0, 0]),
    file(FILE_NAMES[1]!, [3, 3, 3, 0, 3, 3, 3, 3, 0, 3]),
    file(FILE_NAMES[2]!, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]),
    file("src/api/server.ts", Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? 0 : 2))),
  ];
  const report = coverageReport(files);
  const changed = new Map([
    [FILE_NAMES[0]!, [3, 4, 5, 6, 7, 8]],
    [FILE_NAMES[1]!, [4, 5, 9]],
    ["src/api/server.ts", [10, 11, 12]],
    ["docs/deploy.md", [1, 2]],
    ["README.md", [5]],
  ]);
  const baseline = new Map([[FILE_NAMES[0]!, { covered: 6, total: 8 }], [FILE_NAMES[1]!, { covered: 9, total: 10 }], ["src/api/server.ts", { covered: 50, total: 60 }]]);
  const failing = evaluateCoverage({
    report,
    reportFiles: ["coverage/lcov.info"],
    thresholds: { lines: 80, patch: 80, branches: 60 },
    patch: patchCoverage(report, changed),
    baseline: { covered: 85, total: 90 },
    baselineFiles: baseline,
    links: { blob: `https://github.com/octo-org/octo-repo/blob/${SHA}/`, baseName: "main" },
    worstFiles: 5,
  }).result;
  return [failing];
}

function securityResult(): GateResult {
  const dir = path.resolve(import.meta.dirname, "../fixtures/security");
  const reports = ["npm-audit-v2-minimist-lodash.json", "trivy-fs.json", "codeql.sarif", "osv-scanner.json"].map((name) =>
    parseReport(JSON.parse(readFileSync(path.join(dir, name), "utf8")), `reports/${name}`, { sourceRoot: "/home/runner/work/octo-repo" }),
  );
  return evaluateSecurity(reports, { thresholds: { critical: 0, high: 5 }, accept: [] }, { now: new Date("2026-12-02T10:00:00Z") }).result;
}

async function windowResults(): Promise<GateResult[]> {
  const windows = (await parsePolicyText(PROCEDURE_POLICY, "shipgate.yml")).windows;
  const at = (iso: string) => {
    const evaluation = evaluateWindowDetail(windows, { now: new Date(iso), kind: "deploy" });
    const settings = { windows, kind: "deploy" as const, at: new Date(iso), waitMs: 0, environment: "production", override: undefined, comment: undefined };
    return windowResult({ evaluation, waitedMs: 0, decision: undefined, notes: [] }, settings, "input `override-reason`");
  };
  return [at("2026-12-22T10:30:00+01:00"), at("2026-11-25T10:15:00+01:00")];
}

function cert(target: string, daysLeft: number, status: CertReport["status"], error: string | null): CertReport {
  const notAfter = new Date(Date.parse("2026-12-02T00:00:00Z") + daysLeft * 86_400_000).toISOString();
  return {
    target, host: target.split(":")[0]!, port: 443, file: null, index: null, line: null, ok: status !== "fail", status, daysLeft, notBefore: "2026-01-01T00:00:00Z", notAfter,
    earliestExpiry: notAfter, earliestExpiryDaysLeft: daysLeft, earliestExpirySubject: `CN=${target}`, subject: `CN=${target}`, issuer: "CN=R11,O=Let's Encrypt", sans: [target],
    serialNumber: "04a1", fingerprint256: null, chain: [], trusted: true, superseded: false, supersededBy: null, error, problems: [], attempts: 1,
  } as CertReport;
}

function certsResult(): GateResult {
  return certGateResult([cert("api.example.com:443", 12, "fail", "expires in 12 days, minimum 30"), cert("www.example.com:443", 74, "pass", null), cert("status.example.com:443", 40, "warn", "expires within 45 days")], { minDays: 30, warnDays: 45 } as never);
}

function healthResult(): GateResult {
  return healthGateResult(
    [
      { name: "api", url: "https://api.example.com/healthz", ok: true, status: 200, latencyMs: 84, attempts: 1, failures: [], version: "1.4.0", redirects: [] },
      { name: "web", url: "https://www.example.com/", ok: true, status: 200, latencyMs: 132, attempts: 1, failures: [], version: "1.4.0", redirects: [] },
    ],
    { expectedVersion: "1.4.0" } as never,
  );
}

function rollbackResult(): GateResult {
  const start = Date.parse("2026-12-02T09:00:00Z");
  const values = [0.002, 0.003, 0.004, 0.021, 0.034, 0.041, 0.045, 0.043, 0.044, 0.046];
  const measurements = values.map((value, i) => ({
    at: new Date(start + (i + 1) * 60_000).toISOString(),
    rule: "error-ratio",
    series: '{job="api"}',
    value,
    threshold: 0.01,
    baseline: null,
    samples: 5,
    points: 5,
    outcome: value > 0.01 ? ("breach" as const) : ("ok" as const),
    reason: value > 0.01 ? "above 0.01" : "within 0.01",
  }));
  return guardResult(
    { rollback: true, verdict: "rollback", firedRule: "error-ratio", firedAt: "2026-12-02T09:09:00.000Z", reason: "error-ratio: all 6 samples are above 0.01 for 5m", ticks: [], measurements: measurements as never, warnings: [] },
    { start: new Date(start), observationSeconds: 600, intervalSeconds: 60, once: false },
    "https://prometheus.example.com/",
  );
}

function approvalsResult(): GateResult {
  const review = (id: number, author: string, state: "APPROVED" | "CHANGES_REQUESTED") => ({ id, author, state, commitId: SHA, submittedAt: "2026-12-02T09:00:00Z" });
  return evaluateApprovals(
    {
      pullRequest: { author: "contributor", headSha: SHA },
      reviews: [review(1, "alice", "APPROVED"), review(2, "bob", "CHANGES_REQUESTED")],
      changedFiles: ["src/api/server.ts", FILE_NAMES[0]!],
      codeowners: null,
      teams: {},
      permissions: { alice: "write", bob: "write" },
    },
    approvalsSettingsOf(defaultPolicy().gates.approvals),
  );
}

function goNoGoResult(): GateResult {
  return evaluateGoNoGo(
    {
      sha: SHA,
      issues: [
        { number: 501, title: "Checkout fails for __proto__ carts", labels: ["P2", "bug"], state: "open" },
        { number: 502, title: "Slow search", labels: ["P2"], state: "open" },
      ],
      checkRuns: [{ id: 1, name: "test", status: "completed", conclusion: "success" }],
      statuses: [],
      deployments: [],
    },
    goNoGoSettingsOf(defaultPolicy().gates["go-no-go"]),
  );
}

function incidentArtefacts(): Artefact[] {
  const settings = resolveIncidentSettings({ ...defaultPolicy().incidents, "on-call": ["alice"] }, "shipgate.yml", "Europe/Paris");
  const info = {
    repository: "octo-org/octo-repo", workflow: "Deploy", environment: "production", branch: "main", event: "push", runId: "7012345678", runAttempt: 1,
    runUrl: "https://github.com/octo-org/octo-repo/actions/runs/7012345678", sha: SHA, actor: "octocat", commitMessage: "fix(api): retry the __init__ hook (#42)",
  };
  const classification = classify(settings, info);
  const meta = { key: "deploy/production", severity: "P1" as const, detectedAt: "2026-12-02T10:05:00.000Z", openedAt: "2026-12-02T10:05:00.000Z", responseDue: "2026-12-02T10:20:00.000Z", resolutionDue: "2026-12-02T14:05:00.000Z", run: info.runId };
  const jobs = [{ name: "deploy (production)", conclusion: "failure", status: "completed", url: `${info.runUrl}/job/1`, failedSteps: [{ number: 4, name: "Roll out", conclusion: "failure" }] }];
  return [
    { name: "incident-issue", kind: "issue", markdown: incidentBody(meta, info, classification, jobs, true, settings.timezone) },
    { name: "incident-follow-up", kind: "issue", markdown: followUpBody(101, "P1") },
  ];
}

/** Every artefact, named for its file in docs/images/. */
export async function gallery(): Promise<Artefact[]> {
  const [coverage] = coverageResults();
  const security = securityResult();
  const [windowClosed, windowOpen] = await windowResults();
  const gates = [coverage!, security, approvalsResult(), goNoGoResult(), certsResult(), healthResult(), windowClosed!];
  const single = (name: string, result: GateResult, fileNames?: string[]): Artefact[] => {
    const output = checkRunOutput(result.status, [result], 50, run);
    return [
      { name: `${name}-summary`, kind: "summary", markdown: summaryMarkdown([result], { run }), ...(fileNames ? { fileNames } : {}) },
      { name: `${name}-check-run`, kind: "check-run", markdown: output.summary, title: output.title, ...(fileNames ? { fileNames } : {}) },
    ];
  };
  const preflight = checkRunOutput("fail", gates, 50, run);
  return [
    ...single("coverage", coverage!, FILE_NAMES),
    ...single("security", security),
    ...single("deploy-window-closed", windowClosed!),
    ...single("deploy-window-open", windowOpen!),
    ...single("certs", certsResult()),
    ...single("approvals", approvalsResult()),
    ...single("go-no-go", goNoGoResult()),
    ...single("health", healthResult()),
    ...single("rollback-guard", rollbackResult()),
    { name: "preflight-summary", kind: "summary", markdown: summaryMarkdown(gates, { run, name: "shipgate preflight" }), fileNames: FILE_NAMES },
    { name: "preflight-comment", kind: "comment", markdown: commentMarkdown(gates, { run, name: "shipgate preflight" }), fileNames: FILE_NAMES },
    { name: "preflight-check-run", kind: "check-run", markdown: preflight.summary, title: preflight.title },
    ...(await workflowArtefacts()),
    ...incidentArtefacts(),
  ];
}
