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

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** A recurring window: occurrences start on matching local dates at `start` and end at `end` (next day when end <= start). */
export interface WindowSpec {
  name: string;
  days: Weekday[];
  /** The n-th matching weekday of the month (1..5), or from the end (-1 the last ... -5). */
  weeks?: number[];
  /** Local wall time "HH:MM". */
  start: string;
  end: string;
  /** IANA zone of this window; the section's `timezone` otherwise. */
  timezone?: string;
}

export interface FreezeSpec {
  name: string;
  /** Local date-time "YYYY-MM-DDTHH:MM" (or a date, or an instant with an offset). */
  from: string;
  to: string;
  timezone?: string;
}

export interface WindowsPolicy {
  timezone: string;
  deploy: WindowSpec[];
  maintenance: WindowSpec[];
  freezes: FreezeSpec[];
  /** Longest wait for the next opening, e.g. "2h" or "90m"; "0" fails at once. */
  wait: string;
  override: {
    enabled: boolean;
    label: string;
    comment: boolean;
    "disabled-environments": string[];
  };
}

export interface Policy {
  gates: {
    coverage: CoveragePolicy;
  };
  windows: WindowsPolicy;
}

export interface LoadedPolicy {
  policy: Policy;
  /** The file it came from, or null when no file exists and only defaults apply. */
  source: string | null;
}
