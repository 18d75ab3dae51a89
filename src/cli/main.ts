import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { CommandSpec, CommandInput, OptionSpec } from "./command.ts";
import { commands, type CommandEntry } from "./commands.ts";
import { EXIT, UserError, exitCodeOf, messageOf } from "../core/errors.ts";
import { VERSION } from "./package-version.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

const commonOptions: Record<string, OptionSpec> = {
  json: { type: "boolean", description: "Print one JSON document on stdout and nothing else there" },
  help: { type: "boolean", short: "h", description: "Show this help" },
};

function commandList(listed: CommandEntry[]): string[] {
  const width = Math.max(...listed.map((c) => c.name.length));
  return listed.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
}

const visible = (): CommandEntry[] => commands.filter((c) => !c.renamedTo);

function topLevelHelp(): string {
  return [
    "Usage: shipgate <command> [options]",
    "",
    "Deployment and release procedures as code.",
    "",
    "Commands:",
    ...commandList(visible()),
    "",
    "Run `shipgate <command> --help` for a command's options, `shipgate --version` for the version.",
    "Exit codes: 0 passed, 1 a gate failed, 2 bad input or configuration, 3 an external failure.",
  ].join("\n");
}

export function commandHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, ...commonOptions }).map(([name, option]) => {
    const value = option.type === "string" ? ` ${option.valueName ?? "VALUE"}` : "";
    const short = option.short ? `-${option.short}, ` : "";
    return [`${short}--${name}${value}`, option.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: shipgate ${spec.name} ${spec.usage}`,
    "",
    spec.summary,
    "",
    "Options:",
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    ...(spec.details ? ["", spec.details] : []),
  ].join("\n");
}

/** The longest registered command name that the leading words of argv spell. */
function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const candidates = commands
    .filter((c) => {
      const words = c.name.split(" ");
      return words.every((word, i) => argv[i] === word);
    })
    .sort((a, b) => b.name.length - a.name.length);
  const entry = candidates[0];
  return entry ? { entry, rest: argv.slice(entry.name.split(" ").length) } : undefined;
}

function parseCommandArgs(spec: CommandSpec, args: string[]): { values: CommandInput["options"]; positionals: string[] } {
  const config: ParseArgsOptionsConfig = {};
  for (const [name, option] of Object.entries({ ...spec.options, ...commonOptions })) {
    config[name] = {
      type: option.type,
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  try {
    const parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
    return { values: parsed.values as CommandInput["options"], positionals: parsed.positionals };
  } catch (error) {
    // parseArgs names the offending option; say where to look for the valid ones.
    throw new UserError(`${messageOf(error)} (see \`shipgate ${spec.name} --help\`)`);
  }
}

/** Runs one CLI invocation and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes("--json");
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
      io.stdout(topLevelHelp() + "\n");
      return argv.length === 0 ? EXIT.userError : EXIT.ok;
    }
    if (argv[0] === "--version" || argv[0] === "-V") {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const found = findCommand(argv);
    const group = found ? [] : visible().filter((c) => c.name.startsWith(`${argv[0]} `));
    if (!found && group.length > 0) {
      // `shipgate incident` or `shipgate incident --help`: the subcommands of the group.
      const help = [`Usage: shipgate ${argv[0]} <subcommand> [options]`, "", "Subcommands:", ...commandList(group), "", `Run \`shipgate ${argv[0]} <subcommand> --help\` for its options.`].join("\n");
      const asked = argv.slice(1).every((a) => a === "--help" || a === "-h") && argv.length > 1;
      if (asked) {
        io.stdout(help + "\n");
        return EXIT.ok;
      }
      throw new UserError(`${argv[1] ? `unknown subcommand "${argv[0]} ${argv[1]}"` : `"${argv[0]}" needs a subcommand`}; subcommands: ${group.map((c) => c.name).join(", ")}`);
    }
    if (!found) {
      const known = visible().map((c) => c.name).join(", ");
      throw new UserError(`unknown command "${argv.filter((a) => !a.startsWith("-")).slice(0, 2).join(" ")}"; commands: ${known}`);
    }
    if (found.entry.renamedTo) io.stderr(`shipgate: "${found.entry.name}" is now "shipgate ${found.entry.renamedTo}"; the old name will go in the next major version\n`);
    const spec = await found.entry.load();
    const { values, positionals } = parseCommandArgs(spec, found.rest);
    if (values.help) {
      io.stdout(commandHelp(spec) + "\n");
      return EXIT.ok;
    }
    if (positionals.length < spec.positionals.min || (spec.positionals.max !== undefined && positionals.length > spec.positionals.max)) {
      throw new UserError(`wrong number of arguments: usage: shipgate ${spec.name} ${spec.usage}`);
    }
    const outcome = await spec.run({
      options: values,
      positionals,
      json: values.json === true,
      cwd: io.cwd,
      env: io.env,
      now: io.now(),
      stderr: io.stderr,
    });
    io.stdout(values.json ? JSON.stringify(outcome.json, null, 2) + "\n" : outcome.text.endsWith("\n") ? outcome.text : outcome.text + "\n");
    for (const line of outcome.errors ?? []) io.stderr(`shipgate: ${line}\n`);
    return outcome.exitCode;
  } catch (error) {
    const code = exitCodeOf(error);
    const prefix = code === EXIT.internal ? "shipgate: internal error (please report it): " : "shipgate: ";
    io.stderr(prefix + messageOf(error) + "\n");
    if (wantsJson) io.stdout(JSON.stringify({ error: messageOf(error), exitCode: code }) + "\n");
    return code;
  }
}
