import { UserError } from "../../core/errors.ts";
import { baseName, type VersionUpdater } from "./updater.ts";

/** A plain VERSION file: one line with the version, a leading "v" and the final newline kept as they were. */
export const versionFileUpdater: VersionUpdater = {
  name: "VERSION",
  handles: (path) => baseName(path) === "VERSION",
  update(text, version, path) {
    const match = /^([ \t]*)(v?)(\S*)(\s*)$/.exec(text);
    if (!match) throw new UserError(`${path}: expected one line holding the version, found several`);
    const [, before = "", prefix = "", current = "", after = ""] = match;
    if (current === version) return text;
    return `${before}${prefix}${version}${after}`;
  },
};
