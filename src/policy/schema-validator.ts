/**
 * The policy schema's validator: an interpreter of the JSON Schema subset in json-schema.ts that answers as Ajv
 * does with { allErrors: true, useDefaults: true, strict: true, verbose: true }: the same errors with the same
 * fields, in the same order, and the same defaults filled in. Ajv's compiled code for the policy schema was
 * 566 kB, and loading it cost each action that reads a policy file about 27 ms, most of its start-up.
 * test/policy/schema-validator.test.ts holds this file to Ajv's answers, Ajv being the reference it was built from.
 *
 * Ajv's order within one schema: `type` first when it cannot wait (below), then the keywords of any type (`enum`,
 * `anyOf`), then those of numbers, strings, arrays and objects, each group only when the data is of its type. An
 * object's defaults are filled in before its own keywords run. (Ajv ignores defaults under `anyOf`, and in strict
 * mode refuses to compile a schema that has some: the test compiles the policy schema so.)
 */
import type { JsonSchema } from "./json-schema.ts";

/** An error as Ajv reports it in verbose mode. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  schema: unknown;
  parentSchema: JsonSchema;
  data: unknown;
}

type Group = "number" | "string" | "array" | "object";

/** Each type's keywords, in the order Ajv applies them (its rule groups). */
const GROUP_KEYWORDS: Record<Group, (keyof JsonSchema)[]> = {
  number: ["maximum", "minimum", "exclusiveMinimum"],
  string: ["maxLength", "minLength", "pattern"],
  array: ["maxItems", "minItems", "items", "uniqueItems"],
  object: ["required", "additionalProperties", "properties"],
};
const GROUPS = Object.keys(GROUP_KEYWORDS) as Group[];

/** Where a check is, as the step from its parent: the paths are spelled out only for an error. */
interface Place {
  up: Place | undefined;
  keyword: "properties" | "additionalProperties" | "items" | "anyOf";
  key: string | number;
}

function pathsOf(place: Place | undefined): { instancePath: string; schemaPath: string } {
  let instancePath = "";
  let schemaPath = "";
  for (let step = place; step; step = step.up) {
    const key = typeof step.key === "number" ? String(step.key) : pointerSegment(step.key);
    if (step.keyword !== "anyOf") instancePath = `/${key}${instancePath}`;
    if (step.keyword === "properties") schemaPath = `/properties/${encodeURIComponent(key)}${schemaPath}`;
    else if (step.keyword === "anyOf") schemaPath = `/anyOf/${key}${schemaPath}`;
    else schemaPath = `/${step.keyword}${schemaPath}`;
  }
  return { instancePath, schemaPath: `#${schemaPath}` };
}

function below(place: Place | undefined, keyword: Place["keyword"], key: string | number): Place {
  return { up: place, keyword, key };
}

/** Checks `data` against `schema`, filling in defaults in place; no errors means valid. */
export function schemaErrors(schema: JsonSchema, data: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(schema, data, undefined, errors);
  return errors;
}

/** One schema applied to one value. */
interface Visit {
  schema: JsonSchema;
  data: unknown;
  place: Place | undefined;
  errors: SchemaError[];
}

function report(visit: Visit, keyword: string, params: Record<string, unknown>, message: string, keywordSchema: unknown): void {
  const { instancePath, schemaPath } = pathsOf(visit.place);
  visit.errors.push({ instancePath, schemaPath: `${schemaPath}/${keyword}`, keyword, params, message, schema: keywordSchema, parentSchema: visit.schema, data: visit.data });
}

function check(schema: JsonSchema, data: unknown, place: Place | undefined, errors: SchemaError[]): void {
  const visit: Visit = { schema, data, place, errors };
  const { type } = schema;
  const { groups, typeWaits } = planOf(schema);
  if (type !== undefined && !typeWaits && !isOfType(type, data)) report(visit, "type", { type }, `must be ${type}`, type);
  if (schema.enum !== undefined && !schema.enum.some((value) => value === data)) {
    report(visit, "enum", { allowedValues: schema.enum }, "must be equal to one of the allowed values", schema.enum);
  }
  if (schema.anyOf !== undefined) checkAnyOf(visit, schema.anyOf);
  for (const group of groups) {
    if (isOfType(group, data)) GROUP_CHECKS[group](visit, data as never);
    else if (typeWaits && type === group) report(visit, "type", { type }, `must be ${type}`, type);
  }
}

