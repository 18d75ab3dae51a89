import { actionEntry } from "./entry.ts";
import { rollbackGuardDoor } from "../rollback-guard/door.ts";

export const run = await actionEntry(rollbackGuardDoor, import.meta.url);
