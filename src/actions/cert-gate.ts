import { certsDoor } from "../certs/door.ts";
import { runAction } from "./run-action.ts";

await runAction(certsDoor);
