import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { isMap, isSeq, parseDocument, type Document, type Node } from "yaml";
import { UserError } from "../core/errors.ts";
import { policySchema } from "./schema.ts";
import type { Policy } from "./types.ts";

let validator: ValidateFunction | undefined;
function validate(data: unknown): { ok: boolean; errors: ErrorObject[] } {
  validator ??= new Ajv2020({ allErrors: true, useDefaults: true, strict: true, verbose: true }).compile(policySchema);
  const ok = validator(data) === true;
  return { ok, errors: validator.errors ?? [] };
}

/** "/gates/coverage/lines" -> "gates.coverage.lines" (array items as [i]). */
function keyPath(segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => (typeof s === "number" ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "") || "(top level)";
}

function segmentsOf(instancePath: string): (string | number)[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeError(error: ErrorObject): { segments: (string | number)[]; text: string } {
  const segments = segmentsOf(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(schema?.properties ?? {}).join(", ");
      return { segments: [...segments, key], text: `unknown key${known ? `; expected one of: ${known}` : ""}` };
    }
    case "type":
      return { segments, text: `expected ${String(p.type)}` };
    case "enum":
      return { segments, text: `expected one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
      return { segments, text: `expected a number ${error.message?.replace(/^must be /, "")}` };
    case "pattern":
      return { segments, text: `expected a string matching ${String(p.pattern)}` };
    case "minLength":
    case "minItems":
      return { segments, text: `expected ${error.message?.replace(/^must /, "") ?? "a longer value"}` };
    case "required":
      return { segments: [...segments, String(p.missingProperty)], text: "required key is missing" };
    default:
      return { segments, text: `expected a value that ${error.message ?? "matches the schema"}` };
  }
}

/** The 1-based line of a key path in the YAML source, for messages that say where to look. */
function lineOf(doc: Document, source: string, segments: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      range = (pair.key as Node).range ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      range = (node as Node | undefined)?.range ?? range;
    } else break;
  }
  if (!range) return undefined;
  return source.slice(0, range[0]).split("\n").length;
}

/** Validates already-parsed policy data; exported for action inputs that carry YAML too. */
export function validatePolicy(data: unknown, where: string, parsed?: { doc: Document; source: string }): Policy {
  const root = data === null || data === undefined ? {} : data;
  const { ok, errors } = validate(root);
  if (!ok) {
    const lines = errors.slice(0, 10).map((error) => {
      const { segments, text } = describeError(error);
      const line = parsed ? lineOf(parsed.doc, parsed.source, segments) : undefined;
      return `${where}${line ? `:${line}` : ""}: ${keyPath(segments)}: ${text}`;
    });
    const more = errors.length > 10 ? `\n(and ${errors.length - 10} more)` : "";
    throw new UserError(`invalid policy:\n${lines.join("\n")}${more}`);
  }
  return root as Policy;
}

export function parsePolicyText(source: string, where: string): Policy {
  const doc = parseDocument(source.replace(/^\uFEFF/, ""), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new UserError(`${where}${line ? `:${line}` : ""}: not valid YAML: ${first.message.split("\n")[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new UserError(`${where}: not usable YAML: ${(error as Error).message}`);
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    throw new UserError(`${where}: expected a mapping of keys at the top level`);
  }
  return validatePolicy(data, where, { doc, source });
}

