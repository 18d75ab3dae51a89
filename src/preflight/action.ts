import path from "node:path";
import type { ActionDefinition } from "../actions/run-action.ts";
import type { ApprovalsTarget } from "../approvals/run.ts";
import { messageOf } from "../core/errors.ts";
import { pullRequestOf } from "../core/run-context.ts";
import type { ClientTuning } from "../github/tuning.ts";
import { loadPolicy } from "../policy/load.ts";
import type { Policy } from "../policy/types.ts";
import { summaryMarkdown } from "../report/markdown.ts";
import type { GitHubAccess } from "./gates.ts";
import { runPreflight } from "./run.ts";

interface PreflightSettings {
  policy: Policy;
  root: string;
  checkName: string;
  token: string | undefined;
  comment: boolean;
}

/** Events whose commit is being deployed: the approvals gate judges the merged pull request that brought it. */
const DEPLOY_EVENTS: ReadonlySet<string> = new Set(["push", "workflow_dispatch", "deployment"]);

export const PREFLIGHT_COMMENT_MARKER = "<!-- shipgate:preflight -->";

/** The umbrella action: every enabled gate, one check run, one summary, optionally one sticky PR comment. */
export function preflightAction(tuning: ClientTuning = {}): ActionDefinition<PreflightSettings> {
  return {
    name: "shipgate",
    async readSettings({ inputs, run }) {
      const root = path.resolve(run.workspace, inputs.string("working-directory") ?? ".");
      const { policy } = await loadPolicy({ file: inputs.string("config"), cwd: root });
      return {
        policy,
        root,
        checkName: inputs.string("check-name") ?? "shipgate / preflight",
        token: inputs.string("token"),
        comment: inputs.boolean("comment") ?? policy.preflight.comment,
      };
    },
    async run(settings, context) {
      const { run } = context;
      const pr = pullRequestOf(run);
      const approvalsTarget: ApprovalsTarget | undefined = pr ? { pullRequest: pr.number } : DEPLOY_EVENTS.has(run.eventName) && run.sha ? { sha: run.sha } : undefined;
      let github: GitHubAccess | undefined;
      if (settings.token && run.owner) {
        const { createOctokit } = await import("../github/client.ts");
        github = { octokit: createOctokit({ token: settings.token, baseUrl: run.apiUrl, log: context.log, ...tuning }), owner: run.owner, repo: run.repo };
      }
      const results = await runPreflight({
        root: settings.root,
        policy: settings.policy,
        now: context.now,
        ...(pr ? { pullRequest: pr } : {}),
        ...(approvalsTarget ? { approvalsTarget } : {}),
        ...(pr?.headSha || run.sha ? { sha: pr?.headSha ?? run.sha } : {}),
        ...(github ? { github } : {}),
        githubMissing: settings.token ? "GITHUB_REPOSITORY is not set" : "input `token` is empty",
      });
      if (results.length === 0) context.warn("The policy file enables no gate.");

      const notes: string[] = [];
      if (settings.comment && pr && results.length > 0) {
        if (pr.fromFork) notes.push("No pull-request comment: this pull request comes from a fork, whose token may not write comments. The verdict stands in this summary and the check run.");
        else if (!github) notes.push("No pull-request comment: input `token` is empty.");
        else {
          const { upsertStickyComment } = await import("../github/sticky-comment.ts");
          try {
            const written = await upsertStickyComment(github.octokit, { owner: github.owner, repo: github.repo, issue: pr.number, marker: PREFLIGHT_COMMENT_MARKER }, summaryMarkdown(results));
            context.log(`Pull-request comment ${written.action}: ${written.url}`);
          } catch (error) {
            const note = `No pull-request comment was written (the token needs pull-requests: write): ${messageOf(error)}`;
            context.warn(note);
            notes.push(note);
          }
        }
      }
      const outputs = { gates: JSON.stringify(Object.fromEntries(results.map((r) => [r.gate, r.status]))) };
      return { results, outputs, checkName: settings.checkName, notes };
    },
  };
}
