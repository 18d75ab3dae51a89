import { goNoGoDoor } from "../go-no-go/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(goNoGoDoor, import.meta.url);
