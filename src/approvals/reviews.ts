/** A submitted pull-request review as GitHub's reviews API lists it. */
export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface Review {
  id: number;
  /** Null for a deleted account ("ghost"). */
  author: string | null;
  /** GitHub's user type "Bot" (apps); logins ending in [bot] are bots too. */
  authorIsBot?: boolean;
  state: ReviewState;
  /** The head commit the review was submitted on. */
  commitId: string;
  submittedAt: string;
}

export interface ReviewerDecision {
  /** Lower-case login. */
  login: string;
  isBot: boolean;
  state: "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";
  review: Review;
}

export function isBotLogin(login: string, flagged = false): boolean {
  return flagged || login.toLowerCase().endsWith("[bot]");
}

/**
 * Each reviewer's deciding review, as GitHub decides it: the latest review that is not a comment (a later
 * comment does not revoke an approval; a later change request or a dismissal does). Pending reviews are
 * not submitted and deleted accounts cannot review, so neither decides anything.
 */
export function decisiveReviews(reviews: Review[]): Map<string, ReviewerDecision> {
  // Submission time orders reviews; the id (increasing on GitHub) breaks ties, then the list order.
  const ordered = reviews
    .map((review, index) => ({ review, index, time: Date.parse(review.submittedAt) || -Infinity }))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.review.id - b.review.id || a.index - b.index));
  const decisions = new Map<string, ReviewerDecision>();
  for (const { review } of ordered) {
    if (!review.author || review.state === "COMMENTED" || review.state === "PENDING") continue;
    const login = review.author.toLowerCase();
    decisions.set(login, { login, isBot: isBotLogin(review.author, review.authorIsBot), state: review.state, review });
  }
  return decisions;
}
