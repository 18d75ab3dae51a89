import manifest from "../../package.json" with { type: "json" };

/** The version of the package, as `shipgate --version` prints it. */
export const VERSION: string = manifest.version;
