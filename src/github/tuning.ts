import type { ClientSettings } from "./client.ts";

/** The client's waits, which tests shrink; production uses createOctokit's defaults. */
export type ClientTuning = Pick<ClientSettings, "timeoutMs" | "retries" | "retryAfterBaseMs" | "throttleWrites">;

const KNOBS = { SHIPGATE_HTTP_TIMEOUT_MS: "timeoutMs", SHIPGATE_HTTP_RETRIES: "retries", SHIPGATE_RETRY_AFTER_BASE_MS: "retryAfterBaseMs" } as const;

/**
 * Test knobs, read only by the action entries and the CLI entry (documented in docs/shipgate.md): the
 * runner-contract tests set them so that a retry-after of 1 s or a hanging server costs milliseconds.
 * Values that are not whole numbers are ignored. SHIPGATE_NO_WRITE_SPACING=1 drops the spacing of writes (not the
 * rate-limit handling), so that tests against the API simulator do not wait 1-3 s per write.
 */
export function clientTuningFromEnv(env: NodeJS.ProcessEnv): ClientTuning {
  const tuning: ClientTuning = {};
  for (const [name, key] of Object.entries(KNOBS)) {
    const raw = env[name]?.trim();
    if (raw && /^\d{1,9}$/.test(raw)) tuning[key] = Number(raw);
  }
  if (env.SHIPGATE_NO_WRITE_SPACING?.trim() === "1") tuning.throttleWrites = false;
  return tuning;
}
