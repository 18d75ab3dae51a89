import type { CommandSpec } from "./command.ts";
import { commandOf } from "./door.ts";
import { doors } from "../doors.ts";

/**
 * Every CLI command, loaded only when called so that `shipgate --help` and each command start fast: one per
 * front door (src/doors.ts).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  renamedTo?: string;
  load: () => Promise<CommandSpec>;
}

export const commands: CommandEntry[] = doors
  .map((entry) => ({
    name: entry.command,
    summary: entry.summary,
    ...(entry.renamedTo ? { renamedTo: entry.renamedTo } : {}),
    load: async () => commandOf(await entry.load(), entry),
  }))
  // Code-point order: the same for every locale, and no ICU collator to load before every command.
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
