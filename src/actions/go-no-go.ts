import { goNoGoAction } from "../go-no-go/action.ts";
import { clientTuningFromEnv } from "../github/tuning.ts";
import { runAction } from "./run-action.ts";

await runAction(goNoGoAction(clientTuningFromEnv(process.env)));
