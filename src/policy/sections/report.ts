import type { JsonSchema } from "../json-schema.ts";

/** How shipgate writes what it posts to GitHub; the neutralisation itself is src/report/neutralise.ts. */
export const reportSection: JsonSchema = {
  type: "object",
  description: "What shipgate posts to GitHub built from text people wrote. See docs/security.md.",
  additionalProperties: false,
  properties: {
    mentions: {
      enum: ["neutralise", "keep"],
      default: "neutralise",
      description:
        "`@user` and `@org/team` in release notes posted as GitHub release bodies and release pull request bodies: `neutralise` (a zero-width space after the `@`: readable, nobody is notified) or `keep` (as written: GitHub notifies them). Values shown in gate summaries (paths, tool names, logins) and incident issues stay inert either way; CHANGELOG.md always keeps them.",
    },
  },
};
