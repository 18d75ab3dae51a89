/** Options that several capabilities declare: one declaration each, so that every door names and checks them alike. */
import type { Invocation } from "./capability.ts";
import { duration, matching, pathOf, text, wholeNumber, type OptionDecl } from "./options.ts";

export const configOption: OptionDecl<string> = {
  type: pathOf("FILE"),
  description: "Policy file (default .github/shipgate.yml in the repository root, when present).",
};

/** The repository root: input `working-directory`, flag `--repo DIR`. */
export const rootOption: OptionDecl<string> = {
  type: pathOf("DIR"),
  input: "working-directory",
  flag: "repo",
  description: "Repository root (default: the workspace, or the current directory on the CLI).",
};

export const tokenOption: OptionDecl<string> = {
  type: text("TOKEN", "a token"),
  flag: null,
  env: "GITHUB_TOKEN",
  why: "a token on the command line would be seen by every process of the machine: the CLI reads GITHUB_TOKEN",
  actionDefault: "${{ github.token }}",
  secret: true,
  description: "GitHub token.",
};

export function checkNameOption(name: string): OptionDecl<string> {
  return {
    type: text("NAME", "a check-run name"),
    flag: null,
    why: "the CLI writes no check run",
    actionDefault: name,
    description: "Name of the check run written on the commit.",
  };
}

export const pullRequestOption: OptionDecl<number> = {
  type: wholeNumber({ min: 1, max: 999_999_999 }, "N"),
  input: "pull-request",
  flag: "pr",
  description: "Pull request number (default: the pull request of the event).",
};

export const shaOption: OptionDecl<string> = {
  type: matching(/^[0-9a-f]{40}$/i, "SHA", "a full 40-character commit SHA"),
  description: "Commit SHA (default: the commit of the event, or HEAD on the CLI).",
};

/** owner/name: flag `--repo` on commands that talk to GitHub; actions take the run's repository. */
export const repositoryOption: OptionDecl<string> = {
  type: matching(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, "OWNER/NAME", "owner/name"),
  input: null,
  flag: "repo",
  why: "an action works on the repository of its workflow run",
  description: "Repository (default GITHUB_REPOSITORY, else the origin remote).",
};

/** A token that only writes the check run (gates that read no GitHub data): no CLI twin, no default. */
export const checkRunTokenOption: OptionDecl<string> = {
  ...tokenOption,
  env: undefined,
  why: "the token only writes the check run, which the CLI does not write",
  actionDefault: undefined,
  description: "A token with `checks: write` to write a check run; without it only the summary and annotations are written.",
};

/**
 * The total time a run may spend on GitHub: every wait for an answer, every retry and every rate-limit wait. When
 * it runs out the run ends with exit 3 naming what it was waiting for (docs/security.md).
 */
export const timeBudgetOption: OptionDecl<number> = {
  type: duration({ min: 1000, max: 6 * 3_600_000 }),
  input: "time-budget",
  flag: "time-budget",
  description: "Total time the run may spend on GitHub, waits and retries included (default 5m); then it ends with exit 3.",
};

/** The invocation with the budget of option `time-budget`, when the door declares it and it was given. */
export function withTimeBudget(invocation: Invocation, values: Record<string, unknown>): Invocation {
  const budget = values["time-budget"];
  return typeof budget === "number" ? { ...invocation, timeBudgetMs: budget } : invocation;
}

const secretOnCli = "a secret on the command line would be seen by every process of the machine: the CLI reads the environment variable the policy names";

/** Where the rollback rules' Prometheus is and how to sign in to it: the rollback guard and the rollout read it alike. */
export const prometheusOptions = {
  "prometheus-url": {
    type: text("URL", "a URL"),
    flag: "prometheus",
    policy: "rollback.prometheus.url",
    description: "Base URL of the Prometheus HTTP API; overrides rollback.prometheus.url.",
  },
  "prometheus-token": {
    type: text("TOKEN"),
    flag: null,
    why: `${secretOnCli} (rollback.prometheus.bearer-token-env)`,
    secret: true,
    description: "Bearer token for Prometheus (masked). Overrides rollback.prometheus.bearer-token-env. Pass a secret.",
  },
  "prometheus-username": {
    type: text("NAME"),
    flag: null,
    why: "it goes with the password, which the CLI reads from the environment variable the policy names (rollback.prometheus.username-env)",
    description: "Basic-auth username for Prometheus; needs prometheus-password. Overrides rollback.prometheus.username-env.",
  },
  "prometheus-password": {
    type: text("PASSWORD"),
    flag: null,
    why: `${secretOnCli} (rollback.prometheus.password-env)`,
    secret: true,
    description: "Basic-auth password for Prometheus (masked). Overrides rollback.prometheus.password-env. Pass a secret.",
  },
} satisfies Record<string, OptionDecl<string>>;

/** The Prometheus options given, as the overrides of `rollback.prometheus`. */
export function prometheusOverrides(values: Partial<Record<keyof typeof prometheusOptions, string>>): { url?: string; token?: string; username?: string; password?: string } {
  return {
    ...(values["prometheus-url"] ? { url: values["prometheus-url"] } : {}),
    ...(values["prometheus-token"] ? { token: values["prometheus-token"] } : {}),
    ...(values["prometheus-username"] ? { username: values["prometheus-username"] } : {}),
    ...(values["prometheus-password"] ? { password: values["prometheus-password"] } : {}),
  };
}

/** The parts of the Prometheus client's auth (PrometheusAuth, in src/net/: a layer above this one) that hold its secret. */
type PrometheusSignIn = { type: "bearer"; token: string } | { type: "basic"; password: string };

/**
 * Masks in the action's log the Prometheus credential the settings resolved. Inputs declared `secret` are masked
 * when they are read; a credential the policy names by environment variable is masked here, in case it is not a
 * GitHub secret. The CLI has no log to mask, and sets no `mask`.
 */
export function maskPrometheusCredential(invocation: Invocation, auth: PrometheusSignIn | undefined): void {
  if (auth) invocation.mask?.(auth.type === "bearer" ? auth.token : auth.password);
}
