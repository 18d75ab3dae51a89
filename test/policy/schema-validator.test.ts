/**
 * src/policy/schema-validator.ts against Ajv, the validator it replaces: for each input, the same errors (every
 * field, in the same order) and the same data afterwards (the same defaults filled in). Inputs: every policy
 * written in the repository (.github/shipgate.yml, the YAML blocks of the docs), a policy with every key of the
 * schema set, that policy with each value in turn replaced by each of a set of hostile values, each key removed
 * and an unknown key added, random combinations of those, and small schemas for what the policy schema does not
 * reach today.
 */
import { Ajv2020, type AnySchema } from "ajv/dist/2020.js";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { JsonSchema } from "../../src/policy/json-schema.ts";
import { policySchema } from "../../src/policy/schema.ts";
import { schemaErrors } from "../../src/policy/schema-validator.ts";
import { fullInstance } from "./support/full-instance.ts";

const root = path.resolve(import.meta.dirname, "../..");
const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: true, verbose: true });
const ajvPolicy = ajv.compile(policySchema);

function expectSameAsAjv(schema: JsonSchema, data: unknown, validate = schema === policySchema ? ajvPolicy : ajv.compile(schema as AnySchema)): void {
  const ajvData = structuredClone(data);
  const ourData = structuredClone(data);
  const ajvValid = validate(ajvData);
  const ours = schemaErrors(schema, ourData);
  const ajvErrors = validate.errors ?? [];
  // isDeepStrictEqual first: the diffing matchers take seconds over thousands of whole policies.
  if (isDeepStrictEqual(ours, ajvErrors) && isDeepStrictEqual(ourData, ajvData) && ajvValid === (ours.length === 0)) return;
  expect(ours).toStrictEqual(ajvErrors);
  expect(ourData).toStrictEqual(ajvData);
  expect(ours.length === 0).toBe(ajvValid);
}

/** The policies the repository itself writes: its own, and every YAML block of the docs whose keys are sections. */
function writtenPolicies(): [string, unknown][] {
  const sections = new Set(Object.keys(policySchema.properties!));
  const found: [string, unknown][] = [[".github/shipgate.yml", parse(readFileSync(path.join(root, ".github/shipgate.yml"), "utf8"))]];
  const docs = ["README.md", ...readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
  for (const doc of docs) {
    const blocks = readFileSync(path.join(root, doc), "utf8").matchAll(/```ya?ml\n([\s\S]*?)```/g);
    for (const [index, [, block]] of [...blocks].entries()) {
      let data: unknown;
      try {
        data = parse(block!);
      } catch {
        continue;
      }
      if (data && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length > 0 && Object.keys(data).every((key) => sections.has(key))) {
        found.push([`${doc} block ${index + 1}`, data]);
      }
    }
  }
  return found;
}

type Path = (string | number)[];

/** Every path to a value inside `data`, the root excluded. */
function pathsOf(data: unknown, prefix: Path = []): Path[] {
  if (data === null || typeof data !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(data) ? data.map((v, i) => [i, v]) : Object.entries(data);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...pathsOf(value, [...prefix, key])]);
}

function parentOf(data: unknown, at: Path): Record<string | number, unknown> {
  return at.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], data) as Record<string | number, unknown>;
}

const HOSTILE: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e9, Number.POSITIVE_INFINITY, Number.NaN, "", "x", "🎉🎉🎉", "\ud800", "a".repeat(300), "10:00", "P1", "1m",
  [], ["a", "a"], [1, 1, 2], ["b", 2, "b"], [{}], {}, { "un/known~key": 1 },
];

type Mutation = (data: unknown) => void;

function mutationsOf(data: unknown): [string, Mutation][] {
  const found: [string, Mutation][] = [];
  for (const at of pathsOf(data)) {
    const key = at[at.length - 1]!;
    for (const value of HOSTILE) found.push([`${at.join(".")} = ${String(value).slice(0, 12)}`, (d) => void (parentOf(d, at)[key] = structuredClone(value))]);
    found.push([`${at.join(".")} removed`, (d) => {
      const parent = parentOf(d, at);
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    }]);
  }
  for (const at of [[], ...pathsOf(data)]) {
    const nodeOf = (d: unknown) => (at.length === 0 ? d : parentOf(d, at)[at[at.length - 1]!]) as Record<string, unknown>;
    const node = nodeOf(data);
    if (!node || typeof node !== "object" || Array.isArray(node)) continue;
    found.push([`${at.join(".")} gains an unknown key`, (d) => void (nodeOf(d)["zz/~unknown"] = 1)]);
    // An unknown key and every other key gone: Ajv reports missing required keys before unknown ones.
    found.push([`${at.join(".")} has only an unknown key`, (d) => {
      const target = nodeOf(d);
      for (const key of Object.keys(target)) delete target[key];
      target["zz/~unknown"] = 1;
    }]);
  }
  return found;
}

