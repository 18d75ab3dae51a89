/**
 * Options declared once per capability: each has a value type (parser, range, the words for what is
 * expected), its action input name, its CLI flag and the policy key it overrides. The doors (src/actions/,
 * src/cli/) read raw values their own way and hand them to `readOptions`, so that the range, the default
 * and the message of an option are the same wherever it is given.
 */
import path from "node:path";
import { DURATION_FORMAT, formatDuration, parseDuration } from "./duration.ts";
import { UserError } from "./errors.ts";

/** The JSON Schema facts of a value type, compared with the policy schema's node of the key it overrides. */
export interface ValueSchema {
  type: "string" | "number" | "integer" | "boolean" | "array";
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
}

export interface ValueType<T> {
  /** Placeholder in --help, e.g. "N", "FILE". */
  placeholder: string;
  /** What a valid value is, in words: "a number >= 0 and <= 100". Used in --help, action.yml and every error. */
  expected: string;
  /** "flag": a CLI switch (--dry-run) and "true"/"false" as an action input; "list": several values. */
  kind: "text" | "flag" | "list";
  /** The value, or `invalid()` when the text is not one. */
  parse(raw: string): T | Invalid;
  /** Lists: the value of all items given (positionals, repeated flags, lines of an input). */
  items?: (raw: string[]) => T | Invalid;
  schema: ValueSchema;
}

const INVALID = Symbol("invalid");
export interface Invalid {
  [INVALID]: true;
  /** Said after the standard "expected ..., got ..." message. */
  detail?: string;
}

export function invalid(detail?: string): Invalid {
  return { [INVALID]: true, ...(detail ? { detail } : {}) };
}

function isInvalid(value: unknown): value is Invalid {
  return typeof value === "object" && value !== null && INVALID in value;
}

export interface OptionDecl<T = unknown> {
  type: ValueType<T>;
  /** One sentence for --help and action.yml. */
  description: string;
  /** The action input; null when the option exists only on the CLI (and `why` says why). Default: the key. */
  input?: string | null;
  /** The CLI flag; null when the option exists only as an action input (and `why` says why). Default: the key. */
  flag?: string | null;
  /** Why the option is missing at one door. */
  why?: string;
  /** CLI: the values are the command's positional arguments (a list type). */
  positional?: boolean;
  /** CLI: read from this environment variable (a secret that must not be a flag), e.g. GITHUB_TOKEN. */
  env?: string;
  /** The policy file key it overrides, e.g. "gates.coverage.lines". */
  policy?: string;
  /** The action.yml default, e.g. "${{ github.token }}"; the CLI gets the same value from `env` or the run. */
  actionDefault?: string;
  /** Masked in the step log. */
  secret?: boolean;
  /** The run cannot do without it (action.yml `required: true`); the use case says what is missing. */
  required?: boolean;
}

// A table holds options of different value types; each entry keeps its own through OptionValues.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionTable = Record<string, OptionDecl<any>>;

export type OptionValues<T extends OptionTable> = { [K in keyof T]?: T[K] extends OptionDecl<infer V> ? V : never };

export type Door = "action" | "cli";

/** How one door names an option in messages: `input "min-lines"` or `--min-lines`. */
export function optionLabel(door: Door, key: string, decl: OptionDecl): string {
  if (door === "action") return `input "${decl.input ?? key}"`;
  if (decl.positional) return `argument ${decl.type.placeholder}`;
  if (decl.flag === null && decl.env) return decl.env;
  return `--${decl.flag ?? key}`;
}

export function inputName(key: string, decl: OptionDecl): string | undefined {
  return decl.input === null ? undefined : (decl.input ?? key);
}

export function flagName(key: string, decl: OptionDecl): string | undefined {
  return decl.flag === null || decl.positional ? undefined : (decl.flag ?? key);
}

/** The message of a value that does not parse, the same at every door but for the option's name. */
export function invalidMessage(label: string, type: ValueType<unknown>, raw: string, detail?: string): string {
  return `${label}: expected ${type.expected}, got "${raw}"${detail ? ` (${detail})` : ""}`;
}

/** Raw values as a door read them: text, several texts (lists), or a CLI switch. */
export type RawValue = string | string[] | boolean;

function parseOne<T>(label: string, type: ValueType<T>, raw: string): T {
  const value = type.parse(raw);
  if (isInvalid(value)) throw new UserError(invalidMessage(label, type, raw, value.detail));
  return value;
}

/**
 * Parses every given raw value with its declaration; absent keys stay absent ("not given": the policy file
 * or the built-in default decides).
 */
