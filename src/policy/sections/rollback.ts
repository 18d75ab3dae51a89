import { durationSchema, type JsonSchema } from "../json-schema.ts";

const duration = (description: string, defaultValue?: string): JsonSchema => durationSchema(description, "30s, 5m, 1h30m or 1d", defaultValue);

const envName = (description: string): JsonSchema => ({
  type: "string",
  pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
  description: `${description} The name of an environment variable, never the secret itself.`,
});

/** One rule of the rollback guard; the rollout evaluates the same rules against its canary. */
export const rollbackRule: JsonSchema = {
  type: "object",
  description: "One rollback rule: a PromQL query and a threshold it must not stay above. Give exactly one of `above` and `above-baseline`.",
  additionalProperties: false,
  required: ["name", "query", "no-data"],
  properties: {
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", description: "Unique name of the rule, shown as the rule that fired." },
    query: { type: "string", minLength: 1, maxLength: 10_000, description: "PromQL expression returning a vector or scalar, e.g. an error ratio or a p95 latency." },
    above: { type: "number", description: "Fire when the value stays above this number (e.g. 0.01 for an error ratio of 1 %)." },
    "above-baseline": {
      type: "object",
      description: "Fire when the value stays above `factor` times a baseline: the same query `offset` earlier, or another `query` (e.g. the stable deployment's series).",
      additionalProperties: false,
      required: ["factor"],
      properties: {
        factor: { type: "number", exclusiveMinimum: 0, description: "Multiple of the baseline that counts as degraded; 2 means more than 100 % worse." },
        offset: duration("Evaluate the baseline this long before each measurement (like PromQL `offset`)."),
        query: { type: "string", minLength: 1, maxLength: 10_000, description: "PromQL expression of the baseline; defaults to the rule's own query." },
      },
    },
    for: duration("How long the value must stay above the threshold: every sample in this window must be above. Without it one instant value decides."),
    step: duration("Resolution of the samples in the `for` window.", "30s"),
    "min-samples": {
      type: "integer",
      minimum: 1,
      maximum: 10_000,
      description: "Fewest samples with a value (NaN does not count) the `for` window needs before it can fire; fewer is no data. Default: half the window's evaluation points, or 1 without `for`.",
    },
    "no-data": {
      type: "string",
      enum: ["fail", "pass", "inconclusive"],
      description: "What no data means (no series, only NaN such as 0/0, too few samples, no usable baseline): `fail` rolls back, `pass` counts as healthy, `inconclusive` neither.",
    },
  },
};

export const rollbackSection: JsonSchema = {
  type: "object",
  description: "The metric-based rollback guard (action `rollback-guard`, CLI `shipgate rollback-guard`): rules evaluated against Prometheus during an observation period after a deploy.",
  additionalProperties: false,
  properties: {
    prometheus: {
      type: "object",
      description: "The Prometheus server (or a compatible API: Thanos, Mimir, VictoriaMetrics).",
      additionalProperties: false,
      default: {},
      properties: {
        url: { type: "string", pattern: "^https?://", description: "Base URL of the Prometheus HTTP API, e.g. https://prometheus.example.com." },
        "bearer-token-env": envName("Environment variable holding a bearer token."),
        "username-env": envName("Environment variable holding the basic-auth username."),
        "password-env": envName("Environment variable holding the basic-auth password."),
        timeout: duration("Timeout of each request.", "10s"),
        retries: { type: "integer", minimum: 0, maximum: 10, default: 2, description: "Retries of a request after a network failure, a timeout, 429 or 5xx." },
      },
    },
    observation: duration("How long to watch after the deploy.", "10m"),
    interval: duration("Time between two evaluations of the rules during the observation.", "1m"),
    rules: { type: "array", items: rollbackRule, maxItems: 50, default: [], description: "Rules; the first one that fires decides the rollback." },
  },
};
