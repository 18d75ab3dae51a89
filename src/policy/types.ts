/** The policy file after validation and defaults (see ./schema.ts; the two are kept in step by a test). */
export interface CoveragePolicy {
  enabled: boolean;
  reports: string[];
  format: "auto" | "lcov" | "cobertura" | "clover" | "jacoco" | "istanbul" | "go";
  lines: number;
  branches?: number;
  functions?: number;
  "per-file"?: number;
  patch?: number;
  "max-drop"?: number;
  baseline?: string;
  "worst-files": number;
}

export interface Policy {
  gates: {
    coverage: CoveragePolicy;
  };
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from, or null when no file exists and only defaults apply. */
  source: string | null;
}
