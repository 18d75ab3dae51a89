import { describe, expect, it } from "vitest";
import { decisiveReviews, type Review, type ReviewState } from "../../src/approvals/reviews.ts";

let nextId = 1;
function review(author: string | null, state: ReviewState, minute: number, extra: Partial<Review> = {}): Review {
  return { id: nextId++, author, state, commitId: "head", submittedAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(), ...extra };
}

function decide(reviews: Review[]): Record<string, string> {
  return Object.fromEntries([...decisiveReviews(reviews)].map(([login, d]) => [login, d.state]));
}

// GitHub: each reviewer's latest review that is not a comment decides.
describe("the deciding review per reviewer", () => {
  it.each([
    ["an approval", [review("alice", "APPROVED", 1)], { alice: "APPROVED" }],
    ["a later comment does not revoke an approval", [review("alice", "APPROVED", 1), review("alice", "COMMENTED", 2)], { alice: "APPROVED" }],
    ["a later change request replaces an approval", [review("alice", "APPROVED", 1), review("alice", "CHANGES_REQUESTED", 2)], { alice: "CHANGES_REQUESTED" }],
    ["a later approval replaces a change request", [review("alice", "CHANGES_REQUESTED", 1), review("alice", "APPROVED", 2)], { alice: "APPROVED" }],
    ["a dismissed approval decides as dismissed", [review("alice", "DISMISSED", 1)], { alice: "DISMISSED" }],
    ["an approval after a dismissal counts again", [review("alice", "DISMISSED", 1), review("alice", "APPROVED", 2)], { alice: "APPROVED" }],
    ["an approval followed by a dismissed change request: nothing active", [review("alice", "APPROVED", 1), review("alice", "DISMISSED", 2)], { alice: "DISMISSED" }],
    ["comments only decide nothing", [review("alice", "COMMENTED", 1), review("alice", "COMMENTED", 2)], {}],
    ["pending reviews decide nothing", [review("alice", "APPROVED", 1), review("alice", "PENDING", 2)], { alice: "APPROVED" }],
    ["deleted accounts decide nothing", [review(null, "APPROVED", 1)], {}],
    ["logins differing in case are one reviewer", [review("Alice", "APPROVED", 1), review("alice", "CHANGES_REQUESTED", 2)], { alice: "CHANGES_REQUESTED" }],
    ["order is by submission time, not list order", [review("alice", "CHANGES_REQUESTED", 5), review("alice", "APPROVED", 1)], { alice: "CHANGES_REQUESTED" }],
    ["reviewers are independent", [review("alice", "APPROVED", 1), review("bob", "CHANGES_REQUESTED", 2), review("carol", "COMMENTED", 3)], { alice: "APPROVED", bob: "CHANGES_REQUESTED" }],
  ])("%s", (_name, reviews, expected) => {
    expect(decide(reviews)).toEqual(expected);
  });

  it("breaks ties of the same second by review id", () => {
    const at = "2026-01-01T12:00:00Z";
    const reviews = [review("alice", "APPROVED", 0, { id: 20, submittedAt: at }), review("alice", "CHANGES_REQUESTED", 0, { id: 10, submittedAt: at })];
    expect(decide(reviews)).toEqual({ alice: "APPROVED" });
  });

  it("recognises bots by type or by the [bot] suffix", () => {
    const decisions = decisiveReviews([review("renovate[bot]", "APPROVED", 1), review("ci-app", "APPROVED", 2, { authorIsBot: true }), review("human", "APPROVED", 3)]);
    expect([...decisions.values()].map((d) => [d.login, d.isBot])).toEqual([
      ["renovate[bot]", true],
      ["ci-app", true],
      ["human", false],
    ]);
  });
});
