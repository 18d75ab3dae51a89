import { UserError } from "../core/errors.ts";

/**
 * Small readers for scanner JSON that fail with the report name and the JSON path of the bad value,
 * so a report of the right format but the wrong shape fails the gate clearly (fail-closed).
 */
export type Json = unknown;

export class ShapeReader {
  readonly report: string;
  constructor(report: string) {
    this.report = report;
  }

  fail(path: string, expected: string): never {
    throw new UserError(`${this.report}: ${path}: expected ${expected}`);
  }

  isObject(value: Json): value is Record<string, Json> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  object(value: Json, path: string): Record<string, Json> {
    if (!this.isObject(value)) this.fail(path, "an object");
    return value;
  }

  array(value: Json, path: string): Json[] {
    if (!Array.isArray(value)) this.fail(path, "an array");
    return value;
  }

  /** An array that may be absent or null (scanners omit empty lists). */
  optionalArray(value: Json, path: string): Json[] {
    return value === undefined || value === null ? [] : this.array(value, path);
  }

  string(value: Json, path: string): string {
    if (typeof value !== "string" || value === "") this.fail(path, "a non-empty string");
    return value;
  }

  optionalString(value: Json, path: string): string | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") this.fail(path, "a string");
    return value;
  }

  optionalLine(value: Json, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) this.fail(path, "a line number");
    return value > 0 ? value : undefined;
  }
}
