import { runAction } from "./run-action.ts";
import { versionAction } from "../version/action.ts";

await runAction(versionAction);
