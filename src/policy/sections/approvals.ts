import { gateEnabled, type JsonSchema } from "../json-schema.ts";

export const approvalsSection: JsonSchema = {
  type: "object",
  description: "The code-review approvals gate (action `approvals-gate`, CLI `shipgate approvals`), counting reviews as GitHub does.",
  additionalProperties: false,
  properties: {
    enabled: gateEnabled,
    required: { type: "integer", minimum: 0, maximum: 10, default: 2, description: "Approvals required from distinct reviewers whose approval counts." },
    "require-head-commit": {
      type: "boolean",
      default: false,
      description: "Count only approvals given on the pull request's head commit (an approval of an older commit does not count).",
    },
    "require-last-push-approval": {
      type: "boolean",
      default: false,
      description:
        "GitHub's `require_last_push_approval`: the most recent push must be approved (on its commit, or one with the same diff) by someone other than the account that pushed it.",
    },
    "exclude-last-pusher": { type: "boolean", default: false, description: "Former name of `require-last-push-approval`; true turns that rule on." },
    "require-write-access": {
      type: "boolean",
      default: true,
      description: "Only reviewers with write, maintain or admin permission count, and only their change requests block.",
    },
    "allowed-bots": {
      type: "array",
      items: { type: "string", minLength: 1 },
      default: [],
      description: "With `bots: allowed-only`, the bot logins (e.g. `release-bot[bot]`) whose approvals count.",
    },
    bots: {
      type: "string",
      enum: ["as-github", "allowed-only"],
      default: "as-github",
      description:
        "as-github: a bot's (GitHub App's) approval counts like anyone's when it has write access, except GitHub Actions' own (GITHUB_TOKEN); allowed-only: only the bots of `allowed-bots` count.",
    },
    "github-rules": {
      type: "boolean",
      default: true,
      description:
        "Also read the base branch's rulesets and branch protection and apply the most restrictive of them and this section, as GitHub does (the summary shows which layer required what).",
    },
    codeowners: {
      type: "boolean",
      default: true,
      description: "Every changed file with owners in CODEOWNERS (.github/, root or docs/) needs an approval from one of them.",
    },
    "team-rules": {
      type: "array",
      default: [],
      description: "N approvals from a team's members when a pull request changes matching paths, e.g. 1 from @org/security for infra/**.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["paths", "team"],
        properties: {
          paths: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, description: "CODEOWNERS-style path patterns; a pattern starting with `!` excludes the files it matches, as in a ruleset's required reviewers." },
          team: { type: "string", pattern: "^@?[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*$", description: "The team, as @org/team." },
          count: { type: "integer", minimum: 1, default: 1, description: "Approvals required from the team's members." },
        },
      },
    },
    "block-on-change-requests": {
      type: "boolean",
      default: true,
      description: "A reviewer whose latest review requests changes blocks the gate until they approve or the review is dismissed.",
    },
  },
};
