import { runAction } from "./run-action.ts";
import { coverageAction } from "../coverage/action.ts";

await runAction(coverageAction);
