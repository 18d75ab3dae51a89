import { actionEntry } from "./entry.ts";
import { coverageDoor } from "../coverage/door.ts";

export const run = await actionEntry(coverageDoor, import.meta.url);
