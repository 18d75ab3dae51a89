import { runbookDoor } from "../runbooks/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(runbookDoor, import.meta.url);
