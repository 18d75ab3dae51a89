import type { OpenApiDescription } from "./openapi.ts";

/**
 * Responses are shaped by the description: a route gives the fields it knows (ids, shas, numbers, text), and
 * every other property the schema requires is filled with a placeholder of the declared type (null where the
 * schema allows it). The result is then validated against the same schema, so a route cannot drift from the API.
 */
export function conform(api: OpenApiDescription, schemaNode: unknown, value: unknown, depth = 0): unknown {
  if (depth > 40) return value;
  const schema = api.resolve<Record<string, unknown>>(schemaNode);
  if (value === undefined) return placeholder(api, schema, depth);
  if (value === null || typeof value !== "object") return value;
  const branches = ["allOf", "anyOf", "oneOf"].flatMap((key) => (Array.isArray(schema[key]) ? [key] : []));
  if (branches.length > 0 && schema.properties === undefined) {
    if (Array.isArray(schema.allOf)) {
      return (schema.allOf as unknown[]).reduce((current: unknown, branch) => conform(api, branch, current, depth + 1), value);
    }
    const options = ((schema.anyOf ?? schema.oneOf) as unknown[]).filter((branch) => kindOf(api, branch) === (Array.isArray(value) ? "array" : "object"));
    const chosen = closestBranch(api, options, value);
    return chosen === undefined ? value : conform(api, chosen, value, depth + 1);
  }
  if (Array.isArray(value)) {
    return schema.items === undefined ? value : value.map((item) => conform(api, schema.items, item, depth + 1));
  }
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const result: Record<string, unknown> = {};
  for (const name of required) {
    if (!(name in value) && properties[name] !== undefined) result[name] = placeholder(api, api.resolve(properties[name]), depth + 1);
  }
  for (const [name, child] of Object.entries(value)) {
    result[name] = properties[name] === undefined ? child : conform(api, properties[name], child, depth + 1);
  }
  return result;
}

function kindOf(api: OpenApiDescription, node: unknown): string | undefined {
  const schema = api.resolve<Record<string, unknown>>(node);
  if (schema.type === "array" || schema.items !== undefined) return "array";
  if (schema.type === "object" || schema.properties !== undefined || schema.allOf !== undefined) return "object";
  return typeof schema.type === "string" ? schema.type : undefined;
}

/** The anyOf/oneOf branch whose declared properties cover most of the value's keys. */
function closestBranch(api: OpenApiDescription, branches: unknown[], value: object): unknown {
  let best: unknown;
  let bestScore = -1;
  for (const branch of branches) {
    const properties = api.resolve<Record<string, unknown>>(branch).properties as Record<string, unknown> | undefined;
    const score = Object.keys(value).filter((key) => properties !== undefined && key in properties).length;
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function placeholder(api: OpenApiDescription, schema: Record<string, unknown>, depth: number): unknown {
  if (schema.nullable === true) return null;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ["anyOf", "oneOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const nullBranch = branches.find((b) => api.resolve<Record<string, unknown>>(b).type === "null");
      return nullBranch ? null : conform(api, branches[0], undefined, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) return conform(api, schema, {}, depth + 1);
  switch (schema.type) {
    case "string":
      return stringPlaceholder(schema.format, typeof schema.minLength === "number" ? schema.minLength : 0);
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "null":
      return null;
    default:
      return conform(api, schema, {}, depth + 1);
  }
}

/** Strings with a minimum length are object ids and shas in GitHub's description: zeros fit their patterns. */
function stringPlaceholder(format: unknown, minLength: number): string {
  if (format === "date-time") return "2000-01-01T00:00:00Z";
  if (format === "date") return "2000-01-01";
  if (format === "uri") return "https://simulator.invalid/";
  if (format === "email") return "placeholder@simulator.invalid";
  return "0".repeat(minLength);
}
