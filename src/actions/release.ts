import { runAction } from "./run-action.ts";
import { releaseAction } from "../release/action.ts";

await runAction(releaseAction);
