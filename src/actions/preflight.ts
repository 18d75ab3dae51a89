import { runAction } from "./run-action.ts";
import { clientTuningFromEnv } from "../github/tuning.ts";
import { preflightAction } from "../preflight/action.ts";

await runAction(preflightAction(clientTuningFromEnv(process.env)));
