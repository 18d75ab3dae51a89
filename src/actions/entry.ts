import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { AnyCapability } from "../core/capability.ts";
import type { Policy } from "../policy/types.ts";
import { runAction } from "./run-action.ts";
import { useCallersToolkit } from "./toolkit.ts";

/** The runner starts the bundle itself (`node dist/<action>.js`); another program imports it instead. */
function startedAsProgram(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

/**
 * An action's entry: runs the action when the runner starts its bundle, and returns the `run()` a program that
 * imports the bundle calls (@github/local-action does, with its own @actions/core collecting the outputs).
 */
export async function actionEntry(capability: AnyCapability<Policy>, moduleUrl: string): Promise<() => Promise<void>> {
  if (startedAsProgram(moduleUrl)) await runAction(capability);
  return async () => {
    await useCallersToolkit();
    await runAction(capability);
  };
}
