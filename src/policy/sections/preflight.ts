import type { JsonSchema } from "../json-schema.ts";

export const preflightSection: JsonSchema = {
  type: "object",
  description: "The umbrella (root action `shipgate`, CLI `shipgate preflight`) that runs every enabled gate.",
  additionalProperties: false,
  properties: {
    comment: {
      type: "boolean",
      default: false,
      description: "Also post the results as one pull-request comment, updated in place on every run (never on pull requests from forks). The action input `comment` overrides it.",
    },
  },
};
