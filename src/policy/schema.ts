import type { JsonSchema } from "./json-schema.ts";
import { coverageSection } from "./sections/coverage.ts";
import { releaseSection } from "./sections/release.ts";

/**
 * The policy file's schema. Each capability owns one section file in ./sections/; this file only assembles them.
 * `npm run build` writes it to schema/shipgate.schema.json for editors.
 */
export const policySchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/shipgate/shipgate/schema/shipgate.schema.json",
  title: "shipgate policy (.github/shipgate.yml)",
  description: "The team's deployment and release procedure: gates and their thresholds, windows, releases, incidents.",
  type: "object",
  additionalProperties: false,
  properties: {
    gates: {
      type: "object",
      description: "Pre-deploy gates and their thresholds.",
      additionalProperties: false,
      default: {},
      properties: {
        coverage: { ...coverageSection, default: {} },
      },
    },
    release: { ...releaseSection, default: {} },
  },
};
