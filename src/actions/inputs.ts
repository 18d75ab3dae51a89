import { UserError } from "../core/errors.ts";

/**
 * Typed access to action inputs, validated at the edge. The runner passes input `min-lines` as
 * INPUT_MIN-LINES (upper-cased, spaces to underscores; dashes stay). Empty means "not given".
 */
export class ActionInputs {
  private readonly env: NodeJS.ProcessEnv;
  constructor(env: NodeJS.ProcessEnv) {
    this.env = env;
  }

  string(name: string): string | undefined {
    const value = this.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
    return value ? value : undefined;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UserError(`input "${name}" is required`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (/^(true|yes|on)$/i.test(value)) return true;
    if (/^(false|no|off)$/i.test(value)) return false;
    throw new UserError(`input "${name}": expected true or false, got "${value}"`);
  }

  number(name: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw.replace(/%$/, ""));
    const { min = -Infinity, max = Infinity, integer = false } = range;
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      const bounds = [Number.isFinite(min) ? `>= ${min}` : "", Number.isFinite(max) ? `<= ${max}` : ""].filter(Boolean).join(" and ");
      throw new UserError(`input "${name}": expected ${integer ? "a whole number" : "a number"}${bounds ? ` ${bounds}` : ""}, got "${raw}"`);
    }
    return value;
  }

  /** A list given one item per line or separated by commas. */
  list(name: string): string[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    return raw
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter(Boolean);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw new UserError(`input "${name}": expected one of ${allowed.join(", ")}, got "${value}"`);
    return value as T;
  }
}
