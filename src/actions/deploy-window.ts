import { runAction } from "./run-action.ts";
import { windowDoor } from "../window/door.ts";

await runAction(windowDoor);
