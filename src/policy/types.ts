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

export interface RollbackRulePolicy {
  name: string;
  query: string;
  above?: number;
  "above-baseline"?: { factor: number; offset?: string; query?: string };
  for?: string;
  step: string;
  "min-samples"?: number;
  "no-data": "fail" | "pass" | "inconclusive";
}

export interface RollbackPolicy {
  prometheus: {
    url?: string;
    "bearer-token-env"?: string;
    "username-env"?: string;
    "password-env"?: string;
    timeout: string;
    retries: number;
  };
  observation: string;
  interval: string;
  rules: RollbackRulePolicy[];
}

export interface Policy {
  gates: {
    coverage: CoveragePolicy;
  };
  rollback: RollbackPolicy;
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from, or null when no file exists and only defaults apply. */
  source: string | null;
}
