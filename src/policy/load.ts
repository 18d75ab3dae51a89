import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Document, Node } from "yaml";
import { UserError } from "../core/errors.ts";
import { policySchema } from "./schema.ts";
import type { LoadedPolicy, Policy } from "./types.ts";
import type { JsonSchema } from "./json-schema.ts";

export const DEFAULT_POLICY_PATH = ".github/shipgate.yml";
const MAX_POLICY_BYTES = 1024 * 1024;

// The validator and the YAML parser are loaded only when there is a policy file to read: an action
// configured by inputs alone starts without them.
let validator: ValidateFunction | undefined;
async function validate(data: unknown): Promise<{ ok: boolean; errors: ErrorObject[] }> {
  if (!validator) {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    validator = new Ajv2020({ allErrors: true, useDefaults: true, strict: true, verbose: true }).compile(policySchema);
  }
  const ok = validator(data) === true;
  return { ok, errors: validator.errors ?? [] };
}

/** The schema's defaults, as the validator's useDefaults would fill them into an empty file. */
export function defaultPolicy(schema: JsonSchema = policySchema): Policy {
  const fill = (node: JsonSchema, value: unknown): unknown => {
    if (node.type !== "object" || !node.properties) return value;
    const object = { ...(value as Record<string, unknown>) };
    for (const [key, child] of Object.entries(node.properties)) {
      if (object[key] === undefined && child.default !== undefined) object[key] = structuredClone(child.default);
      if (object[key] !== undefined) object[key] = fill(child, object[key]);
    }
    return object;
  };
  return fill(schema, {}) as Policy;
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
function lineOf(doc: Document, source: string, segments: (string | number)[], yaml: typeof import("yaml")): number | undefined {
  const { isMap, isSeq } = yaml;
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
export async function validatePolicy(data: unknown, where: string, parsed?: { doc: Document; source: string; yaml: typeof import("yaml") }): Promise<Policy> {
  const root = data === null || data === undefined ? {} : data;
  const { ok, errors } = await validate(root);
  if (!ok) {
    const lines = errors.slice(0, 10).map((error) => {
      const { segments, text } = describeError(error);
      const line = parsed ? lineOf(parsed.doc, parsed.source, segments, parsed.yaml) : undefined;
      return `${where}${line ? `:${line}` : ""}: ${keyPath(segments)}: ${text}`;
    });
    const more = errors.length > 10 ? `\n(and ${errors.length - 10} more)` : "";
    throw new UserError(`invalid policy:\n${lines.join("\n")}${more}`);
  }
  return root as Policy;
}

export async function parsePolicyText(source: string, where: string): Promise<Policy> {
  const yaml = await import("yaml");
  const doc = yaml.parseDocument(source.replace(/^\uFEFF/, ""), { uniqueKeys: true });
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
  return validatePolicy(data, where, { doc, source, yaml });
}

/**
 * Loads the policy file. An explicitly named file must exist; the default path may be absent,
 * in which case only the built-in defaults apply.
 */
export async function loadPolicy(options: { file?: string; cwd: string }): Promise<LoadedPolicy> {
  const explicit = Boolean(options.file);
  const relative = options.file || DEFAULT_POLICY_PATH;
  const absolute = path.resolve(options.cwd, relative);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UserError(`${relative}: the policy file is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !explicit) {
      return { policy: defaultPolicy(), source: null };
    }
    throw new UserError(`${relative}: cannot read the policy file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > MAX_POLICY_BYTES) throw new UserError(`${relative}: the policy file is ${size} bytes; at most ${MAX_POLICY_BYTES} are accepted`);
  const source = await readFile(absolute, "utf8");
  return { policy: await parsePolicyText(source, relative), source: relative };
}
