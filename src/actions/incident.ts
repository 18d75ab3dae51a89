import { incidentDoor } from "../incident/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(incidentDoor, import.meta.url);
