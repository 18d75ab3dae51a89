import { actionEntry } from "./entry.ts";
import { versionDoor } from "../version/door.ts";

export const run = await actionEntry(versionDoor, import.meta.url);