interface Plan {
  /** The type groups whose keywords the schema has, in Ajv's order. */
  groups: Group[];
  /** Ajv checks the type where the keywords of that type run when the schema has some; otherwise first. */
  typeWaits: boolean;
  properties: [string, JsonSchema][];
  /** The properties' defaults, each with how to make a fresh copy of it. */
  defaults: [string, () => unknown][];
}

const plans = new WeakMap<JsonSchema, Plan>();

function planOf(schema: JsonSchema): Plan {
  let plan = plans.get(schema);
  if (!plan) {
    const groups = GROUPS.filter((group) => GROUP_KEYWORDS[group].some((keyword) => schema[keyword] !== undefined));
    const properties = Object.entries(schema.properties ?? {});
    const defaults = properties.filter(([, property]) => property.default !== undefined).map(([key, property]): [string, () => unknown] => [key, freshCopy(property.default)]);
    plans.set(schema, (plan = { groups, typeWaits: groups.includes(schema.type as Group), properties, defaults }));
  }
  return plan;
}

/** Ajv writes each default into its code as a literal: every use gets a value of its own. */
function freshCopy(value: unknown): () => unknown {
  if (typeof value !== "object" || value === null) return () => value;
  if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return Array.isArray(value) ? () => [] : () => ({});
  return () => structuredClone(value);
}

type GroupCheck<T> = (visit: Visit, data: T) => void;

/** Ajv's type tests with strictNumbers: NaN and the infinities are not numbers. */
function isOfType(type: string, data: unknown): boolean {
  switch (type) {
    case "number":
      return typeof data === "number" && Number.isFinite(data);
    case "integer":
      return typeof data === "number" && data % 1 === 0;
    case "object":
      return typeof data === "object" && data !== null && !Array.isArray(data);
    case "array":
      return Array.isArray(data);
    default:
      return typeof data === type;
  }
}

function checkAnyOf(visit: Visit, branches: JsonSchema[]): void {
  const { errors } = visit;
  const before = errors.length;
  for (const [index, branch] of branches.entries()) {
    const start = errors.length;
    check(branch, visit.data, below(visit.place, "anyOf", index), errors);
    if (errors.length === start) {
      errors.length = before;
      return;
    }
  }
  report(visit, "anyOf", {}, "must match a schema in anyOf", branches);
}

const LIMITS = {
  maximum: { comparison: "<=", fails: (value: number, limit: number) => value > limit },
  minimum: { comparison: ">=", fails: (value: number, limit: number) => value < limit },
  exclusiveMinimum: { comparison: ">", fails: (value: number, limit: number) => value <= limit },
} as const;

const checkNumber: GroupCheck<number> = (visit, data) => {
  const { schema } = visit;
  for (const keyword of GROUP_KEYWORDS.number as (keyof typeof LIMITS)[]) {
    const limit = schema[keyword];
    if (limit === undefined) continue;
    const { comparison, fails } = LIMITS[keyword];
    if (fails(data, limit)) report(visit, keyword, { comparison, limit }, `must be ${comparison} ${limit}`, limit);
  }
};

const patterns = new Map<string, RegExp>();

const checkString: GroupCheck<string> = (visit, data) => {
  const { maxLength, minLength, pattern } = visit.schema;
  if (maxLength !== undefined && codePoints(data) > maxLength) report(visit, "maxLength", { limit: maxLength }, `must NOT have more than ${maxLength} characters`, maxLength);
  if (minLength !== undefined && codePoints(data) < minLength) report(visit, "minLength", { limit: minLength }, `must NOT have fewer than ${minLength} characters`, minLength);
  if (pattern !== undefined) {
    let regExp = patterns.get(pattern);
    if (!regExp) patterns.set(pattern, (regExp = new RegExp(pattern, "u")));
    if (!regExp.test(data)) report(visit, "pattern", { pattern }, `must match pattern "${pattern}"`, pattern);
  }
};

/** Length in code points, as Ajv counts it: a surrogate pair is one character, a lone surrogate too. */
function codePoints(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++, length++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}

