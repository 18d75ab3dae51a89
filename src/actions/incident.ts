import { clientTuningFromEnv } from "../github/tuning.ts";
import { incidentAction } from "../incident/action.ts";
import { runAction } from "./run-action.ts";

await runAction(incidentAction(clientTuningFromEnv(process.env)));
