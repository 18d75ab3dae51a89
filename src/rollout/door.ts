/** The rollout's front door: action `rollout`, `shipgate rollout`. */
import type { Capability, Invocation } from "../core/capability.ts";
import { configOption, maskPrometheusCredential, prometheusOptions, prometheusOverrides, repositoryOption, shaOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { duration, flag, matching, optionLabel, text, type OptionDecl } from "../core/options.ts";
import { parseRepository, runInfoFrom } from "../incident/run-info.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { rolloutJson, rolloutResult } from "./report.ts";
import type { GitHubRolloutRequest, RolloutOutcome } from "./run.ts";
import { resolveRolloutSettings } from "./settings.ts";

/** A GitHub environment name: what the deployments API accepts and a person types. */
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$/;

const options = {
  environment: {
    type: matching(ENVIRONMENT, "NAME", "an environment name (letters, digits, space, _ . -)"),
    required: true,
    description: "The deployment environment the rollout shifts traffic in (e.g. production); its deployments keep the rollout's state.",
  },
  sha: { ...shaOption, description: "Commit being rolled out (default GITHUB_SHA)." },
  ref: { type: text("REF", "a branch, tag or commit"), description: "Ref recorded on the rollout's deployment (default GITHUB_REF_NAME, else the commit)." },
  continue: {
    type: flag,
    actionDefault: "false",
    description: "Go on past a step of the rollout in progress that waits for approval (`approve: true`, or a marginal verdict with on-marginal hold): pass it from a dispatch input or a label.",
  },
  abort: { type: flag, actionDefault: "false", description: "Abort the environment's rollout in progress (whatever its commit): run the rollback command, open the incident, record why." },
  resume: {
    type: flag,
    actionDefault: "false",
    description: "Only go on with the environment's rollout in progress, whatever its commit, and never start one: for scheduled runs that resume waiting rollouts.",
  },
  "max-wait": { type: duration({ min: 1000, max: 6 * 3_600_000 }), policy: "rollout.max-wait", description: "Longest this run waits in one go; a longer bake ends the run with result `waiting` (overrides rollout.max-wait)." },
  interval: { type: duration({ min: 1000 }), policy: "rollout.interval", description: "Time between analyses during a bake and step of the judge's range queries (overrides rollout.interval)." },
  ...prometheusOptions,
  config: { ...configOption, description: "Policy file with the `rollout:` section (default .github/shipgate.yml)." },
  repo: { ...repositoryOption, description: "Repository whose deployments and issues hold the rollout (default GITHUB_REPOSITORY)." },
  token: { ...tokenOption, description: "Token with deployments write and issues write (for the incident)." },
  "time-budget": { ...timeBudgetOption, description: "Total time the run may spend on GitHub, waits and retries included (default: max-wait plus 5m); then it ends with exit 3." },
};

const label = (invocation: Invocation, key: keyof typeof options): string => optionLabel(invocation.door, key, options[key] as OptionDecl);

export const rolloutDoor: Capability<typeof options, GitHubRolloutRequest, RolloutOutcome, Policy> = {
  name: "rollout",
  options,
  action: {
    name: "rollout",
    title: "shipgate rollout",
    description:
      "Progressive delivery from a workflow, for any target: canary steps (e.g. 5 % -> 50 % -> 100 %) or a blue-green switch from the `rollout:` section of .github/shipgate.yml. Each step runs your traffic command (an argument list, never a shell), then analyses the canary for its bake time with the rollback rules, a canary-versus-baseline judge (Mann-Whitney U, explicit no-data policy) and health checks, and promotes or aborts: your rollback command, an incident issue, the reason recorded. The state lives in statuses of a GitHub deployment of the environment, so a re-run resumes, a promotion is never repeated, and two rollouts of one environment never both run. Permissions: deployments write for the rollout's deployment and its statuses; issues write for the incident when a rollout aborts; contents read for the policy file.",
    branding: { icon: "trending-up", color: "blue" },
    outputs: {
      result: "`completed`, `waiting` (a later run resumes), `held` (waits for `continue`), `aborted` (rolled back), `refused` (another rollout is in progress) or `idle` (nothing to abort).",
      step: "The step whose traffic is on (or that was aborted), 1-based; 0 before the first.",
      steps: "How many steps the rollout has.",
      deployment: "Id of the GitHub deployment that keeps the rollout's state; empty when none.",
      "incident-url": "The incident issue opened when the rollout aborted; empty otherwise.",
      reason: "One sentence: why the rollout stands where it does.",
      "resume-at": "When a waiting rollout can go on (ISO-8601); empty otherwise.",
    },
  },
  command: {
    details: [
      "Runs the steps of `rollout:` in the policy file for --environment and the commit --sha (default GITHUB_SHA).",
      "A run waits at most --max-wait; a longer bake ends it with result `waiting`, and the next run (a schedule, a",
      "dispatch) resumes from the deployment's statuses; --resume only resumes (scheduled runs), whatever the commit.",
      "--continue passes an approval gate; --abort rolls back the rollout in progress.",
      "GITHUB_TOKEN (deployments: write, issues: write) comes from the environment; GITHUB_RUN_ID names the run that",
      "drives the rollout (a re-run of the same workflow run takes over at once, another run waits for its claim to end).",
      "Exit codes: 0 completed, waiting, held or idle; 1 aborted (rolled back) or refused (another rollout of the",
      "environment is in progress, or another run drives this one); 2 bad configuration; 3 GitHub, Prometheus or a",
      "rollback command failed (run again: the rollout resumes).",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const where = scope.policySource ?? "built-in defaults (no .github/shipgate.yml)";
    const token = values.token;
    if (!token) throw new UserError(`${label(invocation, "token")} is not set: give a token with deployments: write and issues: write`);
    const environment = values.environment;
    if (!environment) throw new UserError(`${label(invocation, "environment")} is required: the environment the rollout shifts traffic in`);
    if (values.continue && values.abort) throw new UserError(`${label(invocation, "continue")} and ${label(invocation, "abort")} contradict each other: give one`);
    const settings = resolveRolloutSettings(
      scope.policy,
      where,
      {
        ...prometheusOverrides(values),
        ...(values["max-wait"] !== undefined ? { maxWaitMs: values["max-wait"] } : {}),
        ...(values.interval !== undefined ? { intervalMs: values.interval } : {}),
      },
      invocation.env,
      label(invocation, "prometheus-url"),
    );
    maskPrometheusCredential(invocation, settings.prometheus?.auth);
    const repoLabel = invocation.door === "cli" ? `${label(invocation, "repo")} (or GITHUB_REPOSITORY)` : "GITHUB_REPOSITORY";
    const repository = parseRepository(values.repo ?? invocation.env.GITHUB_REPOSITORY, repoLabel);
    const sha = values.sha ?? invocation.run.sha;
    if (!/^[0-9a-f]{40}$/i.test(sha)) throw new UserError(`${label(invocation, "sha")} (or GITHUB_SHA): expected the full 40-character commit being rolled out, got "${sha}"`);
    const runId = invocation.env.GITHUB_RUN_ID ?? "";
    const run = runInfoFrom(invocation.env, { repository: `${repository.owner}/${repository.repo}`, runId: /^\d+$/.test(runId) ? runId : "0", environment, sha }, { runId: "GITHUB_RUN_ID", runAttempt: "GITHUB_RUN_ATTEMPT", repository: repoLabel });
    return {
      settings,
      environment,
      sha: sha.toLowerCase(),
      ref: values.ref ?? (invocation.env.GITHUB_REF_NAME || sha),
      requests: { continue: values.continue ?? false, abort: values.abort ?? false, resume: values.resume ?? false },
      runner: /^\d+$/.test(runId) ? `run-${runId}` : `pid-${process.pid}`,
      runUrl: /^\d+$/.test(runId) ? run.runUrl : "",
      run,
      token,
      repository,
      actor: invocation.env.GITHUB_TRIGGERING_ACTOR || invocation.env.GITHUB_ACTOR || "",
      timeBudgetMs: values["time-budget"] ?? settings.maxWaitMs + 300_000,
      cwd: scope.root,
    };
  },
  async run(settings, invocation) {
    const { runRolloutOnGitHub } = await import("./run.ts");
    return runRolloutOnGitHub(settings, invocation);
  },
  present(outcome, settings, invocation) {
    const result = rolloutResult(outcome, settings.settings);
    return {
      results: [result],
      outputs: {
        result: outcome.result,
        step: outcome.step,
        steps: outcome.steps,
        deployment: outcome.deployment ?? "",
        "incident-url": outcome.incident?.url ?? "",
        reason: outcome.reason,
        "resume-at": outcome.resumeAt ?? "",
      },
      json: rolloutJson(outcome, result.status),
      text: gateText({ ...result, findings: [] }, { details: [...outcome.commands, ...outcome.reports.map((r) => `${r.label}: ${r.verdict}: ${r.reason}`)] }),
      ...(invocation.clockNote ? { notes: [`> ${invocation.clockNote}`] } : {}),
    };
  },
};
