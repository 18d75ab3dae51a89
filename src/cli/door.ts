import type { AnyCapability, Invocation } from "../core/capability.ts";
import { withTimeBudget } from "../core/common-options.ts";
import { clockOf } from "../core/clock.ts";
import { flagName, optionLabel, readOptions, type OptionDecl } from "../core/options.ts";
import { readRunContext } from "../core/run-context.ts";
import type { Policy } from "../policy/types.ts";
import { resolveScope } from "../policy/scope.ts";
import type { CommandInput, CommandOutcome, CommandSpec, OptionSpec } from "./command.ts";

/** The flags of a declaration as node:util parseArgs takes them. */
function flagsOf(capability: AnyCapability<Policy>): Record<string, OptionSpec> {
  const flags: Record<string, OptionSpec> = {};
  for (const [key, decl] of Object.entries(capability.options)) {
    const name = flagName(key, decl);
    if (name === undefined) continue;
    const kind = decl.type.kind;
    flags[name] = {
      type: kind === "flag" ? "boolean" : "string",
      description: decl.description,
      ...(kind === "flag" ? {} : { valueName: decl.type.placeholder }),
      ...(kind === "list" ? { multiple: true } : {}),
    };
  }
  return flags;
}

function positionalOf(capability: AnyCapability<Policy>): [string, OptionDecl] | undefined {
  return Object.entries(capability.options).find(([, decl]) => decl.positional);
}

function invocationOf(input: CommandInput, json: boolean, stderr: (text: string) => void): Invocation {
  // The CLI judges what its flags name, never the event of a workflow run it may be started in.
  const run = readRunContext({ ...input.env, GITHUB_EVENT_PATH: undefined, GITHUB_WORKSPACE: input.cwd });
  const clock = clockOf(input.env);
  return {
    door: "cli",
    cwd: input.cwd,
    env: input.env,
    run,
    now: input.now,
    clock: clock.now,
    sleep: clock.sleep,
    ...(clock.note ? { clockNote: clock.note } : {}),
    log: (message) => {
      if (!json) stderr(`${message}\n`);
    },
    warn: (message) => stderr(`shipgate: warning: ${message}\n`),
  };
}

/**
 * The CLI command of a capability: its flags, --help and --json derived from the declaration. A subcommand
 * (`incident open`) fixes option values; those options are then not flags of it.
 */
export function commandOf(capability: AnyCapability<Policy>, entry: { command: string; summary: string; fixed?: Record<string, string> }): CommandSpec {
  const face = capability.command;
  if (!face) throw new Error(`${capability.name} declares no command`);
  const fixed = entry.fixed ?? {};
  const positional = positionalOf(capability);
  const usage = [positional ? `[${positional[1].type.placeholder}...]` : "", "[options]"].filter(Boolean).join(" ");
  return {
    name: entry.command,
    summary: entry.summary,
    usage,
    ...(face.details ? { details: face.details } : {}),
    options: Object.fromEntries(Object.entries(flagsOf(capability)).filter(([name]) => !(name in fixed))),
    positionals: { min: 0, ...(positional ? {} : { max: 0 }) },
    async run(input): Promise<CommandOutcome> {
      const values = readOptions(capability.options, "cli", (key, decl) => {
        if (key in fixed) return fixed[key];
        if (decl.positional) return input.positionals.length > 0 ? input.positionals : undefined;
        const name = flagName(key, decl);
        if (name !== undefined) return input.options[name];
        return decl.env ? input.env[decl.env] : undefined;
      }) as Record<string, unknown>;
      const invocation = withTimeBudget(invocationOf(input, input.json, input.stderr ?? (() => {})), values);
      const scope = await resolveScope({ config: values.config as string | undefined, root: values.root as string | undefined, rootLabel: capability.options.root ? optionLabel("cli", "root", capability.options.root) : "--repo" }, invocation);
      const settings = await capability.settings(values, scope, invocation);
      const outcome = await capability.run(settings, invocation);
      const shown = capability.present(outcome, settings, invocation);
      const verdict = shown.failed || shown.results.some((r) => r.status === "fail") ? 1 : 0;
      return { exitCode: shown.exitCode ?? verdict, json: shown.json, text: shown.text, ...(shown.errors ? { errors: shown.errors } : {}) };
    },
  };
}
