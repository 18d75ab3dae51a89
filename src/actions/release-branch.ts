import { actionEntry } from "./entry.ts";
import { releaseBranchDoor } from "../release-branch/door.ts";

export const run = await actionEntry(releaseBranchDoor, import.meta.url);
