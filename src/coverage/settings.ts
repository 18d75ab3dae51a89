import type { CoveragePolicy } from "../policy/types.ts";
import type { CoverageFormat } from "./model.ts";
import type { CoverageThresholds } from "./evaluate.ts";

/** Everything the coverage gate needs, validated: the policy file merged with CLI options or action inputs. */
export interface CoverageSettings {
  /** Report files or glob patterns, relative to reportsBase. */
  reports: string[];
  /** Where the report paths resolve: the door's base directory when given there, else the root (the policy file's). */
  reportsBase: string;
  format: "auto" | CoverageFormat;
  thresholds: CoverageThresholds;
  baseline?: string;
  worstFiles: number;
  /** The repository root: report paths and source paths are made relative to it. */
  root: string;
}

/** Overrides given on the command line or as action inputs; undefined means "not given". */
export interface CoverageOverrides extends CoverageThresholds {
  /** Report paths as typed at a door, and the directory they resolve against. */
  reports?: { paths: string[]; base: string };
  format?: "auto" | CoverageFormat;
  baseline?: string;
  worstFiles?: number;
}

function pick<T>(override: T | undefined, fromPolicy: T | undefined): T | undefined {
  return override !== undefined ? override : fromPolicy;
}

/** Inputs override the file; the file overrides the schema's defaults (already applied by the loader). */
export function coverageSettings(policy: CoveragePolicy, overrides: CoverageOverrides, root: string): CoverageSettings {
  const thresholds: CoverageThresholds = {};
  const entries: [keyof CoverageThresholds, number | undefined][] = [
    ["lines", pick(overrides.lines, policy.lines)],
    ["branches", pick(overrides.branches, policy.branches)],
    ["functions", pick(overrides.functions, policy.functions)],
    ["perFile", pick(overrides.perFile, policy["per-file"])],
    ["patch", pick(overrides.patch, policy.patch)],
    ["maxDrop", pick(overrides.maxDrop, policy["max-drop"])],
  ];
  for (const [key, value] of entries) if (value !== undefined) thresholds[key] = value;
  const baseline = pick(overrides.baseline, policy.baseline);
  return {
    reports: overrides.reports && overrides.reports.paths.length > 0 ? overrides.reports.paths : policy.reports,
    reportsBase: overrides.reports && overrides.reports.paths.length > 0 ? overrides.reports.base : root,
    format: overrides.format ?? policy.format,
    thresholds,
    ...(baseline ? { baseline } : {}),
    worstFiles: overrides.worstFiles ?? policy["worst-files"],
    root,
  };
}
