import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";

/**
 * GitHub's official OpenAPI description (@octokit/openapi), loaded once per process and shared by every
 * simulator: a path-template matcher over all operations, and validators compiled lazily per operation.
 */

export type JsonSchema = Record<string, unknown>;

interface RawParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  "x-multi-segment"?: boolean;
}

interface RawOperation {
  operationId: string;
  parameters?: ({ $ref: string } | RawParameter)[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

interface Spec {
  paths: Record<string, Record<string, RawOperation>>;
  components: Record<string, Record<string, unknown>>;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template as the description spells it, e.g. /repos/{owner}/{repo}/pulls/{pull_number}. */
  template: string;
  parameters: RawParameter[];
  /** JSON pointer (inside the description) of the application/json request body schema, if any. */
  bodyPointer?: string;
  bodyRequired: boolean;
  /** Other request content types (text/plain, octet-stream): accepted without schema validation. */
  otherBodyTypes: string[];
  /** Status code ("200", "default", ...) -> JSON pointer of its application/json schema. */
  responsePointers: Map<string, string>;
  /** Every status the description lists for the operation, with or without a body. */
  statuses: Set<string>;
}

export interface MatchedOperation {
  operation: Operation;
  /** Decoded path parameters, still strings. */
  pathParams: Record<string, string>;
}

export interface SchemaProblem {
  /** Where in the checked document: `body/output/annotations/0/start_line`, `query/per_page`. */
  at: string;
  message: string;
}

interface CompiledTemplate {
  operation: Operation;
  pattern: RegExp;
  names: string[];
  /** Literal characters in the template: the more, the more specific (compare/{base}...{head} beats compare/{basehead}). */
  literalLength: number;
}

/** Base of the ids under which parts of the description are registered with Ajv. */
const SCHEMA_BASE = "https://simulator.invalid/schema/";
const METHODS = new Set(["get", "put", "post", "patch", "delete", "head", "options"]);

function pointerOf(...segments: string[]): string {
  return "#/" + segments.map((s) => s.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

/**
 * OpenAPI 3.0 spellings that JSON Schema validators read differently: `nullable` without `type` (Ajv refuses it),
 * `nullable` enums that do not list null, and formatted strings whose declared default ("") the format refuses.
 * Rewritten in place, once, before anything is compiled.
 */
function normalizeNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normalizeNullable(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) normalizeNullable(value);
  if (schema.type === "string" && typeof schema.format === "string" && schema.default === "") {
    // Deployment statuses' URLs: format uri, default "" (what GitHub sends when none was given).
    schema.anyOf = [{ maxLength: 0 }, { format: schema.format }];
    delete schema.format;
  }
  if (schema.nullable !== true) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
  if (schema.type === undefined) {
    const rest = { ...schema };
    delete rest.nullable;
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [{ type: "null" }, rest];
  }
}

const formats: Record<string, RegExp | true> = {
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/,
  email: /^[^\s@]+@[^\s@]+$/,
  "uri-template": true,
  int32: true,
  int64: true,
  double: true,
  timestamp: true,
  binary: true,
  "repo.nwo": true,
};

export class OpenApiDescription {
  readonly spec: Spec;
  private readonly templates: CompiledTemplate[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly ajv: Ajv;
  private readonly paramAjv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  /** JSON pointer -> Ajv id of the schemas registered so far. */
  private readonly registered = new Map<string, string>();

  constructor(spec: Spec) {
    this.spec = spec;
    normalizeNullable(spec.paths);
    normalizeNullable(spec.components);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, formats, logger: false });
    this.paramAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: "array", validateSchema: false, formats, logger: false });
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        this.addOperation(template, method, raw);
      }
    }
  }

  private addOperation(template: string, method: string, raw: RawOperation): void {
    const parameters = (raw.parameters ?? []).map((p) => this.resolve<RawParameter>(p));
    const json = raw.requestBody?.content["application/json"];
    const responsePointers = new Map<string, string>();
    for (const [status, response] of Object.entries(raw.responses)) {
      const resolved = response.$ref ? this.resolve<typeof response>(response) : response;
      if (resolved.content?.["application/json"]?.schema) {
        const base = response.$ref ? response.$ref.slice(1).split("/").slice(1) : ["paths", template, method, "responses", status];
        responsePointers.set(status, pointerOf(...base, "content", "application/json", "schema"));
      }
    }
    const operation: Operation = {
      operationId: raw.operationId,
      method: method.toUpperCase(),
      template,
      parameters,
      ...(json?.schema ? { bodyPointer: pointerOf("paths", template, method, "requestBody", "content", "application/json", "schema") } : {}),
      bodyRequired: raw.requestBody?.required === true,
      otherBodyTypes: Object.keys(raw.requestBody?.content ?? {}).filter((type) => type !== "application/json"),
      responsePointers,
      statuses: new Set(Object.keys(raw.responses)),
    };
    this.byId.set(operation.operationId, operation);
    const names: string[] = [];
    let literalLength = 0;
    // The templates come from the official description, not from a request: compiling them is safe.
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (part.startsWith("{") && part.endsWith("}")) {
          const name = part.slice(1, -1);
          names.push(name);
          const multi = parameters.some((p) => p.name === name && p["x-multi-segment"] === true);
          return multi ? "(.+?)" : "([^/]+?)";
        }
        literalLength += part.length;
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    this.templates.push({ operation, pattern: new RegExp(`^${source}$`), names, literalLength });
  }

  /** Follows a local `$ref` ("#/components/parameters/owner") inside the description. */
  resolve<T>(node: unknown): T {
    let current = node as { $ref?: string };
    for (let hops = 0; hops < 32 && current && typeof current.$ref === "string"; hops++) {
      let target: unknown = this.spec;
      for (const segment of current.$ref.slice(2).split("/")) {
        target = (target as Record<string, unknown>)[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
      }
      current = target as { $ref?: string };
    }
    return current as T;
  }

  /** The schema node at a JSON pointer of the description (refs not followed). */
  at(pointer: string): JsonSchema {
    return this.resolve<JsonSchema>({ $ref: pointer });
  }

  operation(operationId: string): Operation | undefined {
    return this.byId.get(operationId);
  }

  /** The operation for a method and a request path (without query and without any /api/v3 prefix). */
  match(method: string, path: string): MatchedOperation | { error: string } {
    const upper = method.toUpperCase();
    let best: { template: CompiledTemplate; values: string[] } | undefined;
    let pathKnown = false;
    for (const template of this.templates) {
      const found = template.pattern.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (template.operation.method !== upper) continue;
      if (!best || template.literalLength > best.template.literalLength) best = { template, values: found.slice(1) };
    }
    if (!best) {
      return { error: pathKnown ? `${upper} is not an operation of ${path} in GitHub's API` : `no operation of GitHub's API has the path ${path}` };
    }
    const pathParams: Record<string, string> = {};
    for (const [index, name] of best.template.names.entries()) {
      const raw = best.values[index] ?? "";
      try {
        pathParams[name] = decodeURIComponent(raw);
      } catch {
        return { error: `path parameter ${name} is not valid percent-encoding: ${raw}` };
      }
    }
    return { operation: best.template.operation, pathParams };
  }

  private compiled(key: string, compile: () => ValidateFunction): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = compile();
      this.validators.set(key, validate);
    }
    return validate;
  }

  private pointerValidator(pointer: string): ValidateFunction {
    return this.compiled(pointer, () => this.ajv.compile({ $ref: this.register(pointer) }));
  }

  /**
   * Registers the schema at a pointer, and the schemas it refers to, with Ajv, each under its own id with its
   * refs rewritten to those ids. Registering the whole description at once would cost Ajv a walk over all 13 MB;
   * this way a process pays only for the operations its tests call.
   */
  private register(pointer: string): string {
    const existing = this.registered.get(pointer);
    if (existing) return existing;
    const pending: string[] = [pointer];
    const idOf = (target: string) => {
      let id = this.registered.get(target);
      if (!id) {
        id = `${SCHEMA_BASE}${this.registered.size}`;
        this.registered.set(target, id);
        pending.push(target);
      }
      return id;
    };
    this.registered.set(pointer, `${SCHEMA_BASE}${this.registered.size}`);
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const rewrite = (node: unknown): unknown => {
        if (Array.isArray(node)) return node.map(rewrite);
        if (node === null || typeof node !== "object") return node;
        const copy: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(node)) {
          copy[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? idOf(value) : rewrite(value);
        }
        return copy;
      };
      this.ajv.addSchema({ $id: this.registered.get(next), allOf: [rewrite(this.at(next))] });
    }
    return this.registered.get(pointer) as string;
  }

  /**
   * Checks path and query parameters: every query key must be a parameter of the operation, required ones
   * present, each value of the declared type. Returns the values coerced to their types.
   */
  checkParameters(
    operation: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
  ): { problems: SchemaProblem[]; path: Record<string, unknown>; query: Record<string, unknown> } {
    const problems: SchemaProblem[] = [];
    const declared = new Map(operation.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
    const rawQuery: Record<string, string | string[]> = {};
    for (const [key, value] of query) {
      const name = key.endsWith("[]") ? key.slice(0, -2) : key;
      const parameter = declared.get(name);
      if (!parameter) {
        problems.push({ at: `query/${key}`, message: `${key} is not a query parameter of ${operation.operationId}` });
        continue;
      }
      if (parameter.schema?.type === "array") {
        const previous = rawQuery[name];
        rawQuery[name] = [...(Array.isArray(previous) ? previous : []), ...value.split(",")];
      } else if (rawQuery[name] !== undefined) {
        problems.push({ at: `query/${key}`, message: `${key} is given more than once` });
      } else {
        rawQuery[name] = value;
      }
    }
    const path: Record<string, unknown> = { ...pathParams };
    const coercedQuery: Record<string, unknown> = { ...rawQuery };
    for (const [where, values] of [
      ["path", path],
      ["query", coercedQuery],
    ] as const) {
      const validate = this.compiled(`params:${where}:${operation.operationId}`, () => this.parameterValidator(operation, where));
      if (!validate(values)) problems.push(...toProblems(where, validate));
    }
    return { problems, path, query: coercedQuery };
  }

  private parameterValidator(operation: Operation, where: "path" | "query"): ValidateFunction {
    const parameters = operation.parameters.filter((p) => p.in === where);
    const properties: Record<string, unknown> = {};
    for (const p of parameters) properties[p.name] = this.inline(p.schema ?? {}, 0);
    return this.paramAjv.compile({
      type: "object",
      properties,
      required: parameters.filter((p) => p.required === true).map((p) => p.name),
    });
  }

  /** Parameter schemas are small; inlining their refs keeps the coercing validator independent of the description. */
  private inline(node: unknown, depth: number): unknown {
    if (depth > 16 || node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((item) => this.inline(item, depth + 1));
    const resolved = this.resolve<Record<string, unknown>>(node);
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resolved)) copy[key] = this.inline(value, depth + 1);
    return copy;
  }

  /** Validates a request body against the operation's schema, and reports fields the description does not have. */
  checkBody(operation: Operation, body: unknown): SchemaProblem[] {
    if (!operation.bodyPointer) {
      return body === undefined ? [] : [{ at: "body", message: `${operation.operationId} takes no JSON request body` }];
    }
    if (body === undefined) {
      return operation.bodyRequired ? [{ at: "body", message: `${operation.operationId} requires a request body` }] : [];
    }
    return this.checkDocument("body", operation.bodyPointer, body);
  }

  /** Validates a response body; undefined when the description has no JSON schema for that status. */
  responseSchemaPointer(operation: Operation, status: number): string | undefined {
    return operation.responsePointers.get(String(status)) ?? operation.responsePointers.get("default");
  }

  checkDocument(where: string, pointer: string, document: unknown): SchemaProblem[] {
    const validate = this.pointerValidator(pointer);
    const problems = validate(document) ? [] : toProblems(where, validate);
    for (const path of unknownProperties(this, this.at(pointer), document, where, 0)) {
      problems.push({ at: path, message: "is not a property in GitHub's API description" });
    }
    return problems;
  }
}

