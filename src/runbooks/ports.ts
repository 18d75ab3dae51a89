/**
 * What the runbook use cases need from an issue tracker: the incident tracker's issues and comments (GitHub issues
 * in src/github/runbooks.ts; tests use the API simulator), plus assignees and the history of an issue's body, which
 * says who ticked each box.
 */
import type { IncidentTracker } from "../incident/ports.ts";
import type { NewChecklistItem } from "./checklist.ts";
import type { Runbook } from "./settings.ts";

export type { CreateInDoubt, IssueChange, NewIssue, TrackedComment, TrackedIssue } from "../incident/ports.ts";

/** One version of an issue's body in its edit history. */
export interface BodyEdit {
  editedAt: string;
  /** Who saved this version; null when GitHub no longer knows (a deleted account). */
  editor: { login: string; bot: boolean } | null;
  /** The body as saved; null when the revision was deleted from the history. */
  body: string | null;
}

export interface RunbookTracker extends Omit<IncidentTracker, "failedJobs"> {
  addAssignees(number: number, assignees: string[]): Promise<void>;
  /** Every saved version of the issue's body, oldest first; empty when the body was never edited. */
  bodyEdits(number: number): Promise<BodyEdit[]>;
}

/** What an automated item's check found. */
export interface CheckOutcome {
  passed: boolean;
  /** One line: the verdict, the figure. */
  evidence: string;
  /** Measured duration in ms (restore tests). */
  elapsedMs?: number;
}

/** Runs automated items: a shipgate gate through its own front door, or a command without a shell. */
export interface CheckRunner {
  gate(name: string): Promise<CheckOutcome>;
  command(argv: string[], timeoutMs: number): Promise<CheckOutcome>;
}

export const RUNBOOK_TOKEN_NEEDS = "a token with issues: write on the repository (and what the automated items' gates read)";

/** Items generated when an occurrence opens (the access review), with the previous occurrence's record. */
export interface GeneratedChecklist {
  items: NewChecklistItem[];
  preface: string;
  record: string;
}

export interface ChecklistGenerator {
  generate(runbook: Runbook, previousBody: string | null, now: Date): Promise<GeneratedChecklist>;
}
