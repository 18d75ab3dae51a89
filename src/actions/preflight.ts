import { runAction } from "./run-action.ts";
import { preflightDoor } from "../preflight/door.ts";

await runAction(preflightDoor);
