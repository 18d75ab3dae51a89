import { parseJsonObject, jsonStyle, printJson } from "./json-file.ts";
import { baseName, type VersionUpdater } from "./updater.ts";

/** package.json: the top-level "version"; a package without one (private tooling) is left alone. */
export const packageJsonUpdater: VersionUpdater = {
  name: "package.json",
  handles: (path) => baseName(path) === "package.json",
  update(text, version, path) {
    const data = parseJsonObject(text, path);
    if (typeof data.version !== "string" || data.version === version) return text;
    return printJson({ ...data, version }, jsonStyle(text), text.startsWith("\uFEFF"));
  },
};
