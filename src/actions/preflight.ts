import { runAction } from "./run-action.ts";
import { preflightAction } from "../preflight/action.ts";

await runAction(preflightAction);
