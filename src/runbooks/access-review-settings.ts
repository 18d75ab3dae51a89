/**
 * The access review's settings from the policy, apart from the review itself: the runbook settings read them on
 * every run, and the review's module loads node:crypto and node:zlib, a third of `node -e 0`, for the review only.
 */
import type { RepoPermission } from "../github/access.ts";
import type { AccessReviewPolicy } from "../policy/sections/access-review.ts";

export interface AccessReviewSettings {
  /** A secret not updated for more days than this is due for rotation. */
  secretMaxAgeDays: number;
  /** A deploy key created more days ago than this is due for rotation. */
  deployKeyMaxAgeDays: number;
  /** A deploy key not used for more days than this is due for removal; null: not checked. */
  deployKeyMaxIdleDays: number | null;
  /** Roles listed for a person to confirm. */
  privilegedPermissions: RepoPermission[];
  /** Words that make an environment production-like ("prod" matches "prod", "eu-prod", "prod_2"). */
  productionEnvironments: string[];
}

export const DEFAULT_ACCESS_REVIEW_SETTINGS: AccessReviewSettings = {
  secretMaxAgeDays: 90,
  deployKeyMaxAgeDays: 365,
  deployKeyMaxIdleDays: 90,
  privilegedPermissions: ["admin", "maintain", "write"],
  productionEnvironments: ["production", "prod", "prd", "live"],
};

/** The settings of the policy's `access-review` keys (defaults filled by the policy loader). */
export function accessReviewSettingsOf(policy: Partial<AccessReviewPolicy> | undefined): AccessReviewSettings {
  const d = DEFAULT_ACCESS_REVIEW_SETTINGS;
  return {
    secretMaxAgeDays: policy?.["secret-max-age-days"] ?? d.secretMaxAgeDays,
    deployKeyMaxAgeDays: policy?.["deploy-key-max-age-days"] ?? d.deployKeyMaxAgeDays,
    deployKeyMaxIdleDays: policy?.["deploy-key-max-idle-days"] === undefined ? d.deployKeyMaxIdleDays : policy["deploy-key-max-idle-days"] || null,
    privilegedPermissions: policy?.["privileged-permissions"] ?? d.privilegedPermissions,
    productionEnvironments: policy?.["production-environments"] ?? d.productionEnvironments,
  };
}

