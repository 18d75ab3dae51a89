import { durationSchema, type JsonSchema } from "../json-schema.ts";
import { healthEndpoint } from "./health.ts";
import { rollbackRule } from "./rollback.ts";

const duration = (description: string, defaultValue?: string): JsonSchema => durationSchema(description, "30s, 5m, 1h30m or 1d", defaultValue);

const argv = (description: string): JsonSchema => ({
  type: "array",
  minItems: 1,
  maxItems: 100,
  items: { type: "string", maxLength: 4096 },
  description: `${description} An argument list (program first), run without a shell.`,
});

const step: JsonSchema = {
  type: "object",
  description: "One canary step: shift this share of the traffic to the canary, then analyse it for `bake`.",
  additionalProperties: false,
  required: ["weight"],
  properties: {
    weight: { type: "number", exclusiveMinimum: 0, maximum: 100, description: "Percentage of the traffic the canary gets in this step; the last step is 100." },
    bake: duration("How long to analyse the canary after the shift before promoting to the next step; 0 or absent: no analysis (the final step)."),
    approve: { type: "boolean", default: false, description: "Wait for a person before shifting to this step: a later run with `continue` (a dispatch, a label) goes on." },
  },
};

const metric: JsonSchema = {
  type: "object",
  description: "One metric the judge compares between canary and baseline over the bake window (Mann-Whitney U).",
  additionalProperties: false,
  required: ["name", "canary", "baseline"],
  properties: {
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", description: "Unique name of the metric in the verdict." },
    canary: { type: "string", minLength: 1, maxLength: 10_000, description: "PromQL expression of the canary's series (one series, e.g. an error ratio of the canary's pods)." },
    baseline: { type: "string", minLength: 1, maxLength: 10_000, description: "PromQL expression of the same metric on the baseline (the stable deployment)." },
    worse: { type: "string", enum: ["higher", "lower", "either"], default: "higher", description: "Which direction of the canary is bad." },
    tolerance: { type: "number", minimum: 0, maximum: 100, default: 0.1, description: "Relative change tolerated before a significant difference counts, e.g. 0.1 = 10 %." },
    critical: { type: "boolean", default: false, description: "A failing critical metric fails the judgement whatever the score." },
  },
};

export const rolloutSection: JsonSchema = {
  type: "object",
  description:
    "Progressive delivery (action `rollout`, CLI `shipgate rollout`): canary steps or a blue-green switch, each analysed with the rollback rules, the canary-versus-baseline judge and health checks, then promoted or rolled back. Prometheus is the one of `rollback.prometheus`.",
  additionalProperties: false,
  properties: {
    strategy: { type: "string", enum: ["canary", "blue-green"], default: "canary", description: "`canary`: the `steps`; `blue-green`: deploy to the idle colour, check it, switch, keep the old colour for `blue-green.keep`, retire it." },
    steps: { type: "array", items: step, maxItems: 20, default: [], description: "The canary steps in order, e.g. 5 % for 10m, 50 % for 30m, 100 %." },
    interval: duration("Time between two analyses of the rollback rules during a bake; also the step of the judge's range queries.", "1m"),
    "max-wait": duration("Longest a run waits in one go; a longer bake ends the run with result `waiting` and a later run (schedule, dispatch) resumes.", "20m"),
    "command-timeout": duration("Longest a traffic, rollback, deploy, smoke or retire command may run; then it is killed and the step fails.", "5m"),
    commands: {
      type: "object",
      description: "Your commands. Each gets SHIPGATE_ROLLOUT_WEIGHT (canary: 0 to 100), SHIPGATE_ROLLOUT_COLOUR (blue-green), SHIPGATE_ROLLOUT_ENVIRONMENT, SHIPGATE_ROLLOUT_STEP and SHIPGATE_ROLLOUT_SHA.",
      additionalProperties: false,
      default: {},
      properties: {
        traffic: argv("Shifts the traffic: to SHIPGATE_ROLLOUT_WEIGHT % for the canary, or to SHIPGATE_ROLLOUT_COLOUR for blue-green."),
        rollback: argv("Undoes the rollout: canary weight 0 (SHIPGATE_ROLLOUT_WEIGHT=0), or the switch back to SHIPGATE_ROLLOUT_COLOUR (the old colour)."),
        deploy: argv("Blue-green: deploys the release to SHIPGATE_ROLLOUT_COLOUR, the idle colour."),
        smoke: argv("Blue-green: smoke-tests SHIPGATE_ROLLOUT_COLOUR before the switch; exit 0 passes."),
        retire: argv("Blue-green: retires SHIPGATE_ROLLOUT_COLOUR, the old colour, once `blue-green.keep` is past."),
      },
    },
    rules: { type: "array", items: rollbackRule, maxItems: 50, description: "Rollback rules evaluated against the canary during each bake; default: `rollback.rules`." },
    metrics: { type: "array", items: metric, maxItems: 50, default: [], description: "Metrics the judge compares between canary and baseline after each bake." },
    judge: {
      type: "object",
      description: "How the canary-versus-baseline comparison turns into a verdict.",
      additionalProperties: false,
      default: {},
      properties: {
        confidence: { type: "number", minimum: 0.5, maximum: 0.9999, default: 0.95, description: "Confidence of the two-sided Mann-Whitney U test (alpha = 1 - confidence)." },
        "min-samples": { type: "integer", minimum: 3, maximum: 11_000, default: 10, description: "Fewest finite samples per side a metric needs; fewer is no data." },
        "no-data": { type: "string", enum: ["fail", "marginal", "pass"], default: "fail", description: "What a metric without enough data is judged; `fail` never lets missing data pass." },
        "pass-score": { type: "number", minimum: 0, maximum: 100, default: 95, description: "Score (percentage of metrics that pass) at or above which the judgement passes." },
        "marginal-score": { type: "number", minimum: 0, maximum: 100, default: 75, description: "Score at or above which it is marginal; below it fails." },
        "on-marginal": {
          type: "string",
          enum: ["hold", "abort", "promote"],
          default: "hold",
          description: "A marginal judgement: `hold` waits for a person (`continue` promotes, `abort` rolls back), `abort` rolls back, `promote` goes on.",
        },
      },
    },
    health: { type: "array", items: healthEndpoint, maxItems: 50, description: "Health checks of the canary (blue-green: `{colour}` in a URL is the idle colour); default: `health.endpoints`. Timeouts and retries come from `health:`." },
    "blue-green": {
      type: "object",
      description: "The blue-green strategy's colours and how long the old colour is kept for an instant switch back.",
      additionalProperties: false,
      default: {},
      properties: {
        colours: {
          type: "array",
          items: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$" },
          minItems: 2,
          maxItems: 2,
          default: ["blue", "green"],
          description: "The two colours; the first is live before the first blue-green rollout.",
        },
        bake: duration("How long to analyse the new colour after the switch, with the old colour still ready.", "5m"),
        keep: duration("How long the old colour is kept after the switch before it is retired.", "1h"),
        approve: { type: "boolean", default: false, description: "Wait for a person (a run with `continue`) before switching the traffic to the checked idle colour." },
      },
    },
    incident: { type: "boolean", default: true, description: "Open an incident (the `incidents:` settings) when a rollout aborts." },
  },
};
