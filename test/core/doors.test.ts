/**
 * Every option of every front door (src/doors.ts) is the same at every door: the action input, the CLI flag and
 * the policy key it overrides take the same values, with the same range, and refuse a bad value with the same
 * message but for the option's name. And one rule finds the policy file for every command and action.
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.ts";
import type { AnyCapability } from "../../src/core/capability.ts";
import { flagName, inputName, optionLabel, readOptions, type OptionDecl, type ValueType } from "../../src/core/options.ts";
import { doors } from "../../src/doors.ts";
import { gateDoors } from "../../src/preflight/gates.ts";
import type { JsonSchema } from "../../src/policy/json-schema.ts";
import { policySchema } from "../../src/policy/schema.ts";
import type { Policy } from "../../src/policy/types.ts";
import { repoRoot, runActionBundle } from "../support/runner.ts";
import { tempDir } from "../support/temp.ts";

// A renamed command is the same door under its old name: checked once, under the new one.
const loaded: { command: string; fixed: Record<string, string>; door: AnyCapability<Policy> }[] = await Promise.all(
  doors.filter((entry) => !entry.renamedTo).map(async (entry) => ({ command: entry.command, fixed: entry.fixed ?? {}, door: await entry.load() })),
);
const options = loaded.flatMap(({ command, door }) => Object.entries(door.options).map(([key, decl]) => ({ command, door, key, decl: decl as OptionDecl })));

/** A text each value type refuses, or undefined for a type that takes any text (a path, a name). */
function refusedBy(type: ValueType<unknown>): string | undefined {
  for (const candidate of ["not a value \u0007", "-1", "1e9", "maybe", "!"]) {
    const value = type.kind === "list" ? type.items!([candidate]) : type.parse(candidate);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return candidate;
  }
  return undefined;
}

function schemaAt(key: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = policySchema;
  for (const part of key.split(".")) node = node?.properties?.[part];
  return node;
}

function messageAt(door: "action" | "cli", decl: OptionDecl, key: string, raw: string): string {
  try {
    readOptions({ [key]: decl }, door, () => (door === "cli" && decl.positional ? [raw] : raw));
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
}

describe("every option is declared once and means the same at every door", () => {
  it.each(options.map((o) => [`${o.command} ${o.key}`, o] as const))("%s: exists at both doors, or says why not", (_, { key, decl }) => {
    const atAction = inputName(key, decl) !== undefined;
    const atCli = flagName(key, decl) !== undefined || decl.positional === true || decl.env !== undefined;
    if (!(atAction && atCli)) expect(decl.why, `${key} is missing at one door and does not say why`).toMatch(/\w/);
    expect(decl.description).toMatch(/^\S.*[.)]$/);
  });

  it.each(options.filter((o) => refusedBy(o.decl.type) !== undefined).map((o) => [`${o.command} ${o.key}`, o] as const))(
    "%s: a bad value gets the same message at the action and on the CLI, but for the option's name",
    (_, { key, decl }) => {
      const raw = refusedBy(decl.type)!;
      const action = messageAt("action", decl, key, raw);
      const cli = messageAt("cli", decl, key, raw);
      expect(action.startsWith(`${optionLabel("action", key, decl)}: `), action).toBe(true);
      expect(cli.startsWith(`${optionLabel("cli", key, decl)}: `), cli).toBe(true);
      expect(action.slice(optionLabel("action", key, decl).length)).toBe(cli.slice(optionLabel("cli", key, decl).length));
    },
  );

  it.each(options.filter((o) => o.decl.policy).map((o) => [`${o.command} ${o.key} -> ${o.decl.policy}`, o] as const))(
    "%s: the policy key takes what the option takes",
    (_, { decl }) => {
      const node = schemaAt(decl.policy!);
      expect(node, `${decl.policy} is not a key of the policy schema`).toBeDefined();
      const { type, minimum, maximum, enum: allowed } = decl.type.schema;
      expect(node!.type, "type").toBe(type);
      expect(node!.minimum, "minimum").toBe(minimum);
      expect(node!.maximum, "maximum").toBe(maximum);
      expect(node!.enum === undefined ? undefined : [...(node!.enum as string[])].sort(), "values").toEqual(allowed === undefined ? undefined : [...allowed].sort());
    },
  );

  it.each(loaded.map((l) => [l.command, l] as const))("%s: no two options share an input or a flag", (_, { door }) => {
    const entries = Object.entries(door.options) as [string, OptionDecl][];
    const inputs = entries.map(([k, d]) => inputName(k, d)).filter((n) => n !== undefined);
    const flags = entries.map(([k, d]) => flagName(k, d)).filter((n) => n !== undefined);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags.filter((f) => ["json", "help"].includes(f))).toEqual([]);
  });

  it("the umbrella composes exactly the doors that declare when the policy enables them", async () => {
    const composed = (await Promise.all(gateDoors.map((load) => load()))).map((door) => door.name).sort();
    const declared = [...new Set(loaded.filter(({ door }) => door.preflight).map(({ door }) => door.name))].sort();
    expect(composed).toEqual(declared);
  });

  it("every action is derived from a front door, and every front door with an action has a command", () => {
    const folders = ["shipgate", ...readdirSync(path.join(repoRoot, "actions"))].sort();
    const derived = [...new Set(loaded.flatMap(({ door }) => (door.action ? [door.action.name] : [])))].sort();
    expect(derived).toEqual(folders);
  });
});

describe("one rule finds the policy file, for every command and every action", () => {
  const withConfig = loaded.filter(({ door }) => "config" in door.options);

  it.each(withConfig.map((l) => [l.command, l] as const))("shipgate %s --config resolves against the current directory", async (command) => {
    const dir = tempDir("doors-cli");
    writeFileSync(path.join(dir, "broken.yml"), "gates: [\n");
    let stderr = "";
    const argv = [...command.split(" "), "--config", "broken.yml"];
    const code = await runCli(argv, { stdout: () => {}, stderr: (t) => (stderr += t), cwd: dir, env: {}, now: () => new Date("2026-12-01T10:00:00Z") });
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^shipgate: broken\.yml:\d+/);
  });

  const actions = [...new Map(withConfig.filter(({ door }) => door.action).map((l) => [l.door.action!.name, l])).values()];
  it.each(actions.map((l) => [l.door.action!.name, l] as const))("action %s: input config resolves against the workspace", async (name, { door }) => {
    const dir = tempDir("doors-action");
    writeFileSync(path.join(dir, "broken.yml"), "gates: [\n");
    const bundle = `dist/${door.action!.bundle ?? name}.js`;
    const result = await runActionBundle(bundle, { workspace: dir, inputs: { config: "broken.yml" } });
    expect(result.exitCode, result.stdout).toBe(2);
    expect(result.failure).toMatch(new RegExp(`^${name}: configuration error: broken\\.yml:\\d+`));
  });
});
