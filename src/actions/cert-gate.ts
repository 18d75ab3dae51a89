import { runAction } from "./run-action.ts";
import { certGateAction } from "../certs/action.ts";

await runAction(certGateAction);
