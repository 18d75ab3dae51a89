import { actionEntry } from "./entry.ts";
import { rolloutDoor } from "../rollout/door.ts";

export const run = await actionEntry(rolloutDoor, import.meta.url);
