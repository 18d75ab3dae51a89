import { actionEntry } from "./entry.ts";
import { windowDoor } from "../window/door.ts";

export const run = await actionEntry(windowDoor, import.meta.url);