const checkArray: GroupCheck<unknown[]> = (visit, data) => {
  const { maxItems, minItems, items, uniqueItems } = visit.schema;
  if (maxItems !== undefined && data.length > maxItems) report(visit, "maxItems", { limit: maxItems }, `must NOT have more than ${maxItems} items`, maxItems);
  if (minItems !== undefined && data.length < minItems) report(visit, "minItems", { limit: minItems }, `must NOT have fewer than ${minItems} items`, minItems);
  if (items !== undefined) {
    for (const [index, item] of data.entries()) {
      check(items, item, below(visit.place, "items", index), visit.errors);
    }
  }
  if (uniqueItems === true) {
    const duplicate = firstDuplicate(data, items?.type);
    if (duplicate) report(visit, "uniqueItems", duplicate, `must NOT have duplicate items (items ## ${duplicate.j} and ${duplicate.i} are identical)`, uniqueItems);
  }
};

/**
 * The pair Ajv names for the first duplicate it meets, scanning from the end. With a scalar item type it keeps
 * the last index of each value seen and skips items of another type; otherwise it compares each item with every
 * earlier one. The two scans can name different pairs for the same array.
 */
function firstDuplicate(data: unknown[], itemType: string | undefined): { i: number; j: number } | undefined {
  if (itemType !== undefined && itemType !== "object" && itemType !== "array") {
    const lastIndex: Record<string, unknown> = {};
    for (let i = data.length - 1; i >= 0 && data.length > 1; i--) {
      const item = data[i];
      if (!isOfType(itemType, item)) continue;
      const seen = lastIndex[item as string];
      if (typeof seen === "number") return { i, j: seen };
      lastIndex[item as string] = i;
    }
    return undefined;
  }
  for (let i = data.length - 1; i >= 0 && data.length > 1; i--) {
    for (let j = i - 1; j >= 0; j--) if (deepEqual(data[i], data[j])) return { i, j };
  }
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

const checkObject: GroupCheck<Record<string, unknown>> = (visit, data) => {
  const { schema, place, errors } = visit;
  const { required, additionalProperties, properties = {} } = schema;
  const plan = planOf(schema);
  let filled: Set<string> | undefined;
  for (const [key, copy] of plan.defaults) {
    if (data[key] !== undefined) continue;
    data[key] = copy();
    (filled ??= new Set()).add(key);
  }
  for (const key of required ?? []) {
    if (data[key] === undefined) report(visit, "required", { missingProperty: key }, `must have required property '${key}'`, required);
  }
  if (additionalProperties !== undefined && additionalProperties !== true) {
    for (const key in data) {
      if (Object.hasOwn(properties, key)) continue;
      if (additionalProperties === false) report(visit, "additionalProperties", { additionalProperty: key }, "must NOT have additional properties", false);
      else check(additionalProperties, data[key], below(place, "additionalProperties", key), errors);
    }
  }
  for (const [key, property] of plan.properties) {
    if (data[key] === undefined) continue;
    if (filled?.has(key)) fillDefaults(property, data[key]);
    else check(property, data[key], below(place, "properties", key), errors);
  }
};

/**
 * Puts in the defaults inside a default just put in, as checking it would, without checking it: every default of
 * the policy schema is valid (the test compares the policies it fills in with Ajv's, errors included), and for a
 * short policy file the defaults are most of what there is to check.
 */
function fillDefaults(schema: JsonSchema, data: unknown): void {
  const plan = planOf(schema);
  if (plan.groups.includes("object") && isOfType("object", data)) {
    const object = data as Record<string, unknown>;
    for (const [key, copy] of plan.defaults) if (object[key] === undefined) object[key] = copy();
    for (const [key, property] of plan.properties) if (object[key] !== undefined) fillDefaults(property, object[key]);
    const { additionalProperties, properties = {} } = schema;
    if (typeof additionalProperties === "object") for (const key in object) if (!Object.hasOwn(properties, key)) fillDefaults(additionalProperties, object[key]);
  }
  if (schema.items !== undefined && Array.isArray(data)) for (const item of data) fillDefaults(schema.items, item);
}

/** A key as one JSON Pointer segment (RFC 6901). */
function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

const GROUP_CHECKS: Record<Group, GroupCheck<never>> = { number: checkNumber, string: checkString, array: checkArray, object: checkObject };
