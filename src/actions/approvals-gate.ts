import { approvalsGateAction } from "../approvals/action.ts";
import { clientTuningFromEnv } from "../github/tuning.ts";
import { runAction } from "./run-action.ts";

await runAction(approvalsGateAction(clientTuningFromEnv(process.env)));
