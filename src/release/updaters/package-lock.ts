import { parseJsonObject, jsonStyle, printJson } from "./json-file.ts";
import { baseName, type VersionUpdater } from "./updater.ts";

/**
 * package-lock.json and npm-shrinkwrap.json: the root "version" and, from lockfile version 2 on, the root
 * package's entry packages[""].version. Dependencies' versions are never touched.
 */
export const packageLockUpdater: VersionUpdater = {
  name: "package-lock.json",
  handles: (path) => ["package-lock.json", "npm-shrinkwrap.json"].includes(baseName(path)),
  update(text, version, path) {
    const data = parseJsonObject(text, path);
    let changed = false;
    const next: Record<string, unknown> = { ...data };
    if (typeof data.version === "string" && data.version !== version) {
      next.version = version;
      changed = true;
    }
    const packages = data.packages;
    if (typeof packages === "object" && packages !== null && !Array.isArray(packages)) {
      const root = (packages as Record<string, unknown>)[""];
      if (typeof root === "object" && root !== null && typeof (root as Record<string, unknown>).version === "string" && (root as Record<string, unknown>).version !== version) {
        next.packages = { ...(packages as Record<string, unknown>), "": { ...(root as Record<string, unknown>), version } };
        changed = true;
      }
    }
    return changed ? printJson(next, jsonStyle(text), text.startsWith("\uFEFF")) : text;
  },
};
