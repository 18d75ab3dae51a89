import { runAction } from "./run-action.ts";
import { releaseBranchAction } from "../release/branch-action.ts";

await runAction(releaseBranchAction);
