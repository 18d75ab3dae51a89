import { runAction } from "./run-action.ts";
import { coverageDoor } from "../coverage/door.ts";

await runAction(coverageDoor);
