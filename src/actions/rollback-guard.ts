import { runAction } from "./run-action.ts";
import { rollbackGuardDoor } from "../rollback-guard/door.ts";

await runAction(rollbackGuardDoor);
