import { actionEntry } from "./entry.ts";
import { releaseDoor } from "../release/door.ts";

export const run = await actionEntry(releaseDoor, import.meta.url);
