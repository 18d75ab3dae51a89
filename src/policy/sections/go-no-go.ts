import { gateEnabled, type JsonSchema } from "../json-schema.ts";

export const goNoGoSection: JsonSchema = {
  type: "object",
  description: "The go/no-go gate (action `go-no-go`, CLI `shipgate go-no-go`): open blocking issues, required checks of the commit, staging.",
  additionalProperties: false,
  properties: {
    enabled: gateEnabled,
    "issue-rules": {
      type: "array",
      description: "Limits on open issues carrying all of a set of labels (labels compare case-insensitively).",
      default: [
        { labels: ["bug", "P1"], max: 0 },
        { labels: ["bug", "P2"], max: 2 },
      ],
      items: {
        type: "object",
        additionalProperties: false,
        required: ["labels", "max"],
        properties: {
          name: { type: "string", minLength: 1, description: "Name shown in the summary (default: the labels joined by +)." },
          labels: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, description: "An issue counts when it has every one of these labels." },
          max: { type: "integer", minimum: 0, description: "Most open issues allowed." },
        },
      },
    },
    "required-checks": {
      type: "array",
      items: { type: "string", minLength: 1 },
      default: [],
      description: "Check run names or commit status contexts that must have succeeded on the commit (e.g. integration, e2e, smoke).",
    },
    "passing-conclusions": {
      type: "array",
      items: { type: "string", enum: ["success", "neutral", "skipped"] },
      minItems: 1,
      default: ["success"],
      description: "Check run conclusions that count as passed.",
    },
    staging: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "The commit's latest deployment to the staging environment must have succeeded.",
      properties: {
        required: { type: "boolean", default: false, description: "Require a successful staging deployment of the commit." },
        environment: { type: "string", minLength: 1, default: "staging", description: "The environment name (case-insensitive)." },
      },
    },
  },
};
