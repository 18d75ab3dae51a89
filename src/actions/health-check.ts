import { healthDoor } from "../health/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(healthDoor, import.meta.url);
