import { incidentAction } from "../incident/action.ts";
import { runAction } from "./run-action.ts";

await runAction(incidentAction);
