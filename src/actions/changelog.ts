import { actionEntry } from "./entry.ts";
import { changelogDoor } from "../changelog/door.ts";

export const run = await actionEntry(changelogDoor, import.meta.url);
