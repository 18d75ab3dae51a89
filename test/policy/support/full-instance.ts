import type { JsonSchema } from "../../../src/policy/json-schema.ts";

/** A value for every key of `schema`: its default or first example or allowed value, or else one of its type. */
export function fullInstance(schema: JsonSchema): unknown {
  if (schema.anyOf) return fullInstance(schema.anyOf[schema.anyOf.length - 1]!);
  if (schema.type === "object") {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, fullInstance(property)]));
  }
  if (schema.type === "array") {
    const item = schema.items ? fullInstance(schema.items) : "x";
    return schema.default !== undefined && (schema.default as unknown[]).length > 0 ? structuredClone(schema.default) : [item];
  }
  const known = schema.default ?? schema.examples?.[0] ?? schema.enum?.[0];
  if (known !== undefined && typeof known !== "object") return known;
  return { string: "value", number: 1, integer: 1, boolean: true }[schema.type ?? "string"];
}