function toProblems(where: string, validate: ValidateFunction): SchemaProblem[] {
  return (validate.errors ?? []).slice(0, 20).map((error) => ({
    at: where + error.instancePath,
    message: `${error.message ?? "is invalid"}${error.params && "allowedValues" in error.params ? ` (${JSON.stringify(error.params.allowedValues)})` : ""}`,
  }));
}

/**
 * Property names the description does not declare. JSON Schema allows them unless `additionalProperties` is false,
 * and GitHub ignores them; but a field the API does not know is a bug in the caller (a typo) or drift in the
 * simulator, so both are flagged. Objects with additionalProperties, or no declared properties, are open.
 */
function unknownProperties(api: OpenApiDescription, schemaNode: unknown, value: unknown, at: string, depth: number): string[] {
  if (depth > 40 || value === null || typeof value !== "object") return [];
  const variants = flatten(api, schemaNode, 0);
  if (Array.isArray(value)) {
    const items = variants.map((v) => v.items).filter((i) => i !== undefined);
    if (items.length === 0) return [];
    return value.flatMap((item, index) => unknownProperties(api, { anyOf: items }, item, `${at}/${index}`, depth + 1));
  }
  const properties = new Map<string, unknown[]>();
  let open = false;
  for (const variant of variants) {
    if (variant.additionalProperties !== undefined && variant.additionalProperties !== false) open = true;
    for (const [name, schema] of Object.entries((variant.properties as Record<string, unknown> | undefined) ?? {})) {
      properties.set(name, [...(properties.get(name) ?? []), schema]);
    }
  }
  if (properties.size === 0) return [];
  const found: string[] = [];
  for (const [name, child] of Object.entries(value)) {
    const schemas = properties.get(name);
    if (!schemas) {
      if (!open) found.push(`${at}/${name}`);
      continue;
    }
    found.push(...unknownProperties(api, schemas.length === 1 ? schemas[0] : { anyOf: schemas }, child, `${at}/${name}`, depth + 1));
  }
  return found;
}

/** A schema and all its allOf/anyOf/oneOf branches, refs followed: the union of what a value may contain. */
function flatten(api: OpenApiDescription, node: unknown, depth: number): Record<string, unknown>[] {
  if (depth > 20 || node === null || typeof node !== "object") return [];
  const schema = api.resolve<Record<string, unknown>>(node);
  const result = [schema];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) result.push(...flatten(api, branch, depth + 1));
  }
  return result;
}

let shared: OpenApiDescription | undefined;

/** The description, parsed and indexed on first use and shared by every simulator of the process. */
export function githubApi(): OpenApiDescription {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    shared = new OpenApiDescription(JSON.parse(readFileSync(file, "utf8")) as Spec);
  }
  return shared;
}
