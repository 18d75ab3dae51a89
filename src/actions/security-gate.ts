import { securityDoor } from "../security/door.ts";
import { runAction } from "./run-action.ts";

await runAction(securityDoor);
