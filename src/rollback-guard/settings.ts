/**
 * The guard's settings from the policy file's `rollback:` section, overridden by CLI options or action inputs.
 * Credentials come from environment variables the policy names (or from masked action inputs), never from the file.
 */
import { UserError } from "../core/errors.ts";
import type { PrometheusAuth, PrometheusClientOptions } from "../net/prometheus.ts";
import type { RollbackPolicy } from "../policy/types.ts";
import { requireDuration } from "../core/duration.ts";
import { MAX_TICKS } from "./observe.ts";
import { compileRules, type Rule } from "./rules.ts";

export interface GuardOverrides {
  url?: string;
  token?: string;
  username?: string;
  password?: string;
  /** Given at a door, already parsed (milliseconds). */
  observationMs?: number;
  intervalMs?: number;
}

export interface GuardSettings {
  client: PrometheusClientOptions;
  rules: Rule[];
  observationSeconds: number;
  intervalSeconds: number;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string | undefined, key: string): string | undefined {
  if (!name) return undefined;
  const value = env[name];
  if (!value) throw new UserError(`${key}: the environment variable ${name} is not set or empty`);
  return value;
}

function resolveAuth(policy: RollbackPolicy["prometheus"], overrides: GuardOverrides, env: NodeJS.ProcessEnv, where: string): PrometheusAuth | undefined {
  if (overrides.token && (overrides.username || overrides.password)) throw new UserError("give either a bearer token or a username and password, not both");
  if (overrides.token) return { type: "bearer", token: overrides.token };
  if (overrides.username || overrides.password) {
    if (!overrides.username || !overrides.password) throw new UserError("basic auth needs both a username and a password");
    return { type: "basic", username: overrides.username, password: overrides.password };
  }
  const key = `${where}: rollback.prometheus`;
  const hasBasic = Boolean(policy["username-env"] || policy["password-env"]);
  if (policy["bearer-token-env"] && hasBasic) throw new UserError(`${key}: give either bearer-token-env or username-env/password-env, not both`);
  const token = fromEnv(env, policy["bearer-token-env"], `${key}.bearer-token-env`);
  if (token) return { type: "bearer", token };
  if (!hasBasic) return undefined;
  if (!policy["username-env"] || !policy["password-env"]) throw new UserError(`${key}: basic auth needs both username-env and password-env`);
  return {
    type: "basic",
    username: fromEnv(env, policy["username-env"], `${key}.username-env`)!,
    password: fromEnv(env, policy["password-env"], `${key}.password-env`)!,
  };
}

/** The Prometheus client of `rollback.prometheus`, with the door's overrides; the rollout talks to the same server. */
export function resolvePrometheusClient(policy: RollbackPolicy, where: string, overrides: GuardOverrides, env: NodeJS.ProcessEnv, urlOption: string): PrometheusClientOptions {
  const url = overrides.url ?? policy.prometheus.url;
  if (!url) throw new UserError(`${where}: no Prometheus URL: set rollback.prometheus.url or pass ${urlOption}`);
  const auth = resolveAuth(policy.prometheus, overrides, env, where);
  return {
    url,
    ...(auth ? { auth } : {}),
    timeoutMs: requireDuration(policy.prometheus.timeout, `${where}: rollback.prometheus.timeout`),
    retries: policy.prometheus.retries,
  };
}

/** `where` names the policy file (or "built-in defaults") in messages; `urlOption` names the door's option for the URL. */
export function resolveGuardSettings(policy: RollbackPolicy, where: string, overrides: GuardOverrides, env: NodeJS.ProcessEnv, urlOption: string): GuardSettings {
  const rules = compileRules(policy.rules, `${where}: rollback`);
  if (rules.length === 0) throw new UserError(`${where}: rollback.rules is empty; add at least one rule (see docs/rollback-guard.md)`);
  const client = resolvePrometheusClient(policy, where, overrides, env, urlOption);
  const observationSeconds = (overrides.observationMs ?? requireDuration(policy.observation, `${where}: rollback.observation`)) / 1000;
  const intervalSeconds = (overrides.intervalMs ?? requireDuration(policy.interval, `${where}: rollback.interval`)) / 1000;
  if (intervalSeconds < 1) throw new UserError(`${where}: rollback.interval: at least 1s`);
  if (intervalSeconds > observationSeconds) throw new UserError(`${where}: rollback.interval is longer than the observation period`);
  if (observationSeconds / intervalSeconds > MAX_TICKS) throw new UserError(`${where}: the observation holds more than ${MAX_TICKS} intervals; use a longer interval`);
  return {
    client,
    rules,
    observationSeconds,
    intervalSeconds,
  };
}
