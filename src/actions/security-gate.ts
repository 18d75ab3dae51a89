import { securityGateAction } from "../security/action.ts";
import { runAction } from "./run-action.ts";

await runAction(securityGateAction);
