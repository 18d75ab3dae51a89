/**
 * DORA performance levels per metric. The five metrics are the 2025 DORA report's; the levels are the per-metric
 * clusters of the 2024 Accelerate State of DevOps report (docs/analytics.md quotes them and says how a gap or an
 * overlap between two levels is settled). Rework rate, success rate, duration and SLA hit rate have no DORA level.
 */
export type DoraLevel = "elite" | "high" | "medium" | "low";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deployments per day, averaged over the period. */
export function deploymentFrequencyLevel(perDay: number): DoraLevel {
  if (perDay >= 1) return "elite";
  if (perDay >= 1 / 7) return "high";
  if (perDay >= 1 / 30) return "medium";
  return "low";
}

export function leadTimeLevel(medianMs: number): DoraLevel {
  if (medianMs < DAY) return "elite";
  if (medianMs < 7 * DAY) return "high";
  if (medianMs < 30 * DAY) return "medium";
  return "low";
}

/** 2024's clusters have typical failure rates of 5 % (elite), 20 % (high), 10 % (medium) and 40 % (low): the nearest one. */
export function changeFailureRateLevel(percent: number): DoraLevel {
  const typical: [DoraLevel, number][] = [["elite", 5], ["medium", 10], ["high", 20], ["low", 40]];
  let best = typical[0]!;
  for (const candidate of typical) if (Math.abs(percent - candidate[1]) < Math.abs(percent - best[1])) best = candidate;
  return best[0];
}

export function recoveryTimeLevel(medianMs: number): DoraLevel {
  if (medianMs < HOUR) return "elite";
  if (medianMs < DAY) return "high";
  if (medianMs < 7 * DAY) return "medium";
  return "low";
}
