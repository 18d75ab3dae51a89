import type { JsonSchema } from "./json-schema.ts";
import { certsSection } from "./sections/certs.ts";
import { coverageSection } from "./sections/coverage.ts";
import { healthSection } from "./sections/health.ts";
import { rollbackSection } from "./sections/rollback.ts";
import { securitySection } from "./sections/security.ts";
import { approvalsSection } from "./sections/approvals.ts";
import { goNoGoSection } from "./sections/go-no-go.ts";
import { preflightSection } from "./sections/preflight.ts";
import { windowsSection } from "./sections/windows.ts";
import { releaseSection } from "./sections/release.ts";
import { incidentsSection } from "./sections/incidents.ts";
import { analyticsSection } from "./sections/analytics.ts";
import { reportSection } from "./sections/report.ts";
import { runbooksSection } from "./sections/runbooks.ts";
import { rolloutSection } from "./sections/rollout.ts";

/**
 * The policy file's schema. Each capability owns one section file in ./sections/; this file only assembles them.
 * `npm run build` writes it to schema/shipgate.schema.json for editors.
 */
export const policySchema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/shipgate/shipgate/schema/shipgate.schema.json",
  title: "shipgate policy (.github/shipgate.yml)",
  description: "The team's deployment and release procedure: gates and their thresholds, windows, releases, incidents.",
  type: "object",
  additionalProperties: false,
  properties: {
    gates: {
      type: "object",
      description: "Pre-deploy gates and their thresholds.",
      additionalProperties: false,
      default: {},
      properties: {
        coverage: { ...coverageSection, default: {} },
        certs: { ...certsSection, default: {} },
        security: { ...securitySection, default: {} },
        approvals: { ...approvalsSection, default: {} },
        "go-no-go": { ...goNoGoSection, default: {} },
      },
    },
    health: { ...healthSection, default: {} },
    preflight: { ...preflightSection, default: {} },
    rollback: { ...rollbackSection, default: {} },
    rollout: { ...rolloutSection, default: {} },
    windows: { ...windowsSection, default: {} },
    release: { ...releaseSection, default: {} },
    incidents: { ...incidentsSection, default: {} },
    analytics: { ...analyticsSection, default: {} },
    report: { ...reportSection, default: {} },
    runbooks: { ...runbooksSection, default: {} },
  },
};
