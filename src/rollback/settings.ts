/**
 * The guard's settings from the policy file's `rollback:` section, overridden by CLI options or action inputs.
 * Credentials come from environment variables the policy names (or from masked action inputs), never from the file.
 */
import { UserError } from "../core/errors.ts";
import type { PrometheusAuth, PrometheusClientOptions } from "../net/prometheus.ts";
import type { RollbackPolicy } from "../policy/types.ts";
import { parseDuration } from "./duration.ts";
import { MAX_TICKS } from "./observe.ts";
import { compileRules, type Rule } from "./rules.ts";

export interface GuardOverrides {
  url?: string;
  token?: string;
  username?: string;
  password?: string;
  observation?: string;
  interval?: string;
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

/** `where` names the policy file (or "built-in defaults") in messages. */
export function resolveGuardSettings(policy: RollbackPolicy, where: string, overrides: GuardOverrides, env: NodeJS.ProcessEnv): GuardSettings {
  const rules = compileRules(policy.rules, `${where}: rollback`);
  if (rules.length === 0) throw new UserError(`${where}: rollback.rules is empty; add at least one rule (see docs/rollback-guard.md)`);
  const url = overrides.url ?? policy.prometheus.url;
  if (!url) throw new UserError(`${where}: no Prometheus URL: set rollback.prometheus.url or pass one (CLI --prometheus, action input prometheus-url)`);
  const observationSeconds = parseDuration(overrides.observation ?? policy.observation, overrides.observation ? "observation" : `${where}: rollback.observation`);
  const intervalSeconds = parseDuration(overrides.interval ?? policy.interval, overrides.interval ? "interval" : `${where}: rollback.interval`);
  if (intervalSeconds < 1) throw new UserError(`${where}: rollback.interval: at least 1s`);
  if (intervalSeconds > observationSeconds) throw new UserError(`${where}: rollback.interval is longer than the observation period`);
  if (observationSeconds / intervalSeconds > MAX_TICKS) throw new UserError(`${where}: the observation holds more than ${MAX_TICKS} intervals; use a longer interval`);
  const auth = resolveAuth(policy.prometheus, overrides, env, where);
  return {
    client: {
      url,
      ...(auth ? { auth } : {}),
      timeoutMs: parseDuration(policy.prometheus.timeout, `${where}: rollback.prometheus.timeout`) * 1000,
      retries: policy.prometheus.retries,
    },
    rules,
    observationSeconds,
    intervalSeconds,
  };
}

/** An ISO-8601 instant with a date, a time and a zone (Z or ±hh:mm), so that it means one moment everywhere. */
/** Date.parse rolls 2026-02-30 over to March 2; a day the month does not have is a typo, not a time. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseInstant(text: string, where: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  const trimmed = text.trim();
  const time = Date.parse(trimmed);
  if (!iso.test(trimmed) || Number.isNaN(time) || !isCalendarDate(trimmed)) {
    throw new UserError(`${where}: "${text}" is not an ISO-8601 time with a zone, e.g. 2026-03-01T12:00:00Z`);
  }
  return new Date(time);
}
