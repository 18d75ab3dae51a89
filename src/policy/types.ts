/** The policy file after validation and defaults (see ./schema.ts; the two are kept in step by a test). */
export interface CoveragePolicy {
  enabled: boolean;
  reports: string[];
  format: "auto" | "lcov" | "cobertura" | "clover" | "jacoco" | "istanbul" | "go";
  lines?: number;
  branches?: number;
  functions?: number;
  "per-file"?: number;
  patch?: number;
  "max-drop"?: number;
  baseline?: string;
  "worst-files": number;
}

export type BumpLevel = "major" | "minor" | "patch";

export interface ChangelogSectionPolicy {
  type: string;
  section: string;
  hidden?: boolean;
}

export interface PackagePolicy {
  name: string;
  path: string;
  "tag-format": "{name}@{version}" | "{name}-v{version}" | "{name}/v{version}";
}

export interface ReleasePolicy {
  "tag-prefix": string;
  "initial-version": string;
  "pre-major-breaking": "minor" | "major";
  "pre-major-features": "minor" | "patch";
  bumps: Record<string, BumpLevel | "none">;
  prerelease: { branches: string[]; identifier: string };
  packages: PackagePolicy[];
  changelog: { file: string; sections: ChangelogSectionPolicy[] };
}

export interface Policy {
  gates: {
    coverage: CoveragePolicy;
  };
  release: ReleasePolicy;
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from, or null when no file exists and only defaults apply. */
  source: string | null;
}
