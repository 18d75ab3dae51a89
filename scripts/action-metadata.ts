/**
 * action.yml of every action, generated from its capability's declaration (src/<capability>/door.ts): name,
 * description, inputs (each declared option that has an action input), outputs and the bundle to run.
 * `npm run docs` writes them; a test checks they are current.
 */
import { stringify } from "yaml";
import type { AnyCapability } from "../src/core/capability.ts";
import { inputName } from "../src/core/options.ts";
import { doors } from "../src/doors.ts";
import type { Policy } from "../src/policy/types.ts";

export interface ActionMetadata {
  /** Path of the action.yml in the repository. */
  file: string;
  text: string;
}

const HEADER = "# Generated from the capability's declaration by `npm run docs`; edit src/<capability>/door.ts instead.\n";

function metadataOf(door: AnyCapability<Policy>): ActionMetadata {
  const face = door.action!;
  const umbrella = face.name === "shipgate";
  const inputs: Record<string, { description: string; required: false; default?: string }> = {};
  for (const [key, decl] of Object.entries(door.options)) {
    const name = inputName(key, decl);
    if (name === undefined) continue;
    const expected = decl.type.kind === "text" && !/ path$/.test(decl.type.expected) && decl.type.expected !== "a non-empty text" ? ` Expected: ${decl.type.expected}.` : "";
    inputs[name] = { description: `${decl.description}${expected}`, required: false, ...(decl.actionDefault !== undefined ? { default: decl.actionDefault } : {}) };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, description] of Object.entries(face.outputs)) outputs[name] = { description };
  outputs.status = { description: face.outputs.status ?? "pass, warn or fail." };
  outputs.passed = { description: face.outputs.passed ?? "true unless the gate failed." };
  const meta = {
    name: face.title,
    description: face.description,
    author: "shipgate",
    branding: face.branding,
    inputs,
    outputs,
    runs: { using: "node24", main: umbrella ? `dist/${face.name}.js` : `../../dist/${face.name}.js` },
  };
  return { file: umbrella ? "action.yml" : `actions/${face.name}/action.yml`, text: HEADER + stringify(meta, { lineWidth: 118 }) };
}

/** Each action's metadata; a door behind several commands (subcommands) is listed once. */
export async function actionMetadata(): Promise<ActionMetadata[]> {
  const seen = new Set<string>();
  const all: ActionMetadata[] = [];
  for (const entry of doors) {
    const door = await entry.load();
    if (!door.action || seen.has(door.action.name)) continue;
    seen.add(door.action.name);
    all.push(metadataOf(door));
  }
  return all.sort((a, b) => a.file.localeCompare(b.file));
}
