import { healthDoor } from "../health/door.ts";
import { runAction } from "./run-action.ts";

await runAction(healthDoor);
