/** What the deploy window needs from GitHub; src/github/override-comment.ts implements it. */
import type { Invocation } from "../core/capability.ts";

/** An accepted override, to be recorded on an issue or pull request of the run's repository. */
export interface OverrideComment {
  token: string | undefined;
  issue: number;
  actor: string;
  body: string;
}

/**
 * Writes the comment once per workflow run (a re-run updates it); returns a sentence with its URL, or one saying why
 * none was written: a failure never throws, the override is already recorded in the summary and the outputs.
 */
export type CommentOverride = (comment: OverrideComment, invocation: Pick<Invocation, "run" | "env" | "log" | "warn">) => Promise<string>;
