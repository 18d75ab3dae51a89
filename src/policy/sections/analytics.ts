import { durationSchema, type JsonSchema } from "../json-schema.ts";

const duration = (description: string, defaultValue: string): JsonSchema => durationSchema(description, "24h or 30d", defaultValue);
const names = (description: string, defaultValue: string[]): JsonSchema => ({ type: "array", items: { type: "string", minLength: 1, maxLength: 200 }, maxItems: 50, default: defaultValue, description });

export const analyticsSection: JsonSchema = {
  type: "object",
  description: "Delivery analytics and the weekly report (action `dora-metrics`, CLI `shipgate dora`): DORA's five metrics, deployment success rate and duration, incidents and their SLA hit rate. See docs/analytics.md.",
  additionalProperties: false,
  properties: {
    timezone: { type: "string", minLength: 1, description: "IANA time zone whose Monday 00:00 starts a week (and whose Monday 09:00 the weekly report is for). Absent: `windows.timezone`.", examples: ["Europe/Paris", "UTC"] },
    weeks: { type: "integer", minimum: 1, maximum: 26, default: 4, description: "Complete weeks the figures cover, ending with the last complete week." },
    production: names("Environments whose deployments are production deployments: DORA's metrics are computed for them (names compare case-insensitively).", ["production"]),
    environments: names("Environments whose deployment success rate and duration are shown. Empty: every environment deployed to in the period.", []),
    "failure-window": duration("A successful production deployment followed within this time by an incident of its environment, or by a rollback, is a failed change.", "24h"),
    lookback: duration("How far before the period deployments and commits are read, so that each change is attributed to the deployment that first shipped it.", "30d"),
    "hotfix-refs": names("Ref patterns (`*` any run of characters) of unplanned deployments: a deployment of a matching ref, or of the tag of a release cut from a matching branch, is rework.", ["hotfix/*"]),
    "max-deployments": { type: "integer", minimum: 100, maximum: 20000, default: 5000, description: "Most deployments read (period and lookback); more is an error, never a silent cut." },
    report: {
      type: "object",
      description: "The weekly report issue: one per week, opened or updated.",
      additionalProperties: false,
      default: {},
      properties: {
        label: { type: "string", minLength: 1, maxLength: 50, pattern: "^[^,]+$", default: "delivery-report", description: "Label of the weekly report issues (they are found by it)." },
        title: { type: "string", minLength: 1, maxLength: 200, pattern: "\\{week\\}", default: "Delivery report {week}", description: "Title of the weekly report issue; `{week}` becomes the ISO week, e.g. 2026-W10." },
      },
    },
  },
};
