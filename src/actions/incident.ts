import { incidentDoor } from "../incident/door.ts";
import { runAction } from "./run-action.ts";

await runAction(incidentDoor);
