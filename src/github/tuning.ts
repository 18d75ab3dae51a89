import type { ClientSettings } from "./client.ts";

/** The client's waits, which tests shrink; production uses createOctokit's defaults. */
export type ClientTuning = Pick<ClientSettings, "timeoutMs" | "retries" | "retryAfterBaseMs">;

const KNOBS = { SHIPGATE_HTTP_TIMEOUT_MS: "timeoutMs", SHIPGATE_HTTP_RETRIES: "retries", SHIPGATE_RETRY_AFTER_BASE_MS: "retryAfterBaseMs" } as const;

/**
 * Test knobs, read only by the action entries and the CLI entry (documented in docs/shipgate.md): the
 * runner-contract tests set them so that a retry-after of 1 s or a hanging server costs milliseconds.
 * Values that are not whole numbers are ignored.
 */
export function clientTuningFromEnv(env: NodeJS.ProcessEnv): ClientTuning {
  const tuning: ClientTuning = {};
  for (const [name, key] of Object.entries(KNOBS)) {
    const raw = env[name]?.trim();
    if (raw && /^\d{1,9}$/.test(raw)) tuning[key] = Number(raw);
  }
  return tuning;
}
