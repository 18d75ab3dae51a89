import { UserError } from "../core/errors.ts";
import { policySchema } from "./schema.ts";
import { schemaErrors, type SchemaError } from "./schema-validator.ts";
import { parseSimpleYaml } from "./simple-yaml.ts";
import type { Policy } from "./types.ts";
import { SEMVER_PATTERN } from "./sections/release.ts";
import { runbooksIssues } from "./sections/runbooks-issues.ts";
import { windowsIssues, type PolicyIssue } from "./sections/windows-issues.ts";

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

function describeError(error: SchemaError): { segments: (string | number)[]; text: string } {
  const segments = segmentsOf(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(p.additionalProperty);
      const known = Object.keys(error.parentSchema.properties ?? {}).join(", ");
      return { segments: [...segments, key], text: `unknown key${known ? `; expected one of: ${known}` : ""}` };
    }
    case "type":
      return { segments, text: `expected ${String(p.type)}` };
    case "enum":
      return { segments, text: `expected one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
      return { segments, text: `expected a number ${error.message.replace(/^must be /, "")}` };
    case "pattern":
      if (p.pattern === SEMVER_PATTERN) return { segments, text: `expected a semver version X.Y.Z (e.g. 1.0.0), got ${JSON.stringify(error.data)}` };
      return { segments, text: `expected a string matching ${String(p.pattern)}` };
    case "minLength":
    case "minItems":
      return { segments, text: `expected ${error.message.replace(/^must /, "")}` };
    case "required":
      return { segments: [...segments, String(p.missingProperty)], text: "required key is missing" };
    default:
      return { segments, text: `expected a value that ${error.message}` };
  }
}

/** Validates already-parsed policy data; exported for action inputs that carry YAML too. */
export function validatePolicy(data: unknown, where: string): Policy {
  const root = data === null || data === undefined ? {} : data;
  const issues = issuesOf(root);
  if (issues.length > 0) throwIssues(issues, where);
  return root as Policy;
}

interface Issue {
  segments: (string | number)[];
  text: string;
}

/** The schema's errors; when there are none, what the semantic checks find. */
function issuesOf(root: unknown): Issue[] {
  const errors = schemaErrors(policySchema, root);
  if (errors.length > 0) return errors.map(describeError);
  const policy = root as Policy;
  return semanticChecks.flatMap((check) => check(policy)).map((issue) => ({ segments: issue.path, text: issue.message }));
}

/** Checks that JSON Schema cannot express (time zones that exist, ranges that end after they start); run after it passes. */
const semanticChecks: ((policy: Policy) => PolicyIssue[])[] = [(policy) => windowsIssues(policy.windows), (policy) => runbooksIssues(policy.runbooks)];

function throwIssues(issues: Issue[], where: string, lineOf?: (segments: (string | number)[]) => number | undefined): never {
  const lines = issues.slice(0, 10).map(({ segments, text }) => {
    const line = lineOf?.(segments);
    return `${where}${line ? `:${line}` : ""}: ${keyPath(segments)}: ${text}`;
  });
  const more = issues.length > 10 ? `\n(and ${issues.length - 10} more)` : "";
  throw new UserError(`invalid policy:\n${lines.join("\n")}${more}`);
}

/**
 * Parses YAML safely: duplicate keys refused, alias expansion bounded, errors naming `where` and the line.
 * The fast path reads what policy files are made of; the full parser loads only for what it declines.
 */
export async function parseYaml(source: string, where: string): Promise<unknown> {
  const text = withoutBom(source);
  const deep = tooDeep(text);
  if (deep) throw new UserError(`${where}:${deep}: nested more than ${MAX_NESTING} levels deep; a policy file needs a handful`);
  const simple = parseSimpleYaml(text);
  if (simple) return simple.value;
  const { parseFullYaml } = await import("./full-yaml.ts");
  return parseFullYaml(text, where);
}

const withoutBom = (source: string): string => source.replace(/^\uFEFF/, "");

/** Far beyond any policy file, far below what exhausts the YAML parser's stack (a few thousand). */
const MAX_NESTING = 64;

/**
 * The line at which flow collections (`[`, `{`) or block indentation nest deeper than MAX_NESTING, or undefined.
 * Checked before parsing: the parser recurses per level and would fail with "Maximum call stack size exceeded".
 */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  let indents: number[] = [];
  let quote: string | undefined;
  let comment = false;
  let column = 0;
  let atLineStart = true;
  let previous = "\n";
  for (const char of text) {
    if (char === "\n") {
      line++;
      comment = false;
      atLineStart = true;
      column = 0;
      previous = char;
      continue;
    }
    if (atLineStart && char === " ") {
      column++;
      previous = char;
      continue;
    }
    if (atLineStart && char !== "#" && depth === 0 && quote === undefined) {
      indents = indents.filter((indent) => indent < column);
      indents.push(column);
      if (indents.length > MAX_NESTING) return line;
    }
    atLineStart = false;
    if (comment) continue;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "#" && /\s/.test(previous)) comment = true;
    // A quote opens a scalar only where a value starts (not the apostrophe of "it's").
    else if ((char === '"' || char === "'") && /[\s[{,:]/.test(previous)) quote = char;
    else if (char === "[" || char === "{") {
      depth++;
      if (depth > MAX_NESTING) return line;
    } else if ((char === "]" || char === "}") && depth > 0) depth--;
    previous = char;
  }
  return undefined;
}

export async function parsePolicyText(source: string, where: string): Promise<Policy> {
  const data = await parseYaml(source, where);
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    throw new UserError(`${where}: expected a mapping of keys at the top level`);
  }
  const root = data === null || data === undefined ? {} : data;
  const issues = issuesOf(root);
  if (issues.length > 0) {
    // Rare, so the full parser's node ranges are worth loading here for the line numbers.
    const { lineFinder } = await import("./full-yaml.ts");
    throwIssues(issues, where, lineFinder(withoutBom(source), source));
  }
  return root as Policy;
}