export function readOptions<T extends OptionTable>(table: T, door: Door, raw: (key: string, decl: OptionDecl) => RawValue | undefined): OptionValues<T> {
  const values: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(table)) {
    const given = raw(key, decl);
    if (given === undefined) continue;
    const label = optionLabel(door, key, decl);
    if (typeof given === "boolean") {
      values[key] = parseOne(label, decl.type, String(given));
      continue;
    }
    if (decl.type.kind === "list") {
      const items = (Array.isArray(given) ? given : [given]).flatMap((text) => (door === "action" || !decl.positional ? splitList(text) : [text]));
      if (items.length === 0) continue;
      const value = decl.type.items!(items);
      if (isInvalid(value)) throw new UserError(invalidMessage(label, decl.type, items.join(", "), value.detail));
      values[key] = value;
      continue;
    }
    const text = (Array.isArray(given) ? given.at(-1)! : given).trim();
    if (text === "") continue;
    values[key] = parseOne(label, decl.type, text);
  }
  return values as OptionValues<T>;
}

/** A list given one item per line or separated by commas. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

// ---- value types ------------------------------------------------------------------------------------------

function rangeWords(min: number, max: number): string {
  if (Number.isFinite(min) && Number.isFinite(max)) return ` >= ${min} and <= ${max}`;
  if (Number.isFinite(min)) return ` >= ${min}`;
  if (Number.isFinite(max)) return ` <= ${max}`;
  return "";
}

function numeric(integer: boolean, min: number, max: number, placeholder: string): ValueType<number> {
  return {
    placeholder,
    expected: `${integer ? "a whole number" : "a number"}${rangeWords(min, max)}`,
    kind: "text",
    parse(raw) {
      const text = raw.trim().replace(/%$/, "");
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) return invalid();
      return value;
    },
    schema: { type: integer ? "integer" : "number", ...(Number.isFinite(min) ? { minimum: min } : {}), ...(Number.isFinite(max) ? { maximum: max } : {}) },
  };
}

export const number = (range: { min?: number; max?: number } = {}, placeholder = "N"): ValueType<number> => numeric(false, range.min ?? -Infinity, range.max ?? Infinity, placeholder);
export const wholeNumber = (range: { min?: number; max?: number } = {}, placeholder = "N"): ValueType<number> => numeric(true, range.min ?? -Infinity, range.max ?? Infinity, placeholder);
/** A percentage: 0 to 100, a trailing % accepted. */
export const percent: ValueType<number> = numeric(false, 0, 100, "N");

export function text(placeholder = "TEXT", expected = "a non-empty text"): ValueType<string> {
  return { placeholder, expected, kind: "text", parse: (raw) => raw, schema: { type: "string" } };
}

/** A text that must match a pattern, e.g. a commit SHA. */
export function matching(pattern: RegExp, placeholder: string, expected: string): ValueType<string> {
  return { placeholder, expected, kind: "text", parse: (raw) => (pattern.test(raw) ? raw : invalid()), schema: { type: "string" } };
}

export function choice<T extends string>(allowed: readonly T[], placeholder = "NAME"): ValueType<T> {
  return {
    placeholder,
    expected: `one of ${allowed.join(", ")}`,
    kind: "text",
    parse: (raw) => ((allowed as readonly string[]).includes(raw) ? (raw as T) : invalid()),
    schema: { type: "string", enum: allowed },
  };
}

const HOUR_MS = 3_600_000;
const durationWords = (ms: number): string => (ms % HOUR_MS === 0 ? `${ms / HOUR_MS}h` : formatDuration(ms));

/** A duration of the one grammar (./duration.ts), in milliseconds, within bounds such as the longest single timer. */
export function duration(range: { min?: number; max?: number } = {}): ValueType<number> {
  const min = range.min ?? 0;
  const max = range.max ?? Infinity;
  const bounds = [min > 0 ? `at least ${durationWords(min)}` : "", Number.isFinite(max) ? `at most ${durationWords(max)}` : ""].filter(Boolean);
  return {
    placeholder: "DURATION",
    expected: [DURATION_FORMAT, ...bounds].join(", "),
    kind: "text",
    parse(raw) {
      const ms = parseDuration(raw);
      return ms === undefined || ms < min || ms > max ? invalid() : ms;
    },
    schema: { type: "string" },
  };
}

/** A CLI switch; an action input "true"/"false" (also yes/no, on/off). */
export const flag: ValueType<boolean> = {
  placeholder: "",
  expected: "true or false",
  kind: "flag",
  parse(raw) {
    if (/^(true|yes|on)$/i.test(raw)) return true;
    if (/^(false|no|off)$/i.test(raw)) return false;
    return invalid();
  },
  schema: { type: "boolean" },
};

/** Several texts: positional arguments, a repeated flag or a comma-separated one, an input one per line. */
export function list(placeholder: string, expected = "one or more values"): ValueType<string[]> {
  return { placeholder, expected, kind: "list", parse: (raw) => [raw], items: (raw) => raw, schema: { type: "array" } };
}

/** A path typed at a door: resolved by the door against its base directory (see `resolvePath`). */
export function pathOf(placeholder = "FILE"): ValueType<string> {
  return text(placeholder, "a path");
}

/** Paths typed at a door resolve against the door's base directory: the CLI's current directory, the action's workspace. */
export function resolvePath(base: string, typed: string): string {
  return path.resolve(base, typed);
}
