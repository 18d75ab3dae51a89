import { UserError } from "../core/errors.ts";
import type { CommandInput, OptionSpec } from "./command.ts";

/** A numeric option, validated: `--min-lines 80` (a trailing % is accepted). */
export function numberOption(input: CommandInput, name: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = input.options[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim().replace(/%$/, "");
  const value = text === "" ? NaN : Number(text);
  const { min = -Infinity, max = Infinity, integer = false } = range;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const bounds = [Number.isFinite(min) ? `>= ${min}` : "", Number.isFinite(max) ? `<= ${max}` : ""].filter(Boolean).join(" and ");
    throw new UserError(`--${name}: expected ${integer ? "a whole number" : "a number"}${bounds ? ` ${bounds}` : ""}, got "${String(raw)}"`);
  }
  return value;
}

export function stringOption(input: CommandInput, name: string): string | undefined {
  const raw = input.options[name];
  return typeof raw === "string" && raw !== "" ? raw : undefined;
}

export function choiceOption<T extends string>(input: CommandInput, name: string, allowed: readonly T[]): T | undefined {
  const value = stringOption(input, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`--${name}: expected one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

/** `--config FILE`, the same on every command that reads the policy file. */
export const configOption: OptionSpec = {
  type: "string",
  valueName: "FILE",
  description: "Policy file (default .github/shipgate.yml in the repository, when present)",
};
