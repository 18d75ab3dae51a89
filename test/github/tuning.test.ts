import { describe, expect, it } from "vitest";
import { clientTuningFromEnv } from "../../src/github/tuning.ts";

describe("clientTuningFromEnv (test knobs of the action and CLI entries)", () => {
  it.each([
    { env: {}, tuning: {} },
    { env: { SHIPGATE_HTTP_TIMEOUT_MS: "250", SHIPGATE_HTTP_RETRIES: "0", SHIPGATE_RETRY_AFTER_BASE_MS: "1" }, tuning: { timeoutMs: 250, retries: 0, retryAfterBaseMs: 1 } },
    { env: { SHIPGATE_NO_WRITE_SPACING: "1" }, tuning: { throttleWrites: false } },
    { env: { SHIPGATE_NO_WRITE_SPACING: " 1 " }, tuning: { throttleWrites: false } },
    // Anything but "1" keeps the spacing GitHub asks for.
    { env: { SHIPGATE_NO_WRITE_SPACING: "true" }, tuning: {} },
    { env: { SHIPGATE_NO_WRITE_SPACING: "0" }, tuning: {} },
    { env: { SHIPGATE_HTTP_RETRIES: "3.5", SHIPGATE_HTTP_TIMEOUT_MS: "-1" }, tuning: {} },
  ])("$env -> $tuning", ({ env, tuning }) => {
    expect(clientTuningFromEnv(env as NodeJS.ProcessEnv)).toEqual(tuning);
  });
});
