import { runAction } from "./run-action.ts";
import { rollbackGuardAction } from "../rollback/action.ts";

await runAction(rollbackGuardAction);
