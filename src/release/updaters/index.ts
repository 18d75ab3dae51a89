import { UserError } from "../../core/errors.ts";
import { packageJsonUpdater } from "./package-json.ts";
import { packageLockUpdater } from "./package-lock.ts";
import type { VersionUpdater } from "./updater.ts";
import { versionFileUpdater } from "./version-file.ts";

export type { VersionUpdater } from "./updater.ts";

/** Every updater; a new kind of version file adds one line here. */
export const updaters: readonly VersionUpdater[] = [packageJsonUpdater, packageLockUpdater, versionFileUpdater];

/** The updater of each listed file, checked up front so that a typo fails before anything is written. */
export function updatersFor(paths: readonly string[], where: string): { path: string; updater: VersionUpdater }[] {
  return paths.map((raw) => {
    const path = raw.replace(/\\/g, "/").replace(/^\.\//, "");
    if (path.startsWith("/") || path.split("/").includes("..")) throw new UserError(`${where}: "${raw}" must be a path inside the repository`);
    const updater = updaters.find((u) => u.handles(path));
    if (!updater) throw new UserError(`${where}: no updater for "${raw}" (known: ${updaters.map((u) => u.name).join(", ")}, matched by file name)`);
    return { path, updater };
  });
}
