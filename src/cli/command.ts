/**
 * The contract every CLI command implements. The framework (src/cli/main.ts) parses argv with
 * node:util parseArgs, prints --help from this description, and maps the outcome to DESIGN.md's exit codes.
 */
export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  /** Placeholder shown in --help, e.g. "N" or "FILE". */
  valueName?: string;
  multiple?: boolean;
  short?: string;
}

export interface CommandInput {
  /** Option values as parsed by node:util parseArgs (strings, booleans or string arrays). */
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  json: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: Date;
  /** Progress and warnings while the command runs. */
  stderr?: (text: string) => void;
}

export interface CommandOutcome {
  /**
   * 0 passed or succeeded, 1 a gate failed. Errors are thrown (UserError -> 2, ExternalError -> 3); a command
   * that reports several parts, some of which could not run, returns 2 or 3 with its full report instead.
   */
  exitCode: 0 | 1 | 2 | 3;
  /** Printed as one JSON document with --json. */
  json: unknown;
  /** Printed otherwise. */
  text: string;
  /** Lines for stderr whatever the output format: what could not run, with an exit code of 2 or 3. */
  errors?: string[];
}

export interface CommandSpec {
  /** Words after `shipgate`, e.g. "coverage" or "version next". */
  name: string;
  summary: string;
  /** Synopsis after the command name, e.g. "<file>... [options]". */
  usage: string;
  /** Extra --help paragraphs: formats, examples. */
  details?: string;
  options: Record<string, OptionSpec>;
  positionals: { min: number; max?: number };
  run(input: CommandInput): Promise<CommandOutcome>;
}
