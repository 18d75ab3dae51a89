import { analyticsDoor } from "../analytics/door.ts";
import { runAction } from "./run-action.ts";

await runAction(analyticsDoor);
