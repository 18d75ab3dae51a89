import { approvalsDoor } from "../approvals/door.ts";
import { runAction } from "./run-action.ts";

await runAction(approvalsDoor);