/** A small seeded generator (mulberry32), so that a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the policy schema's validator answers as Ajv does", () => {
  it.each(writtenPolicies())("on %s", (_, data) => expectSameAsAjv(policySchema, data));

  it("on an empty policy, where every default is filled in (and Ajv checks each: the validator does not)", () => expectSameAsAjv(policySchema, {}));

  const full = fullInstance(policySchema);
  it("on a policy with every key of the schema set", () => {
    expect(pathsOf(full).length).toBeGreaterThan(300);
    expectSameAsAjv(policySchema, full);
  });

  it("on that policy with each value replaced by each hostile value, each key removed, an unknown key added", () => {
    const mutations = mutationsOf(full);
    expect(mutations.length).toBeGreaterThan(5000);
    for (const [name, mutate] of mutations) {
      const data = structuredClone(full);
      mutate(data);
      expect.soft(() => expectSameAsAjv(policySchema, data), name).not.toThrow();
    }
  });

  it("on random combinations of several of those mutations (seeded)", () => {
    const mutations = mutationsOf(full);
    const next = random(16);
    for (let round = 0; round < 400; round++) {
      const data = structuredClone(full);
      for (let n = 2 + Math.floor(next() * 6); n > 0; n--) {
        try {
          mutations[Math.floor(next() * mutations.length)]![1](data);
        } catch {
          // An earlier mutation removed the path this one goes through.
        }
      }
      expectSameAsAjv(policySchema, data);
    }
  });
});

describe("the validator answers as Ajv does on what the policy schema does not reach today", () => {
  const cases: [string, JsonSchema, unknown[]][] = [
    ["a type that waits for its keywords, after enum", { type: "string", minLength: 2, enum: ["ab", "cd"] }, [5, "a", "ab", null]],
    ["a type checked first, before enum", { type: "string", enum: ["ab"] }, [5, "zz"]],
    ["an integer with number limits", { type: "integer", minimum: 2, maximum: 4 }, [1.5, 5.5, 3, "3", Number.NaN]],
    ["unique items without an item type (compared in depth)", { type: "array", uniqueItems: true }, [[1, 2, 1], [{ a: [1] }, { a: [1] }], [[1], [2]], ["1", 1], [Number.NaN, Number.NaN]]],
    ["unique objects", { type: "array", uniqueItems: true, items: { type: "object" } }, [[{ a: 1 }, { a: 2 }, { a: 1 }], [{}, { b: undefined }]]],
    ["unique integers, another type skipped", { type: "array", uniqueItems: true, items: { type: "integer" } }, [[1, "1", 2, 1], ["a", "a"], [3, 3.5, 3]]],
    ["nested anyOf", { anyOf: [{ anyOf: [{ type: "integer" }, { type: "string", pattern: "^a" }] }, { type: "boolean" }] }, [1, "ab", "b", true, null]],
    ["a map of values", { type: "object", additionalProperties: { type: "string", maxLength: 2 }, properties: { known: { type: "integer" } } }, [{ a: "xyz", "b/c~": 1, known: "k" }, { "1": "x", known: 2 }]],
    ["required keys with a default", { type: "object", required: ["a", "b"], properties: { a: { type: "string", default: "d" }, b: { type: "integer" } } }, [{}, { b: 1 }, { a: 3 }]],
  ];
  it.each(cases)("%s", (_, schema, values) => {
    const validate = ajv.compile(schema as AnySchema);
    for (const value of values) expectSameAsAjv(schema, value, validate);
  });
});

describe("the policy schema uses only what the validator implements", () => {
  const implemented = new Set(["type", "properties", "additionalProperties", "required", "items", "enum", "anyOf", "default", "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "pattern", "description", "examples", "$schema", "$id", "title"]);
  function keywordsOf(schema: JsonSchema): string[] {
    const nested = [...Object.values(schema.properties ?? {}), ...(schema.anyOf ?? []), ...(schema.items ? [schema.items] : []), ...(typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : [])];
    return [...Object.keys(schema), ...nested.flatMap(keywordsOf)];
  }
  it("every keyword", () => {
    expect([...new Set(keywordsOf(policySchema))].filter((keyword) => !implemented.has(keyword))).toEqual([]);
  });
});
