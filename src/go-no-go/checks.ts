/** A check run of the commit (checks API). */
export interface CheckRunData {
  id: number;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  /** success, failure, neutral, cancelled, skipped, timed_out, action_required, stale, startup_failure; null until completed. */
  conclusion: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  url?: string;
}

/** A commit status (statuses API). */
export interface CommitStatusData {
  id: number;
  context: string;
  state: "success" | "failure" | "error" | "pending";
  createdAt: string;
  description?: string | null;
  url?: string | null;
}

export type CheckState = "passed" | "failed" | "pending" | "missing";

export interface RequiredCheckOutcome {
  name: string;
  state: CheckState;
  /** What was found, e.g. "check run: completed, failure" or "not reported". */
  detail: string;
  url?: string;
}

function time(value: string | null | undefined): number {
  const parsed = value ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

/** The latest of several runs or statuses of one name: re-runs replace earlier ones. */
function latest<T extends { id: number }>(items: T[], when: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (!best) best = item;
    else {
      const a = when(item);
      const b = when(best);
      if (a > b || (a === b && item.id > best.id)) best = item;
    }
  }
  return best;
}

const rank: Record<CheckState, number> = { passed: 0, pending: 1, missing: 2, failed: 3 };

/**
 * Every required name must have succeeded on the commit, as a check run or a commit status (if both
 * exist, both must pass). Not reported yet or still running is not success: the gate fails and says so.
 */
export function evaluateRequiredChecks(
  required: string[],
  checkRuns: CheckRunData[],
  statuses: CommitStatusData[],
  passingConclusions: string[],
): RequiredCheckOutcome[] {
  return required.map((name) => {
    const run = latest(checkRuns.filter((r) => r.name === name), (r) => time(r.startedAt ?? r.completedAt));
    const status = latest(statuses.filter((s) => s.context === name), (s) => time(s.createdAt));
    if (!run && !status) return { name, state: "missing", detail: "not reported on this commit" };
    const parts: { state: CheckState; detail: string; url?: string }[] = [];
    if (run) {
      const state: CheckState = run.status !== "completed" ? "pending" : passingConclusions.includes(run.conclusion ?? "") ? "passed" : "failed";
      parts.push({ state, detail: `check run: ${run.status === "completed" ? run.conclusion ?? "no conclusion" : run.status.replace("_", " ")}`, ...(run.url ? { url: run.url } : {}) });
    }
    if (status) {
      const state: CheckState = status.state === "success" ? "passed" : status.state === "pending" ? "pending" : "failed";
      const description = status.description ? ` (${status.description})` : "";
      parts.push({ state, detail: `status: ${status.state}${description}`, ...(status.url ? { url: status.url } : {}) });
    }
    const worst = parts.reduce((a, b) => (rank[b.state] > rank[a.state] ? b : a));
    return { name, state: worst.state, detail: parts.map((p) => p.detail).join("; "), ...(worst.url ? { url: worst.url } : {}) };
  });
}
