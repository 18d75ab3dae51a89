import { runAction } from "./run-action.ts";
import { releaseDoor } from "../release/door.ts";

await runAction(releaseDoor);
