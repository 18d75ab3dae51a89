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
    "exclude-last-pusher": { type: "boolean", default: false, description: "The approval of whoever pushed the latest commit does not count." },
    "require-write-access": {
      type: "boolean",
      default: true,
      description: "Only reviewers with write, maintain or admin permission count, and only their change requests block.",
    },
    "allowed-bots": {
      type: "array",
      items: { type: "string", minLength: 1 },
      default: [],
      description: "Bot logins (e.g. `release-bot[bot]`) whose approvals count; other bots never count.",
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
          paths: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, description: "CODEOWNERS-style path patterns." },
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
