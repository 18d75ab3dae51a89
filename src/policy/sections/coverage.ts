import { gateEnabled, type JsonSchema } from "../json-schema.ts";

const percent = (description: string): JsonSchema => ({ type: "number", minimum: 0, maximum: 100, description });

export const coverageSection: JsonSchema = {
  type: "object",
  description: "The unit-test coverage gate (action `coverage-gate`, CLI `shipgate coverage`).",
  additionalProperties: false,
  properties: {
    enabled: gateEnabled,
    reports: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      default: ["coverage/lcov.info"],
      description: "Coverage report files or glob patterns, relative to the repository root; several are merged.",
    },
    format: {
      type: "string",
      enum: ["auto", "lcov", "cobertura", "clover", "jacoco", "istanbul", "go"],
      default: "auto",
      description: "Report format; `auto` detects it from the content of each file.",
    },
    lines: { ...percent("Minimum line coverage in percent (statements for Go and Clover); the procedure asks for 80 or 90."), default: 80 },
    branches: percent("Minimum branch coverage in percent; a report without branch data fails this threshold."),
    functions: percent("Minimum function coverage in percent; a report without function data fails this threshold."),
    "per-file": percent("Minimum line coverage of every single file, in percent."),
    patch: percent("Minimum coverage of the lines a pull request changes, in percent (pull requests only)."),
    "max-drop": {
      type: "number",
      minimum: 0,
      maximum: 100,
      description: "Largest allowed drop of line coverage against `baseline`, in percentage points.",
    },
    baseline: { type: "string", minLength: 1, description: "A coverage report of the base branch, for `max-drop`." },
    "worst-files": {
      type: "integer",
      minimum: 0,
      maximum: 100,
      default: 10,
      description: "How many of the least covered files the summary lists.",
    },
  },
};
