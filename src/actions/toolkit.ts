/**
 * The actions toolkit (@actions/core) the doors talk to. It is bundled into dist/, so an action needs nothing
 * installed on the runner; a program that imports a bundle and calls its run() (@github/local-action) brings
 * its own @actions/core, stubbed to collect outputs and the verdict, and useCallersToolkit() switches to it.
 */
import * as bundled from "@actions/core";

type Toolkit = Pick<typeof bundled, "debug" | "error" | "info" | "notice" | "setFailed" | "setOutput" | "setSecret" | "summary" | "warning">;

let active: Toolkit = bundled;

/** Resolved by Node from the importing program's node_modules, not by the bundler (so a variable, not a literal). */
const callersToolkit = "@actions/core";

/** Uses the @actions/core of the program that imported the bundle, when it has one; the bundled one otherwise. */
export async function useCallersToolkit(): Promise<void> {
  try {
    active = (await import(callersToolkit)) as Toolkit;
  } catch {
    active = bundled;
  }
}

export const core: Toolkit = {
  debug: (message) => active.debug(message),
  error: (message, properties) => active.error(message, properties),
  info: (message) => active.info(message),
  notice: (message, properties) => active.notice(message, properties),
  setFailed: (message) => active.setFailed(message),
  setOutput: (name, value) => active.setOutput(name, value),
  setSecret: (secret) => active.setSecret(secret),
  get summary() {
    return active.summary;
  },
  warning: (message, properties) => active.warning(message, properties),
};
