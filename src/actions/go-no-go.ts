import { goNoGoDoor } from "../go-no-go/door.ts";
import { runAction } from "./run-action.ts";

await runAction(goNoGoDoor);
