/** The umbrella's front door: the root action `shipgate` and `shipgate preflight` run every gate the policy enables. */
import type { AnyCapability, Capability } from "../core/capability.ts";
import { checkNameOption, configOption, pullRequestOption, repositoryOption, rootOption, shaOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { messageOf } from "../core/errors.ts";
import { flag } from "../core/options.ts";
import { combineStatus, type GateResult } from "../core/result.ts";
import { pullRequestOf } from "../core/run-context.ts";
import type { PolicyScope } from "../policy/scope.ts";
import type { Policy } from "../policy/types.ts";
import { commentMarkdown } from "../report/summary.ts";
import { gateText } from "../report/text.ts";
import { gateDoors } from "./gates.ts";
import { runGates, type GateError } from "./run.ts";

export const PREFLIGHT_COMMENT_MARKER = "<!-- shipgate:preflight -->";

const options = {
  config: configOption,
  // --repo names the GitHub repository here, as on every command that talks to GitHub.
  root: { ...rootOption, flag: "dir" },
  token: { ...tokenOption, description: "Token for the check run, the comment and the GitHub data the gates read; empty: the GitHub gates are skipped." },
  "time-budget": timeBudgetOption,
  "check-name": checkNameOption("shipgate / preflight"),
  comment: {
    type: flag,
    policy: "preflight.comment",
    flag: null,
    why: "the CLI posts nothing to a pull request",
    description: "Also post the results as one pull-request comment, updated in place on re-runs (never on pull requests from forks).",
  },
  "pull-request": { ...pullRequestOption, description: "Pull request the approvals gate judges (default: the event's)." },
  sha: { ...shaOption, description: "Commit go/no-go judges, and approvals when no pull request is given (default: the event's, else HEAD)." },
  repository: repositoryOption,
};

interface PreflightSettings {
  gates: AnyCapability<Policy>[];
  values: Record<string, unknown>;
  scope: PolicyScope;
  comment: boolean;
}

interface PreflightOutcome {
  results: GateResult[];
  errors: GateError[];
  notes: string[];
}

async function enabledGates(policy: Policy): Promise<AnyCapability<Policy>[]> {
  const all = await Promise.all(gateDoors.map((load) => load()));
  return all.filter((door) => door.preflight?.(policy));
}

/** A gate that could not run outranks a verdict: its configuration first, then an outage. */
function exitCodeOf(status: string, errors: readonly GateError[]): 0 | 1 | 2 | 3 {
  if (errors.some((e) => e.kind === "configuration")) return 2;
  if (errors.some((e) => e.kind === "external")) return 3;
  return status === "fail" ? 1 : 0;
}

export const preflightDoor: Capability<typeof options, PreflightSettings, PreflightOutcome, Policy> = {
  name: "preflight",
  options,
  action: {
    name: "shipgate",
    bundle: "preflight",
    title: "shipgate",
    description:
      "Runs every pre-deploy gate the policy file (.github/shipgate.yml) enables and publishes one check run and one job summary with a row per gate (and optionally one pull-request comment, updated in place). Permissions: contents: read for the checkout and CODEOWNERS; checks: write for the check run; pull-requests: write for the comment (read without it); issues: read for go/no-go; statuses: read for go/no-go; deployments: read for go/no-go.",
    checkName: "shipgate / preflight",
    branding: { icon: "shield", color: "green" },
    outputs: { status: "The combined verdict, pass, warn or fail.", passed: "true unless a gate failed.", gates: "JSON object of gate name to status." },
  },
  command: {
    details: [
      "Runs the enabled gates of the policy file concurrently, each as its own command would with no option given",
      "but the ones above: coverage and security from files in the checkout, approvals (with --pr N, or --sha SHA for",
      "the merged pull request of a deployed commit) and go/no-go (on --sha, default HEAD) from GitHub with the token",
      "in GITHUB_TOKEN. Without a token, the GitHub gates are skipped (not passed) and say which token and permission",
      "they need. Every gate is reported; the exit code is 2 when a gate's configuration is wrong, else 3 when a",
      "service failed after retries, else 1 when a gate failed.",
      "JSON: { status, gates: [{ gate, status, title, metrics }], results }.",
    ].join("\n"),
  },
  async settings(values, scope) {
    return { gates: await enabledGates(scope.policy), values, scope, comment: values.comment ?? scope.policy.preflight.comment };
  },
  async run(settings, invocation) {
    const { results, errors } = await runGates(settings.gates, settings.values, settings.scope, invocation);
    if (results.length === 0) invocation.warn("The policy file enables no gate.");
    const notes: string[] = [];
    const pr = pullRequestOf(invocation.run);
    const token = settings.values.token as string | undefined;
    if (settings.comment && pr && results.length > 0) {
      if (pr.fromFork) notes.push("No pull-request comment: this pull request comes from a fork, whose token may not write comments. The verdict stands in this summary and the check run.");
      else if (!token) notes.push("No pull-request comment: input `token` is empty.");
      else {
        const { octokitOfRun } = await import("../github/run-client.ts");
        const { upsertStickyComment } = await import("../github/sticky-comment.ts");
        const { run } = invocation;
        const octokit = octokitOfRun(token, invocation);
        try {
          const written = await upsertStickyComment(octokit, { owner: run.owner, repo: run.repo, issue: pr.number, marker: PREFLIGHT_COMMENT_MARKER },
            commentMarkdown(results, { run, sha: pr.headSha, name: "shipgate preflight" }),
          );
          invocation.log(`Pull-request comment ${written.action}: ${written.url}`);
        } catch (error) {
          const note = `No pull-request comment was written (the token needs pull-requests: write): ${messageOf(error)}`;
          invocation.warn(note);
          notes.push(note);
        }
      }
    }
    return { results, errors, notes };
  },
  present({ results, errors, notes }) {
    const status = combineStatus(results.map((r) => r.status));
    const failedToRun = results.filter((r) => errors.some((e) => e.gate === r.gate));
    return {
      results,
      outputs: { gates: JSON.stringify(Object.fromEntries(results.map((r) => [r.gate, r.status]))) },
      json: { status, gates: results.map((r) => ({ gate: r.gate, status: r.status, title: r.title, metrics: r.metrics })), results },
      text: results.length === 0 ? "The policy file enables no gate.\n" : results.map((r) => gateText(r)).join(""),
      notes,
      exitCode: exitCodeOf(status, errors),
      errors: failedToRun.map((r) => `${r.gate}: ${r.title}`),
    };
  },
};
