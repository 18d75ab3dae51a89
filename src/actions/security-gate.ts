import { securityDoor } from "../security/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(securityDoor, import.meta.url);
