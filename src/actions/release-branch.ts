import { runAction } from "./run-action.ts";
import { releaseBranchDoor } from "../release-branch/door.ts";

await runAction(releaseBranchDoor);
