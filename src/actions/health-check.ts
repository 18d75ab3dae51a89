import { runAction } from "./run-action.ts";
import { healthCheckAction } from "../health/action.ts";

await runAction(healthCheckAction);
