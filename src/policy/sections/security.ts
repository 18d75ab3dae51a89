import { gateEnabled, type JsonSchema } from "../json-schema.ts";

const maximum = (severity: string, extra = ""): JsonSchema => ({
  type: "integer",
  minimum: 0,
  description: `Most ${severity} findings allowed (not counting accepted ones)${extra}.`,
});

export const securitySection: JsonSchema = {
  type: "object",
  description: "The security scan gate (action `security-gate`, CLI `shipgate security`): SARIF 2.1.0, npm audit, Trivy and OSV-Scanner reports.",
  additionalProperties: false,
  properties: {
    enabled: gateEnabled,
    reports: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      description: "Scanner report files or glob patterns, relative to the repository root; a pattern that matches no file fails the gate.",
    },
    "max-critical": { ...maximum("critical"), default: 0 },
    "max-high": maximum("high", "; unlimited when absent"),
    "max-medium": maximum("medium", "; unlimited when absent"),
    "max-low": maximum("low", "; unlimited when absent"),
    "max-unknown": maximum("findings without a severity (Trivy UNKNOWN, OSV entries without a rating)", "; unlimited when absent"),
    accept: {
      type: "array",
      default: [],
      description: "Accepted findings: they do not count against the thresholds until they expire; an expired acceptance fails the gate.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "reason", "expires"],
        properties: {
          id: { type: "string", minLength: 1, description: "The advisory or rule id (GHSA-…, CVE-…, a SARIF ruleId, a Trivy check id); aliases match too." },
          package: { type: "string", minLength: 1, description: "Only this package's finding of that id." },
          path: { type: "string", minLength: 1, description: "Only findings in files matching this pattern (CODEOWNERS-style)." },
          reason: { type: "string", minLength: 1, description: "Why the risk is accepted (required)." },
          expires: {
            type: "string",
            pattern: "^\\d{4}-\\d{2}-\\d{2}$",
            description: "The last day (YYYY-MM-DD, UTC) the acceptance holds (required).",
          },
        },
      },
    },
    "max-report-mb": {
      type: "integer",
      minimum: 1,
      maximum: 2048,
      default: 100,
      description: "Largest report read, in MiB; a larger report fails with a clear error instead of exhausting memory.",
    },
  },
};
