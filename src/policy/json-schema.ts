import { DURATION_PATTERN } from "../core/duration.ts";

/** The subset of JSON Schema (draft 2020-12) that the policy schema uses. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: readonly (string | number)[];
  anyOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  examples?: unknown[];
}

/** The `enabled` key every gate section has: the umbrella and `shipgate preflight` run the gates that are on. */
export const gateEnabled: JsonSchema = {
  type: "boolean",
  default: true,
  description: "Run this gate from the umbrella action and `shipgate preflight`.",
};

/** A duration in the grammar of core/duration.ts; `examples` (e.g. "30s, 5m or 1d") end the description. */
export function durationSchema(description: string, examples: string, defaultValue?: string): JsonSchema {
  return { type: "string", pattern: DURATION_PATTERN, description: `${description} A duration such as ${examples}.`, ...(defaultValue ? { default: defaultValue } : {}) };
}
