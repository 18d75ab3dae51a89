import { UserError } from "../../core/errors.ts";

/**
 * JSON files rewritten the way npm rewrites them: parsed, changed, printed with the file's own indentation,
 * line endings and final newline, keys in their order.
 */

export interface JsonStyle {
  indent: string;
  newline: "\n" | "\r\n";
  finalNewline: boolean;
}

export function jsonStyle(text: string): JsonStyle {
  const indented = /^[ \t]+(?=")/m.exec(text);
  return {
    indent: indented ? indented[0] : "  ",
    newline: text.includes("\r\n") ? "\r\n" : "\n",
    finalNewline: /\n$/.test(text),
  };
}

export function parseJsonObject(text: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`${path}: not valid JSON (${(error as Error).message}); its version cannot be updated`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UserError(`${path}: expected a JSON object`);
  return value as Record<string, unknown>;
}

export function printJson(value: unknown, style: JsonStyle, bom: boolean): string {
  const body = JSON.stringify(value, null, style.indent).replace(/\n/g, style.newline);
  return `${bom ? "\uFEFF" : ""}${body}${style.finalNewline ? style.newline : ""}`;
}
