/** The coverage gate's front door: action `coverage-gate`, `shipgate coverage`, the preflight's coverage entry. */
import type { Capability } from "../core/capability.ts";
import { checkNameOption, configOption, rootOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { choice, list, optionLabel, pathOf, percent, resolvePath, text, wholeNumber } from "../core/options.ts";
import { pullRequestOf, type RunContext } from "../core/run-context.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import type { Measure } from "./evaluate.ts";
import { formatPercent } from "./measure.ts";
import { COVERAGE_FORMATS } from "./model.ts";
import { changedLinesOfRun, runCoverageGate, type ChangedLinesRequest, type CoverageRun } from "./run.ts";
import { coverageSettings, type CoverageSettings } from "./settings.ts";
import type { CoverageLinks } from "./summary.ts";

const options = {
  files: {
    type: list("FILE", "report files or glob patterns"),
    positional: true,
    policy: "gates.coverage.reports",
    description: "Coverage report files or glob patterns (default from the policy file, else coverage/lcov.info); several are merged.",
  },
  format: { type: choice(["auto", ...COVERAGE_FORMATS] as const, "FORMAT"), policy: "gates.coverage.format", description: "Report format (default auto, detected from the content)." },
  "min-lines": { type: percent, policy: "gates.coverage.lines", description: "Minimum line coverage in percent (default from the policy file, else 80)." },
  "min-branches": { type: percent, policy: "gates.coverage.branches", description: "Minimum branch coverage in percent." },
  "min-functions": { type: percent, policy: "gates.coverage.functions", description: "Minimum function coverage in percent." },
  "min-per-file": { type: percent, policy: "gates.coverage.per-file", description: "Minimum line coverage of every single file in percent." },
  "min-patch": { type: percent, policy: "gates.coverage.patch", description: "Minimum coverage of the changed lines in percent (pull requests, or --base)." },
  "max-drop": { type: percent, policy: "gates.coverage.max-drop", description: "Largest allowed drop of line coverage against the baseline, in percentage points." },
  baseline: { type: pathOf("FILE"), policy: "gates.coverage.baseline", description: "Coverage report of the base branch, for the largest drop." },
  "worst-files": { type: wholeNumber({ min: 0, max: 100 }), policy: "gates.coverage.worst-files", description: "How many of the least covered files the summary lists (default 10)." },
  base: { type: text("REF", "a git revision"), description: "Measure the lines changed since this revision (default: the base of the event's pull request)." },
  head: { type: text("REF", "a git revision"), description: "The changed revision for the base (default: the pull request's head, else HEAD)." },
  config: configOption,
  root: rootOption,
  token: { ...tokenOption, description: "Token for the check run and, in a shallow checkout, the pull request's changed files; empty: no check run." },
  "time-budget": timeBudgetOption,
  "check-name": checkNameOption("shipgate / coverage"),
};

interface CoverageDoorSettings {
  coverage: CoverageSettings;
  changed: ChangedLinesRequest | undefined;
  links: CoverageLinks;
}

/** Links to the judged commit's lines when the run knows its repository; the base named as the pull request names it. */
function linksOf(run: RunContext, head: string | undefined): CoverageLinks {
  const pr = pullRequestOf(run);
  const sha = pr?.headSha ?? (head && /^[0-9a-f]{40}$/i.test(head) ? head : run.sha);
  const baseName = pr?.baseRef;
  return {
    ...(run.owner && sha ? { blob: `${run.serverUrl}/${run.owner}/${run.repo}/blob/${sha}/` } : {}),
    ...(baseName ? { baseName } : {}),
  };
}

function measureLine(name: string, m: Measure | null): string {
  if (!m) return `${name}: no data`;
  if (m.total === 0) return `${name}: nothing measured (0 of 0)`;
  return `${name}: ${formatPercent(m.pct)} (${m.covered}/${m.total})`;
}

const pct = (m: Measure | null | undefined): string => (m?.pct == null ? "" : String(m.pct));

export const coverageDoor: Capability<typeof options, CoverageDoorSettings, CoverageRun, Policy> = {
  name: "coverage",
  options,
  action: {
    name: "coverage-gate",
    title: "shipgate coverage gate",
    description:
      "Fails when unit-test coverage is below thresholds (lines, branches, functions, per file, changed lines). Reads lcov, Cobertura, Clover, JaCoCo, istanbul and Go reports. Permissions: contents read; checks write for the check run; pull-requests read for the changed lines of a pull request.",
    checkName: "shipgate / coverage",
    branding: { icon: "shield", color: "green" },
    outputs: {
      lines: "Line coverage in percent (empty when nothing was measured).",
      branches: "Branch coverage in percent (empty when the report has none).",
      functions: "Function coverage in percent (empty when the report has none).",
      patch: "Coverage of the changed lines in percent (pull requests only).",
      files: "Number of source files in the merged report.",
    },
  },
  command: {
    details: [
      "Formats (detected from the content): lcov, Cobertura XML, Clover XML, JaCoCo XML,",
      "istanbul json-summary and coverage-final.json, Go coverprofile. Several files are merged.",
      "Files and thresholds not given here come from the policy file (gates.coverage), else coverage/lcov.info and lines 80.",
      "",
      "Example: shipgate coverage coverage/lcov.info --min-lines 90 --min-branches 80 --json",
    ].join("\n"),
  },
  settings(values, scope, invocation) {
    const coverage = coverageSettings(
      scope.policy.gates.coverage,
      {
        ...(values.files ? { reports: { paths: values.files, base: invocation.cwd } } : {}),
        format: values.format,
        lines: values["min-lines"],
        branches: values["min-branches"],
        functions: values["min-functions"],
        perFile: values["min-per-file"],
        patch: values["min-patch"],
        maxDrop: values["max-drop"],
        baseline: values.baseline === undefined ? undefined : resolvePath(invocation.cwd, values.baseline),
        worstFiles: values["worst-files"],
      },
      scope.root,
    );
    if (coverage.thresholds.maxDrop !== undefined && !coverage.baseline) {
      throw new UserError(`${optionLabel(invocation.door, "max-drop", options["max-drop"])} needs ${optionLabel(invocation.door, "baseline", options.baseline)}`);
    }
    const pr = pullRequestOf(invocation.run);
    const base = values.base ?? pr?.baseSha;
    const changed: ChangedLinesRequest | undefined = base
      ? { root: scope.root, base, head: values.head ?? pr?.headSha ?? "HEAD", ...(pr && values.base === undefined ? { pullRequest: pr.number } : {}), token: values.token }
      : undefined;
    return { coverage, changed, links: linksOf(invocation.run, values.head) };
  },
  run(settings, invocation) {
    return runCoverageGate(settings.coverage, settings.changed ? () => changedLinesOfRun(settings.changed!, invocation) : undefined, settings.links);
  },
  present(run, settings) {
    const details = [measureLine("lines", run.lines), measureLine("branches", run.branches), measureLine("functions", run.functions)];
    if (run.patch) details.push(measureLine("changed lines", run.patch));
    if (run.base) details.push(`${measureLine("base lines", run.base)}, delta ${run.delta === null ? "n/a" : `${run.delta > 0 ? "+" : ""}${run.delta.toFixed(2)} pts`}`);
    details.push(`files: ${run.fileCount} (${run.format}: ${run.reportFiles.join(", ")})`);
    return {
      results: [run.result],
      outputs: { lines: pct(run.lines), branches: pct(run.branches), functions: pct(run.functions), patch: pct(run.patch), files: String(run.fileCount) },
      json: {
        status: run.result.status,
        title: run.result.title,
        format: run.format,
        reports: run.reportFiles,
        lines: run.lines,
        branches: run.branches,
        functions: run.functions,
        patch: run.patch,
        base: run.base,
        delta: run.delta,
        files: run.fileCount,
        thresholds: settings.coverage.thresholds,
        findings: run.result.findings,
      },
      text: gateText(run.result, { details }),
    };
  },
  preflight: (policy) => policy.gates.coverage.enabled,
};
