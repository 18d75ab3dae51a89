import { UserError } from "../core/errors.ts";
import type { PackagePolicy, ReleasePolicy } from "../policy/types.ts";

/** The release policy with at most one package selected: what the pure version and changelog logic read. */
export type ReleaseRules = ReleasePolicy & { package?: PackagePolicy };

/**
 * Selects a package of `release.packages` by name; a name not listed there needs its path (`packagePath`).
 */
export function releaseRules(policy: ReleasePolicy, selection: { name?: string | undefined; path?: string | undefined; where: string }): ReleaseRules {
  if (!selection.name) {
    if (selection.path) throw new UserError(`${selection.where}: a package path needs a package name`);
    return policy;
  }
  const listed = policy.packages.find((p) => p.name === selection.name);
  if (listed) return { ...policy, package: selection.path ? { ...listed, path: selection.path } : listed };
  if (!selection.path) {
    const known = policy.packages.map((p) => p.name).join(", ") || "none";
    throw new UserError(`${selection.where}: package "${selection.name}" is not in release.packages (listed: ${known}) and no package path was given`);
  }
  return { ...policy, package: { name: selection.name, path: selection.path, "tag-format": "{name}@{version}" } };
}
