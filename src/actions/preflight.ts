import { actionEntry } from "./entry.ts";
import { preflightDoor } from "../preflight/door.ts";

export const run = await actionEntry(preflightDoor, import.meta.url);
