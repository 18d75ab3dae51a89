import { runAction } from "./run-action.ts";
import { deployWindowAction } from "../window/action.ts";

/**
 * SHIPGATE_TEST_CLOCK (tests only): an ISO-8601 instant the clock starts from; it then advances in real time,
 * so that waiting works. It is read here and nowhere else, and the summary says when it is set.
 */
const testStart = process.env.SHIPGATE_TEST_CLOCK;
const testInstant = testStart ? Date.parse(testStart) : Number.NaN;
const testClock = !Number.isNaN(testInstant);
const offset = testClock ? testInstant - Date.now() : 0;

await runAction(
  deployWindowAction({
    clock: () => new Date(Date.now() + offset),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(testClock ? { clockNote: `The clock was set by SHIPGATE_TEST_CLOCK to start at ${testStart}.` } : {}),
    // The GitHub client loads only when an override is to be commented.
    comment: async (...args) => (await import("../github/override-comment.ts")).commentOverride(...args),
  }),
);
