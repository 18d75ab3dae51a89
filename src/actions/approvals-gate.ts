import { approvalsDoor } from "../approvals/door.ts";
import { actionEntry } from "./entry.ts";

export const run = await actionEntry(approvalsDoor, import.meta.url);
