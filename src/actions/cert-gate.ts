import { certsDoor } from "../certs/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(certsDoor, import.meta.url);
