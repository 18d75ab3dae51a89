import path from "node:path";
import { UserError } from "../core/errors.ts";
import type { PackagePolicy, ReleasePolicy } from "../policy/types.ts";

/** The release policy with at most one package selected: what the pure version and changelog logic read. */
export type ReleaseRules = ReleasePolicy & { package?: PackagePolicy };

/** A package path must stay inside the repository: relative, without `..`. */
function checkedPackagePath(packagePath: string, where: string): string {
  const normalized = path.posix.normalize(packagePath.replace(/\\/g, "/")).replace(/\/+$/, "");
  if (path.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../") || normalized === "") {
    throw new UserError(`${where}: package path "${packagePath}" must be a directory inside the repository, relative to its root`);
  }
  return normalized;
}

/**
 * Selects a package of `release.packages` by name; a name not listed there needs its path. The path is checked
 * to stay inside the repository.
 */
export function releaseRules(policy: ReleasePolicy, selection: { name?: string | undefined; path?: string | undefined; where: string }): ReleaseRules {
  const rules = selectPackage(policy, selection);
  if (!rules.package) return rules;
  return { ...rules, package: { ...rules.package, path: checkedPackagePath(rules.package.path, selection.where) } };
}

function selectPackage(policy: ReleasePolicy, selection: { name?: string | undefined; path?: string | undefined; where: string }): ReleaseRules {
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
