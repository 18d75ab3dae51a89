import { runAction } from "./run-action.ts";
import { changelogDoor } from "../changelog/door.ts";

await runAction(changelogDoor);
