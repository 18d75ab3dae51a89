/**
 * The sizes GitHub refuses with 422 although its OpenAPI description sets no maxLength: issue, pull request and
 * comment bodies over 65,536 characters, release bodies over 125,000, check-run summaries and texts over 65,535,
 * more than 50 annotations in one request, an annotation message over 64 KB. GitHub counts characters as its
 * Rails validations do (code points), and messages in bytes. A client that sends more is a contract violation.
 */
import type { SchemaProblem } from "./openapi.ts";

type Field = { path: string[]; max: number; unit: "characters" | "bytes" | "items" };

const BODY = (max: number): Field => ({ path: ["body"], max, unit: "characters" });
const TITLE: Field = { path: ["title"], max: 256, unit: "characters" };
const CHECK_OUTPUT: Field[] = [
  { path: ["output", "summary"], max: 65_535, unit: "characters" },
  { path: ["output", "text"], max: 65_535, unit: "characters" },
  { path: ["output", "annotations"], max: 50, unit: "items" },
];

const LIMITS: Record<string, Field[]> = {
  "issues/create": [BODY(65_536), TITLE],
  "issues/update": [BODY(65_536), TITLE],
  "issues/create-comment": [BODY(65_536)],
  "issues/update-comment": [BODY(65_536)],
  "pulls/create": [BODY(65_536), TITLE],
  "pulls/update": [BODY(65_536), TITLE],
  "repos/create-release": [BODY(125_000)],
  "repos/update-release": [BODY(125_000)],
  "checks/create": CHECK_OUTPUT,
  "checks/update": CHECK_OUTPUT,
};

function sizeOf(value: unknown, unit: Field["unit"]): number | undefined {
  if (unit === "items") return Array.isArray(value) ? value.length : undefined;
  if (typeof value !== "string") return undefined;
  return unit === "bytes" ? Buffer.byteLength(value, "utf8") : [...value].length;
}

/** What in a request body GitHub would refuse as too long; empty when nothing. */
export function oversizedFields(operationId: string, body: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const field of LIMITS[operationId] ?? []) {
    let value: unknown = body;
    for (const key of field.path) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    const size = sizeOf(value, field.unit);
    if (size !== undefined && size > field.max) problems.push({ at: field.path.join("."), message: `is too long (maximum is ${field.max} ${field.unit}; got ${size})` });
  }
  if (operationId.startsWith("checks/")) {
    const annotations = (body as { output?: { annotations?: { message?: unknown; title?: unknown }[] } } | undefined)?.output?.annotations ?? [];
    annotations.forEach((annotation, i) => {
      const message = sizeOf(annotation.message, "bytes");
      if (message !== undefined && message > 65_536) problems.push({ at: `output.annotations[${i}].message`, message: `is too long (maximum is 64 KB; got ${message} bytes)` });
      const title = sizeOf(annotation.title, "characters");
      if (title !== undefined && title > 255) problems.push({ at: `output.annotations[${i}].title`, message: `is too long (maximum is 255 characters; got ${title})` });
    });
  }
  return problems;
}
