/**
 * Items generated when an occurrence opens: `generate: access-review` reads the repository's access from the GitHub
 * API and turns each finding into an item (src/runbooks/access-review.ts), with the difference from the previous
 * occurrence, whose hidden record is in its body.
 */
import type { Octokit } from "../github/client.ts";
import { readAccessSnapshot } from "../github/access.ts";
import type { ChecklistGenerator } from "./ports.ts";

export function accessReviewGenerator(octokit: Octokit, repository: { owner: string; repo: string }): ChecklistGenerator {
  return {
    async generate(runbook, previousBody, now) {
      const snapshot = await readAccessSnapshot(octokit, repository);
      // Loaded for a review only: it loads node:crypto and node:zlib, a third of `node -e 0`, and most runbooks generate nothing.
      const { accessReview } = await import("./access-review.ts");
      const review = accessReview(snapshot, previousBody, runbook.accessReview, now);
      return { items: review.items.map((item) => ({ id: item.id, text: item.text, evidence: null })), preface: review.preface, record: review.record };
    },
  };
}
