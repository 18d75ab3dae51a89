import { runAction } from "./run-action.ts";
import { changelogAction } from "../changelog/action.ts";

await runAction(changelogAction);
