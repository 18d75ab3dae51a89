import { runAction } from "./run-action.ts";
import { deployWindowAction } from "../window/action.ts";
import { commentOverride } from "../github/override-comment.ts";

/**
 * SHIPGATE_TEST_CLOCK (tests only): an ISO-8601 instant the clock starts from; it then advances in real time,
 * so that waiting works. It is read here and nowhere else, and the summary says when it is set.
 */
const testStart = process.env.SHIPGATE_TEST_CLOCK;
const testInstant = testStart ? Date.parse(testStart) : Number.NaN;
const offset = Number.isNaN(testInstant) ? 0 : testInstant - Date.now();

await runAction(
  deployWindowAction({
    clock: () => new Date(Date.now() + offset),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(offset !== 0 ? { clockNote: `The clock was set by SHIPGATE_TEST_CLOCK to start at ${testStart}.` } : {}),
    comment: commentOverride,
  }),
);
