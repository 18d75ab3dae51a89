import { gateText } from "../report/text.ts";
import { loadPolicy } from "../policy/load.ts";
import { coverageSettings } from "../coverage/settings.ts";
import { runCoverageGate, type ChangedLinesSource } from "../coverage/run.ts";
import { changedLinesBetween } from "../git/diff.ts";
import { formatPercent } from "../coverage/measure.ts";
import type { Measure } from "../coverage/gate.ts";
import { UserError } from "../core/errors.ts";
import type { CommandSpec } from "./command.ts";
import { choiceOption, configOption, numberOption, stringOption } from "./options.ts";

const formats = ["auto", "lcov", "cobertura", "clover", "jacoco", "istanbul", "go"] as const;
const percentOption = { min: 0, max: 100 };

function measureLine(name: string, m: Measure | null): string {
  if (!m) return `${name}: no data`;
  if (m.total === 0) return `${name}: nothing measured (0 of 0)`;
  return `${name}: ${formatPercent(m.pct)} (${m.covered}/${m.total})`;
}

export const coverageCommand: CommandSpec = {
  name: "coverage",
  summary: "Check unit-test coverage reports against thresholds",
  usage: "<file>... [options]",
  details: [
    "Formats (detected from the content): lcov, Cobertura XML, Clover XML, JaCoCo XML,",
    "istanbul json-summary and coverage-final.json, Go coverprofile. Several files are merged.",
    "Thresholds not given here come from the policy file (gates.coverage), else lines 80.",
    "",
    "Example: shipgate coverage coverage/lcov.info --min-lines 90 --min-branches 80 --json",
  ].join("\n"),
  options: {
    format: { type: "string", valueName: "FORMAT", description: `Report format: ${formats.join("|")} (default auto)` },
    "min-lines": { type: "string", valueName: "N", description: "Minimum line coverage in percent" },
    "min-branches": { type: "string", valueName: "N", description: "Minimum branch coverage in percent" },
    "min-functions": { type: "string", valueName: "N", description: "Minimum function coverage in percent" },
    "min-per-file": { type: "string", valueName: "N", description: "Minimum line coverage of every file in percent" },
    "min-patch": { type: "string", valueName: "N", description: "Minimum coverage of changed lines (with --base)" },
    base: { type: "string", valueName: "REF", description: "Measure the lines changed since REF (merge base with --head)" },
    head: { type: "string", valueName: "REF", description: "The changed revision for --base (default HEAD)" },
    baseline: { type: "string", valueName: "FILE", description: "Coverage report of the base branch, for --max-drop" },
    "max-drop": { type: "string", valueName: "N", description: "Largest allowed drop of line coverage against --baseline, in points" },
    config: configOption,
    repo: { type: "string", valueName: "DIR", description: "Repository root (default: the current directory)" },
  },
  positionals: { min: 1 },
  async run(input) {
    const root = stringOption(input, "repo") ?? input.cwd;
    const { policy } = await loadPolicy({ file: stringOption(input, "config"), cwd: root });
    const settings = coverageSettings(
      policy.gates.coverage,
      {
        reports: input.positionals,
        format: choiceOption(input, "format", formats),
        lines: numberOption(input, "min-lines", percentOption),
        branches: numberOption(input, "min-branches", percentOption),
        functions: numberOption(input, "min-functions", percentOption),
        perFile: numberOption(input, "min-per-file", percentOption),
        patch: numberOption(input, "min-patch", percentOption),
        maxDrop: numberOption(input, "max-drop", percentOption),
        baseline: stringOption(input, "baseline"),
      },
      root,
    );
    if (settings.thresholds.maxDrop !== undefined && !settings.baseline) throw new UserError("--max-drop needs --baseline FILE");
    const base = stringOption(input, "base");
    const head = stringOption(input, "head") ?? "HEAD";
    const changed: ChangedLinesSource | undefined = base ? () => changedLinesBetween(root, base, head) : undefined;
    const run = await runCoverageGate(settings, changed);
    const json = {
      status: run.result.status,
      title: run.result.title,
      format: run.format,
      reports: run.reportFiles,
      lines: run.lines,
      branches: run.branches,
      functions: run.functions,
      patch: run.patch,
      files: run.fileCount,
      thresholds: settings.thresholds,
      findings: run.result.findings,
    };
    const details = [measureLine("lines", run.lines), measureLine("branches", run.branches), measureLine("functions", run.functions)];
    if (run.patch) details.push(measureLine("changed lines", run.patch));
    details.push(`files: ${run.fileCount} (${run.format}: ${run.reportFiles.join(", ")})`);
    return { exitCode: run.result.status === "fail" ? 1 : 0, json, text: gateText(run.result, { details }) };
  },
};
