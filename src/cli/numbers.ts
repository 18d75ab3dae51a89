import { UserError } from "../core/errors.ts";
import type { CommandInput } from "./command.ts";

/** A whole-number option such as --min-days; undefined when not given, a UserError naming the option when malformed. */
export function integerOption(options: CommandInput["options"], name: string, range: { min: number; max: number }): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < range.min || value > range.max) {
    throw new UserError(`--${name}: expected a whole number from ${range.min} to ${range.max}, got "${text}"`);
  }
  return value;
}
