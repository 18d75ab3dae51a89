/**
 * The optional cache between runs: deployments whose outcome was settled when read (a final status, or replaced
 * before finishing) and the commit graph do not change, so a later run reads only what is newer. Pure: the file's
 * text in, records out; run.ts reads and writes the file.
 */
import type { CommitRecord, DeploymentRecord, WorkflowRunRecord } from "./model.ts";

const VERSION = 1;
/** Deployments younger than this are read again next time, settled or not: a status may still be on its way. */
const SETTLING_MS = 3_600_000;
const SETTLED = new Set(["success", "failure", "error", "inactive"]);
/** A deployment still without any status this long after its creation gets none: its workflow run tells. */
const SILENT_MS = 24 * 3_600_000;

export interface DeliveryCache {
  version: number;
  repository: string;
  /** Every deployment created before this instant (and since `since`) is in `deployments`. */
  settledBefore: string;
  /** The oldest commit time the graph was read back to. */
  since: string;
  deployments: DeploymentRecord[];
  commits: CommitRecord[];
  /** The workflow runs read for the cached deployments without statuses. */
  runs: Record<number, WorkflowRunRecord[]>;
}

const isTime = (value: unknown): value is string => typeof value === "string" && !Number.isNaN(Date.parse(value));

/** The cache of this repository that covers `since`, or the reason it cannot be used. */
export function parseCache(text: string, repository: string, since: Date): DeliveryCache | { unusable: string } {
  let data: Partial<DeliveryCache>;
  try {
    data = JSON.parse(text) as Partial<DeliveryCache>;
  } catch {
    return { unusable: "it is not JSON" };
  }
  if (typeof data !== "object" || data === null || data.version !== VERSION) return { unusable: `it is not a version ${VERSION} shipgate cache` };
  if (data.repository !== repository) return { unusable: `it is the cache of ${String(data.repository)}` };
  if (!isTime(data.settledBefore) || !isTime(data.since) || !Array.isArray(data.deployments) || !Array.isArray(data.commits)) return { unusable: "it is incomplete" };
  if (Date.parse(data.since) > since.getTime()) return { unusable: "it starts after the period's lookback" };
  const deployments = data.deployments.filter((d): d is DeploymentRecord => typeof d?.id === "number" && isTime(d.createdAt) && typeof d.sha === "string" && Array.isArray(d.statuses));
  const commits = data.commits.filter((c): c is CommitRecord => typeof c?.oid === "string" && isTime(c.authoredAt) && isTime(c.committedAt) && Array.isArray(c.parents));
  const runs = typeof data.runs === "object" && data.runs !== null ? data.runs : {};
  return { ...(data as DeliveryCache), deployments, commits, runs };
}

/** The deployments to read from GitHub and those the cache already holds, for records since `since`. */
export function splitByCache(cache: DeliveryCache | undefined, since: Date): { readSince: Date; cached: DeploymentRecord[]; commits: CommitRecord[]; runs: Record<number, WorkflowRunRecord[]> } {
  if (!cache) return { readSince: since, cached: [], commits: [], runs: {} };
  const settledBefore = Date.parse(cache.settledBefore);
  const readSince = new Date(Math.max(since.getTime(), settledBefore));
  const cached = cache.deployments.filter((d) => Date.parse(d.createdAt) >= since.getTime() && Date.parse(d.createdAt) < readSince.getTime());
  // The graph a fresh read would hold: commits committed since `since` (the history's own filter).
  return { readSince, cached, commits: cache.commits.filter((c) => Date.parse(c.committedAt) >= since.getTime()), runs: cache.runs };
}

/** The cache after a run that read `deployments` and `commits` at `now`. */
export function nextCache(repository: string, since: Date, now: Date, deployments: DeploymentRecord[], commits: CommitRecord[], runs: Record<number, WorkflowRunRecord[]>): DeliveryCache {
  const settled = (d: DeploymentRecord): boolean =>
    d.statuses.some((s) => SETTLED.has(s.state)) || (d.statuses.length === 0 && Date.parse(d.createdAt) < now.getTime() - SILENT_MS && (runs[d.id] ?? []).every((r) => r.status === "completed"));
  const unsettled = deployments.filter((d) => !settled(d)).map((d) => Date.parse(d.createdAt));
  const settledBefore = Math.min(now.getTime() - SETTLING_MS, ...unsettled);
  const kept = deployments.filter((d) => Date.parse(d.createdAt) < settledBefore);
  return {
    version: VERSION,
    repository,
    settledBefore: new Date(settledBefore).toISOString(),
    since: since.toISOString(),
    deployments: kept.sort((a, b) => a.id - b.id),
    commits: commits.filter((c) => Date.parse(c.committedAt) >= since.getTime()),
    runs: Object.fromEntries(kept.filter((d) => runs[d.id]).map((d) => [d.id, runs[d.id]!])),
  };
}
