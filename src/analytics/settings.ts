/** The `analytics:` policy section (with the incidents section's label and SLAs), checked into AnalyticsSettings. */
import { requireDuration } from "../core/duration.ts";
import { UserError } from "../core/errors.ts";
import { isKnownZone } from "../core/zone.ts";
import { resolveIncidentSettings } from "../incident/settings.ts";
import type { Policy } from "../policy/types.ts";
import type { AnalyticsSettings } from "./model.ts";

export function resolveAnalyticsSettings(policy: Policy, where: string): AnalyticsSettings {
  const section = policy.analytics;
  const timezone = section.timezone ?? policy.windows.timezone;
  const zoneKey = section.timezone === undefined ? "windows.timezone" : "analytics.timezone";
  if (!isKnownZone(timezone)) throw new UserError(`${where}: ${zoneKey}: "${timezone}" is not an IANA time zone (e.g. Europe/Paris, UTC)`);
  const incidents = resolveIncidentSettings(policy.incidents, where);
  return {
    timezone,
    weeks: section.weeks,
    production: section.production,
    environments: section.environments,
    failureWindowMs: requireDuration(section["failure-window"], `${where}: analytics.failure-window`),
    lookbackMs: requireDuration(section.lookback, `${where}: analytics.lookback`),
    hotfixRefs: section["hotfix-refs"],
    incidentLabel: incidents.labels.incident,
    responseSlaMs: {
      P1: incidents.sla.P1.responseSeconds * 1000,
      P2: incidents.sla.P2.responseSeconds * 1000,
      P3: incidents.sla.P3.responseSeconds * 1000,
      P4: incidents.sla.P4.responseSeconds * 1000,
    },
    report: section.report,
    maxDeployments: section["max-deployments"],
  };
}
