import { runAction } from "./run-action.ts";
import { versionDoor } from "../version/door.ts";

await runAction(versionDoor);
