import { glob } from "node:fs/promises";
import { UserError } from "../core/errors.ts";
import type { SecurityPolicy } from "../policy/types.ts";
import { parseReport } from "./detect.ts";
import { evaluateSecurity, type SecurityEvaluation, type SecuritySettings } from "./evaluate.ts";
import { readReportJson } from "./read.ts";
import { SEVERITIES, type ParsedReport, type Severity } from "./types.ts";

export interface SecurityGateInput {
  /** Report files or glob patterns; when empty, the policy's `reports`. */
  reports: string[];
  cwd: string;
  policy: SecurityPolicy;
  /** Thresholds given on the command line or as action inputs; null lifts a limit. They override the policy. */
  overrides: Partial<Record<Severity, number | null>>;
  maxReportMb?: number;
  /** Absolute repository root for absolute paths in reports (defaults to cwd). */
  sourceRoot?: string;
  now: Date;
  changedFiles?: Set<string>;
}

export interface SecurityGateOutcome extends SecurityEvaluation {
  reports: ParsedReport[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Report arguments as files: plain paths as given, patterns expanded; a pattern matching nothing is an error. */
export async function expandReports(patterns: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!GLOB_CHARS.test(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches: string[] = [];
    for await (const match of glob(pattern, { cwd })) matches.push(match.split("\\").join("/"));
    if (matches.length === 0) throw new UserError(`report pattern "${pattern}" matches no file (did the scanner run?)`);
    files.push(...matches.sort());
  }
  return [...new Set(files)];
}

export function thresholdsOf(policy: SecurityPolicy, overrides: SecurityGateInput["overrides"]): SecuritySettings["thresholds"] {
  const thresholds: SecuritySettings["thresholds"] = {};
  for (const severity of SEVERITIES) {
    const fromPolicy = policy[`max-${severity}`];
    const value = severity in overrides ? overrides[severity] : fromPolicy;
    if (value !== undefined && value !== null) thresholds[severity] = value;
  }
  return thresholds;
}

/** Reads, recognises and evaluates every report; any unreadable or unrecognised report throws UserError (fail-closed). */
export async function runSecurityGate(input: SecurityGateInput): Promise<SecurityGateOutcome> {
  const patterns = input.reports.length > 0 ? input.reports : input.policy.reports ?? [];
  if (patterns.length === 0) throw new UserError("no security report given: pass report files, or list them under gates.security.reports in the policy file");
  const files = await expandReports(patterns, input.cwd);
  const maxBytes = (input.maxReportMb ?? input.policy["max-report-mb"]) * 1024 * 1024;
  const reports: ParsedReport[] = [];
  for (const file of files) {
    const data = await readReportJson(file, { cwd: input.cwd, maxBytes });
    reports.push(parseReport(data, file, { sourceRoot: input.sourceRoot ?? input.cwd }));
  }
  const settings: SecuritySettings = { thresholds: thresholdsOf(input.policy, input.overrides), accept: input.policy.accept };
  const evaluation = evaluateSecurity(reports, settings, { now: input.now, ...(input.changedFiles ? { changedFiles: input.changedFiles } : {}) });
  return { ...evaluation, reports };
}
