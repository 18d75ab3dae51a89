import { stat } from "node:fs/promises";
import path from "node:path";
import type { Invocation, Scope } from "../core/capability.ts";
import { UserError } from "../core/errors.ts";
import { loadPolicy } from "./load.ts";
import type { Policy } from "./types.ts";

export type PolicyScope = Scope<Policy>;

/**
 * The one rule for every command and action (see Scope): the root and an explicit policy file resolve against the
 * door's base directory; the default policy file is the root's .github/shipgate.yml.
 */
export async function resolveScope(given: { config?: string | undefined; root?: string | undefined; rootLabel?: string }, invocation: Pick<Invocation, "cwd">): Promise<PolicyScope> {
  const root = path.resolve(invocation.cwd, given.root ?? ".");
  if (given.root !== undefined) {
    // The root is checked before the policy file inside it is looked for, so that a wrong option is named as such.
    const info = await stat(root).catch(() => undefined);
    const label = given.rootLabel ?? "the repository root";
    if (!info) throw new UserError(`${label}: ${root}: the directory does not exist`);
    if (!info.isDirectory()) throw new UserError(`${label}: ${root}: not a directory`);
  }
  const loaded = given.config !== undefined ? await loadPolicy({ file: given.config, cwd: invocation.cwd }) : await loadPolicy({ cwd: root });
  return { root, policy: loaded.policy, policySource: loaded.source };
}
