import type { ActionTaken, Severity } from "./model.ts";

export interface IssueRef {
  number: number;
  url: string;
}

/** What one `incident open` or `incident resolve` did. */
export interface IncidentOutcome {
  action: ActionTaken;
  key: string;
  issue: IssueRef | null;
  severity: Severity | null;
  /** The follow-up issue of a closed P1/P2 incident. */
  followUp: IssueRef | null;
  /** One sentence for people: what happened and why. */
  message: string;
  warnings: string[];
}

/** Lets tests make two runs interleave at the riskiest point, between looking and creating. */
export interface ProtocolHooks {
  beforeCreate?: () => Promise<void>;
}

/** Attempts at find-then-create when a create fails in a way that may be worth repeating. */
export const MAX_CREATE_ATTEMPTS = 3;
