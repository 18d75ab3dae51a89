import type { JsonSchema } from "../json-schema.ts";

/** The `access-review` settings of a runbook that generates its items from the GitHub API (docs/access-review.md). */
export interface AccessReviewPolicy {
  "secret-max-age-days": number;
  "deploy-key-max-age-days": number;
  "deploy-key-max-idle-days": number;
  "privileged-permissions": ("admin" | "maintain" | "write" | "triage" | "read")[];
  "production-environments": string[];
}

const days = (fallback: number, description: string): JsonSchema => ({ type: "integer", minimum: 1, maximum: 36500, default: fallback, description });

/** A fragment for the runbooks section to embed, e.g. as the `access-review` key of a runbook. */
export const accessReviewSection: JsonSchema = {
  type: "object",
  description: "How the access review judges what the GitHub API shows (docs/access-review.md).",
  additionalProperties: false,
  default: {},
  properties: {
    "secret-max-age-days": days(90, "An Actions or environment secret not updated for more days than this is an item to rotate it."),
    "deploy-key-max-age-days": days(365, "A deploy key created more days ago than this is an item to rotate it."),
    "deploy-key-max-idle-days": {
      type: "integer",
      minimum: 0,
      maximum: 36500,
      default: 90,
      description: "A deploy key unused for more days than this (never used: since its creation) is an item to remove it; 0 turns the check off. GitHub Enterprise Server versions that do not report a key's last use skip it.",
    },
    "privileged-permissions": {
      type: "array",
      items: { type: "string", enum: ["admin", "maintain", "write", "triage", "read"] },
      uniqueItems: true,
      default: ["admin", "maintain", "write"],
      description: "Repository roles of collaborators and teams listed for a person to confirm (a custom role counts as the role it extends). Outside collaborators with write or more are always listed.",
    },
    "production-environments": {
      type: "array",
      items: { type: "string", minLength: 1, pattern: "^[A-Za-z0-9]+$" },
      default: ["production", "prod", "prd", "live"],
      description: "Words that make an environment production-like (matched against the words of its name, any case: `prod` matches `eu-prod`); such an environment without required reviewers is an item to fix.",
    },
  },
};
