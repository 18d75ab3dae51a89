/**
 * A failure at EACH write of a runbook occurrence's life (opened, automated item ticked, a person's ticks,
 * escalated, closed), then a re-run of the step that failed: no second issue or comment, and the same end state as
 * a run without faults. Two kinds of failure per write: refused (an injected 500), and done but answered with a 502.
 */
import { describe, expect, it } from "vitest";
import type { Invocation } from "../../src/core/capability.ts";
import { readRunContext } from "../../src/core/run-context.ts";
import { githubRunbookTracker } from "../../src/github/runbooks.ts";
import { validatePolicy } from "../../src/policy/validate.ts";
import { parseChecklist } from "../../src/runbooks/checklist.ts";
import { checkRunner } from "../../src/runbooks/checks.ts";
import { runRunbooks, type RunbookContext } from "../../src/runbooks/run.ts";
import { resolveRunbookSettings } from "../../src/runbooks/settings.ts";
import { apiFor, clientFor } from "../simulator/helpers.ts";
import { startSimulator, type Simulator } from "../simulator/index.ts";
import { tempDir } from "../support/temp.ts";
import { baseline, commentMarker, runWithAnswerLost, runWithWriteRefused, type Lifecycle, type Step } from "../support/write-faults.ts";

const OWNER = "acme";
const REPO = "app";
const root = tempDir("runbook-faults");
const policy = validatePolicy(
  {
    windows: { timezone: "Europe/Paris" },
    runbooks: {
      list: [
        {
          name: "weekly",
          title: "Weekly maintenance",
          schedule: "every Sunday 02:00",
          duration: "2h",
          owners: ["alice"],
          "on-missed": { assignees: ["bob"] },
          items: [{ text: "Integrity check" }, { text: "Slow queries" }, { text: "Disk space", command: { argv: [process.execPath, "-e", "console.log('41 % free')"], timeout: "30s" } }],
        },
      ],
    },
  },
  "test policy",
);
const settings = resolveRunbookSettings(policy.runbooks, "test policy", "Europe/Paris");

function invocation(now: Date): Invocation {
  return { door: "cli", cwd: root, env: {}, run: readRunContext({}), now, clock: () => now, sleep: async () => {}, log: () => {}, warn: () => {} };
}

function context(sim: Simulator, token: string, now: string, retries: number): RunbookContext {
  const at = new Date(now);
  return {
    tracker: githubRunbookTracker(clientFor(sim, { token, retries }), { owner: OWNER, repo: REPO }),
    checks: checkRunner({ root, policy, policySource: null }, {}, invocation(at)),
    generator: null,
    settings,
    now: at,
    runUrl: "https://github.com/acme/app/actions/runs/7",
  };
}

async function personTicks(sim: Simulator, retries: number, texts: string[]): Promise<void> {
  const octokit = apiFor(sim, { token: "alice", retries });
  const { data } = await octokit.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: 1 });
  let body = data.body ?? "";
  for (const text of texts) body = body.replace(`- [ ] ${text}`, `- [x] ${text}`);
  await octokit.rest.issues.update({ owner: OWNER, repo: REPO, issue_number: 1, body });
}

/** Sunday 6 December 2026 in Paris: opened at 02:30, overdue after 04:00, complete at 05:00. */
const steps: Step[] = [
  (sim, retries) => runRunbooks(context(sim, "shipgate", "2026-12-06T01:30:00Z", retries), "sync", null, null),
  (sim, retries) => personTicks(sim, retries, ["Integrity check"]),
  (sim, retries) => runRunbooks(context(sim, "shipgate", "2026-12-06T03:30:00Z", retries), "sync", null, null),
  (sim, retries) => personTicks(sim, retries, ["Slow queries"]),
  (sim, retries) => runRunbooks(context(sim, "shipgate", "2026-12-06T04:00:00Z", retries), "sync", null, null),
];

const lifecycle: Lifecycle = {
  steps,
  async freshSimulator() {
    const sim = await startSimulator({
      startTime: "2026-12-06T01:30:00Z",
      tokens: { shipgate: { access: "write", login: "github-actions[bot]" }, alice: { access: "write", login: "alice" } },
    });
    sim.state.addRepo(`${OWNER}/${REPO}`);
    return sim;
  },
  endState(sim) {
    const repo = sim.state.repo(OWNER, REPO)!;
    return repo.issues
      .list()
      .sort((x, y) => x.number - y.number)
      .map((issue) => ({
        number: issue.number,
        title: issue.title,
        state: issue.state,
        stateReason: issue.stateReason,
        labels: [...issue.labels].sort(),
        assignees: [...issue.assignees].sort(),
        checklist: parseChecklist(issue.body).map((item) => [item.id, item.checked, item.evidence !== null]),
        comments: repo.comments
          .list((c) => c.issueNumber === issue.number)
          .map((c) => commentMarker(c.body))
          .sort(),
      }));
  },
};

const reference = await baseline(lifecycle);

describe("runbook: a failure at each write, then a re-run", () => {
  it("the life of an occurrence writes what the test breaks, and ends closed after one escalation", () => {
    expect(reference.writes.map((w) => w.operationId)).toEqual(
      expect.arrayContaining(["issues/create", "issues/update", "issues/add-assignees", "issues/create-comment", "issues/add-labels"]),
    );
    expect(reference.state).toMatchObject([
      {
        number: 1,
        state: "closed",
        stateReason: "completed",
        labels: ["runbook", "runbook-overdue"],
        assignees: ["alice", "bob"],
        comments: ["<!-- shipgate:runbook-completed -->", "<!-- shipgate:runbook-overdue -->"],
      },
    ]);
  });

  it.each(reference.writes)("write $index ($operationId) refused: converges", async (write) => {
    const run = await runWithWriteRefused(lifecycle, write);
    // A create refused is in doubt: the run looks again and creates in the same run, no re-run needed.
    expect(run.failures).toBe(write.operationId === "issues/create" ? 0 : 1);
    expect(run.faultsApplied).toBe(1);
    expect(run.state).toEqual(reference.state);
  });

  it.each(reference.writes)("write $index ($operationId) done but its answer lost: converges", async (write) => {
    expect(await runWithAnswerLost(lifecycle, write)).toEqual(reference.state);
  });
});
