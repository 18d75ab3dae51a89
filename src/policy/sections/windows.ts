import type { JsonSchema } from "../json-schema.ts";

/** The longest `wait`: one timer must cover it, and a job that waits longer than a day is a mistake. */
export const MAX_WAIT_MS = 24 * 3_600_000;
const MAX_WINDOWS = 50;

const zone = (description: string): JsonSchema => ({ type: "string", minLength: 1, description, examples: ["Europe/Paris", "America/New_York", "UTC"] });
const clock = (description: string): JsonSchema => ({ type: "string", description, examples: ["10:00", "23:30"] });

const windowItem: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "days", "start", "end"],
  properties: {
    name: { type: "string", minLength: 1, description: "Name shown in verdicts and outputs, e.g. `off-peak`." },
    days: {
      type: "array",
      items: { type: "string", enum: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
      uniqueItems: true,
      description: "Weekdays on which an occurrence starts (local date in the window's time zone).",
    },
    weeks: {
      type: "array",
      items: { type: "integer", minimum: -5, maximum: 5 },
      uniqueItems: true,
      description: "Only the n-th such weekday of the month: 1 the first ... 5 the fifth, -1 the last ... -5.",
    },
    start: clock("Local start time `HH:MM`, inclusive."),
    end: clock("Local end time `HH:MM`, exclusive; at or before `start` it is on the next day (`00:00` = midnight)."),
    timezone: zone("IANA time zone of this window; the section's `timezone` otherwise."),
  },
};

const windowList = (description: string): JsonSchema => ({ type: "array", items: windowItem, maxItems: MAX_WINDOWS, default: [], description });

export const windowsSection: JsonSchema = {
  type: "object",
  description: "Deployment and maintenance windows and freezes (action `deploy-window`, CLI `shipgate window check`).",
  additionalProperties: false,
  properties: {
    timezone: { ...zone("IANA time zone in which times are read and instants are printed."), default: "UTC" },
    deploy: windowList("Windows in which deploys may run. None: deploys are allowed at any time outside freezes."),
    maintenance: windowList("Windows for maintenance work (`--kind maintenance`). None: allowed at any time outside freezes."),
    freezes: {
      type: "array",
      maxItems: 200,
      default: [],
      description: "Periods in which every window is closed.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "from", "to"],
        properties: {
          name: { type: "string", minLength: 1, description: "Name shown in verdicts, e.g. `year-end`." },
          from: { type: "string", description: "Start, inclusive: local `YYYY-MM-DDTHH:MM` (or `YYYY-MM-DD`) in the time zone.", examples: ["2026-12-19T00:00"] },
          to: { type: "string", description: "End, exclusive, after `from`.", examples: ["2027-01-04T00:00"] },
          timezone: zone("IANA time zone of this freeze; the section's `timezone` otherwise."),
        },
      },
    },
    wait: {
      type: "string",
      default: "0",
      description: "Longest time the `deploy-window` action and `shipgate window check` wait for the next opening (e.g. `2h`, `90m`); `0` fails at once. At most 24h.",
    },
    override: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Break-glass overrides of a closed window; each needs a reason and is recorded with its actor.",
      properties: {
        enabled: { type: "boolean", default: true, description: "Allow overrides at all." },
        label: { type: "string", minLength: 1, default: "deploy-override", description: "Pull-request label that asks for an override." },
        comment: { type: "boolean", default: false, description: "Also record an override as a comment on the pull request." },
        "disabled-environments": {
          type: "array",
          items: { type: "string", minLength: 1 },
          default: [],
          description: "Environments (the action's `environment` input) in which no override is accepted, e.g. `[production]`.",
        },
      },
    },
  },
};
