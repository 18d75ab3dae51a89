/**
 * Two kinds of failure besides a verdict: the user's input or configuration is wrong (exit 2),
 * or something outside us failed after retries (exit 3). Anything else is an internal bug.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly exitCode = 2;
}

export class ExternalError extends Error {
  override readonly name = "ExternalError";
  readonly exitCode = 3;
}

export const EXIT = { ok: 0, gateFailed: 1, userError: 2, externalError: 3, internal: 4 } as const;

export function exitCodeOf(error: unknown): number {
  if (error instanceof UserError) return EXIT.userError;
  if (error instanceof ExternalError) return EXIT.externalError;
  return EXIT.internal;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A gate that cannot run here (no token, no pull request to judge): bad input at its own door (exit 2), a
 * skipped gate with this reason inside the umbrella.
 */
export class NotApplicable extends UserError {
  override readonly name = "UserError";
}

/**
 * A write refused because the thing already exists (HTTP 422 already_exists): someone else made it. Adapters
 * throw it, idempotent use cases catch it and reuse what is there.
 */
export class AlreadyExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = "AlreadyExistsError";
  }
}
