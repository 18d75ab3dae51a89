/**
 * A seeded, deterministic delivery history in the API simulator: weeks of commits on main, staging and production
 * deployments (failed and retried ones, ones without statuses, some told by their workflow run), weekly releases,
 * incidents opened by shipgate after some deployments (responded to in time or not, some still open), hotfix
 * branches and releases, rollbacks, and deployments right at week boundaries around a daylight-saving change.
 *
 * It also returns the truth it built, in plain terms (what each deployment shipped, how it ended, what each
 * incident was), from which the tests compute the figures by hand.
 */
import { incidentMarker } from "../../src/incident/marker.ts";
import type { SimulatorState } from "../simulator/state.ts";

export type Severity = "P1" | "P2" | "P3" | "P4";
export const RESPONSE_SLA_MS: Record<Severity, number> = { P1: 15 * 60_000, P2: 3_600_000, P3: 4 * 3_600_000, P4: 24 * 3_600_000 };

export interface TruthDeployment {
  id: number;
  environment: string;
  sha: string;
  ref: string;
  createdAt: number;
  outcome: "success" | "failure" | "cancelled" | "unknown";
  finishedAt: number | null;
  /** Commits this deployment shipped to production first (production successes only). */
  shipped: { oid: string; authoredAt: number }[];
  hotfix: "branch" | "tag" | null;
}

export interface TruthIncident {
  number: number;
  severity: Severity;
  environment: string | null;
  detectedAt: number;
  responseDue: number;
  respondedAt: number | null;
  closedAt: number | null;
}

export interface Truth {
  deployments: TruthDeployment[];
  incidents: TruthIncident[];
  releases: { tag: string; publishedAt: number }[];
}

export interface HistoryOptions {
  repo: string;
  seed: number;
  /** The first day of history (UTC midnight). */
  from: string;
  /** Nothing happens at or after this instant. */
  until: string;
  /** Mean production deployments per weekday. */
  productionPerDay: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Event = { at: number; kind: "commit" | "staging" | "production" | "release" } | { at: number; kind: "edge"; label: string };

export function buildHistory(state: SimulatorState, options: HistoryOptions): Truth {
  const random = rngOf(options.seed);
  const between = (low: number, high: number): number => Math.floor(low + random() * (high - low));
  const chance = (p: number): boolean => random() < p;
  const full = options.repo;
  const repo = state.addRepo(full);
  const until = Date.parse(options.until);
  const truth: Truth = { deployments: [], incidents: [], releases: [] };

  let tipTime = Date.parse(options.from) - HOUR;
  const root = state.addCommit(full, { branch: "main", message: "initial commit" });
  root.author.date = iso(tipTime);
  const authored = new Map<string, number>([[root.sha, tipTime]]);
  const shippedToProduction = new Set<string>();
  let lastProductionSuccess: TruthDeployment | undefined;
  const successesOf = new Map<string, TruthDeployment[]>();
  let minor = 0;
  let patch = 0;

  function commit(at: number, message: string, parents?: string[], branch = "main"): string {
    const made = state.addCommit(full, { branch, message, ...(parents ? { parents } : {}) });
    made.author.date = iso(at);
    authored.set(made.sha, Math.floor(at / 1000) * 1000);
    return made.sha;
  }

  function status(deploymentId: number, state_: "queued" | "in_progress" | "success" | "failure" | "error" | "inactive", at: number): void {
    state.addDeploymentStatus(full, deploymentId, { state: state_ }).createdAt = iso(at);
    const d = repo.deployments.get(deploymentId)!;
    d.updatedAt = iso(at);
  }

  /** Ancestors of `sha` (within the history) not yet shipped to production: what a production success ships. */
  function newlyShipped(sha: string): { oid: string; authoredAt: number }[] {
    const found: { oid: string; authoredAt: number }[] = [];
    const stack = [sha];
    while (stack.length > 0) {
      const oid = stack.pop()!;
      if (shippedToProduction.has(oid)) continue;
      shippedToProduction.add(oid);
      found.push({ oid, authoredAt: authored.get(oid)! });
      stack.push(...repo.commits.get(oid)!.parents);
    }
    return found;
  }

  type Ending = "success" | "failure" | "error" | "cancelled" | "silent" | "run-success" | "run-failure";

  function deploy(environment: string, sha: string, ref: string, at: number, ending: Ending, hotfix: TruthDeployment["hotfix"] = null): TruthDeployment {
    const created = state.addDeployment(full, { ref, sha, environment });
    created.createdAt = iso(at);
    created.updatedAt = iso(at);
    const createdAt = Date.parse(iso(at));
    const duration = between(90, 1500) * 1000;
    let outcome: TruthDeployment["outcome"] = "unknown";
    let finishedAt: number | null = null;
    if (ending === "silent" || ending === "run-success" || ending === "run-failure") {
      if (ending !== "silent") {
        const run = state.addWorkflowRun(full, { name: "Deploy", headSha: sha, conclusion: ending === "run-success" ? "success" : "failure", createdAt: iso(createdAt - 30_000), updatedAt: iso(createdAt + duration) });
        outcome = run.conclusion === "success" ? "success" : "failure";
        finishedAt = Date.parse(run.updatedAt);
      }
    } else {
      status(created.id, "queued", createdAt + 2000);
      status(created.id, "in_progress", createdAt + 15_000);
      if (ending === "cancelled") {
        status(created.id, "inactive", createdAt + duration);
        outcome = "cancelled";
      } else {
        status(created.id, ending, createdAt + duration);
        outcome = ending === "success" ? "success" : "failure";
      }
      finishedAt = Date.parse(iso(createdAt + duration));
      if (ending === "success") {
        // As GitHub does: the environment's earlier successful deployment becomes inactive.
        const earlier = successesOf.get(environment)?.at(-1);
        if (earlier && earlier.finishedAt! < createdAt + duration && repo.deploymentStatuses.list((s) => s.deploymentId === earlier.id).at(-1)?.state === "success") status(earlier.id, "inactive", createdAt + duration);
      }
    }
    const point: TruthDeployment = { id: created.id, environment, sha, ref, createdAt, outcome, finishedAt, shipped: [], hotfix };
    if (outcome === "success") {
      successesOf.set(environment, [...(successesOf.get(environment) ?? []), point]);
      if (environment === "production") lastProductionSuccess = point;
    }
    truth.deployments.push(point);
    return point;
  }

  function ending(failureRate: number): Ending {
    const roll = random();
    if (roll < failureRate) return chance(0.8) ? "failure" : "error";
    if (roll < failureRate + 0.015) return "silent";
    if (roll < failureRate + 0.04) return chance(0.75) ? "run-success" : "run-failure";
    if (roll < failureRate + 0.05) return "cancelled";
    return "success";
  }

  const incidentQueue: { at: number; cause: TruthDeployment }[] = [];

  function openIncident(at: number, environment: string | null): TruthIncident {
    const severity = (["P1", "P2", "P2", "P3", "P3", "P3", "P4", "P4"] as const)[between(0, 8)]!;
    const detectedAt = Date.parse(iso(at));
    const responseDue = detectedAt + RESPONSE_SLA_MS[severity];
    const meta = { key: `Deploy/${environment ?? "unknown"}`, severity, detectedAt: iso(detectedAt), openedAt: iso(detectedAt), responseDue: iso(responseDue), resolutionDue: null, run: String(between(1000, 9999)) };
    const labels = ["incident", `severity:${severity}`, ...(environment ? [`environment:${environment}`] : [])];
    const issue = state.addIssue(full, { title: `[${severity}] Deploy failed in ${environment ?? "somewhere"}`, body: `${incidentMarker(meta)}\n## Incident\n`, labels, user: "github-actions[bot]" });
    issue.createdAt = iso(detectedAt);
    issue.updatedAt = iso(detectedAt);
    state.addComment(full, issue.number, "<!-- shipgate:incident-failure run=1 -->\nAnother failure.", "github-actions[bot]").createdAt = iso(detectedAt + 5000);
    // A bot that answers at once is not a response; nor is a person's comment from before the opening.
    state.addComment(full, issue.number, "Automated triage: looking.", "triage-bot[bot]").createdAt = iso(detectedAt + 20_000);
    let respondedAt: number | null = null;
    if (chance(0.8)) {
      respondedAt = Date.parse(iso(detectedAt + between(60_000, RESPONSE_SLA_MS[severity] * 1.6)));
      if (respondedAt < until) state.addComment(full, issue.number, "On it.", `dev${between(1, 6)}`).createdAt = iso(respondedAt);
      else respondedAt = null;
    }
    const incident: TruthIncident = { number: issue.number, severity, environment, detectedAt, responseDue, respondedAt, closedAt: null };
    truth.incidents.push(incident);
    return incident;
  }

  function close(incident: TruthIncident, at: number): void {
    if (at >= until) return;
    const issue = repo.issues.get(incident.number)!;
    Object.assign(issue, { state: "closed", stateReason: "completed", closedAt: iso(at), updatedAt: iso(at) });
    incident.closedAt = Date.parse(iso(at));
  }

  function hotfix(incident: TruthIncident, at: number): void {
    const base = lastProductionSuccess!.sha;
    patch++;
    const version = `1.${minor}.${patch}`;
    const branch = `hotfix/${version}`;
    state.setRef(full, `heads/${branch}`, base);
    const fix = commit(at, `fix: hotfix ${version}`, [base], branch);
    state.setRef(full, `tags/v${version}`, fix);
    const release = state.addRelease(full, { tagName: `v${version}`, targetCommitish: branch, name: `v${version}` });
    release.createdAt = iso(at + 5 * MINUTE);
    release.publishedAt = iso(at + 5 * MINUTE);
    truth.releases.push({ tag: `v${version}`, publishedAt: Date.parse(iso(at + 5 * MINUTE)) });
    const byTag = chance(0.5);
    const done = deploy("production", fix, byTag ? `v${version}` : branch, at + 10 * MINUTE, "success", byTag ? "tag" : "branch");
    close(incident, done.finishedAt! + between(5, 60) * MINUTE);
    // The fix goes back into main.
    const mainTip = repo.refs.get("heads/main")!;
    const merged = commit(Math.max(at + 2 * HOUR, tipTime + 1000), `Merge ${branch}`, [mainTip, fix]);
    tipTime = authored.get(merged)!;
  }

  const events: Event[] = [];
  for (let day = Date.parse(options.from); day < until; day += 24 * HOUR) {
    const weekday = new Date(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const at = (): number => day + between(6 * 60, 19 * 60) * MINUTE + between(0, 60) * 1000;
    for (let i = between(weekend ? 0 : 3, weekend ? 3 : 10); i > 0; i--) events.push({ at: at(), kind: "commit" });
    for (let i = between(weekend ? 0 : 1, weekend ? 1 : 4); i > 0; i--) events.push({ at: at(), kind: "staging" });
    const production = weekend ? between(0, 2) : between(Math.max(0, options.productionPerDay - 2), options.productionPerDay + 3);
    for (let i = production; i > 0; i--) events.push({ at: at(), kind: "production" });
    if (weekday === 2) events.push({ at: day + 9 * HOUR, kind: "release" });
  }
  // Right at the week boundary of the daylight-saving change in Paris (Monday 30 March 2026 00:00 CEST = 22:00Z).
  events.push({ at: Date.parse("2026-03-29T21:59:59Z"), kind: "edge", label: "last second of W13" });
  events.push({ at: Date.parse("2026-03-29T22:00:00Z"), kind: "edge", label: "first second of W14" });
  events.sort((a, b) => a.at - b.at);

  for (const event of events) {
    while (incidentQueue.length > 0 && incidentQueue[0]!.at <= event.at) {
      const { at, cause } = incidentQueue.shift()!;
      const incident = openIncident(at, chance(0.9) ? cause.environment : null);
      if (incident.environment === "production" && chance(0.35) && lastProductionSuccess) hotfix(incident, at + between(30, 120) * MINUTE);
      else close(incident, at + between(20, 30 * 60) * MINUTE);
    }
    if (event.at >= until) break;
    tipTime = Math.max(tipTime + 1000, event.at);
    const tip = repo.refs.get("heads/main")!;
    switch (event.kind) {
      case "commit":
        commit(tipTime, `feat: change ${authored.size}`);
        break;
      case "staging": {
        const d = deploy("staging", tip, "main", tipTime, ending(0.07));
        if (d.outcome === "success" && chance(0.03)) {
          const incident = openIncident(d.finishedAt! + 20 * MINUTE, "staging");
          close(incident, d.finishedAt! + 3 * HOUR);
        }
        break;
      }
      case "edge":
      case "production": {
        const d = deploy("production", tip, "main", tipTime, event.kind === "edge" ? "success" : ending(0.09));
        if (d.outcome === "failure") deploy("production", tip, "main", d.finishedAt! + between(10, 40) * MINUTE, chance(0.85) ? "success" : "failure");
        else if (d.outcome === "success" && chance(0.07)) incidentQueue.push({ at: d.finishedAt! + between(10, 8 * 60) * MINUTE, cause: d });
        else if (d.outcome === "success" && chance(0.03)) {
          const previous = successesOf.get("production")!.at(-2);
          if (previous && previous.sha !== d.sha) deploy("production", previous.sha, previous.sha, d.finishedAt! + between(20, 90) * MINUTE, "success");
        }
        incidentQueue.sort((a, b) => a.at - b.at);
        break;
      }
      case "release": {
        minor++;
        patch = 0;
        const tag = `v1.${minor}.0`;
        state.setRef(full, `tags/${tag}`, tip);
        const release = state.addRelease(full, { tagName: tag, targetCommitish: "main", name: tag });
        release.createdAt = iso(tipTime);
        release.publishedAt = iso(tipTime);
        truth.releases.push({ tag, publishedAt: Date.parse(iso(tipTime)) });
        deploy("production", tip, tag, tipTime + 5 * MINUTE, "success");
        break;
      }
    }
  }
  // Incidents still open when the report runs: one past its response SLA, one still within it.
  openIncident(until - 2 * HOUR, "production");
  openIncident(until - 10 * MINUTE, "production");
  // What each production success shipped first, in the order they finished.
  const successes = truth.deployments.filter((d) => d.environment === "production" && d.outcome === "success").sort((a, b) => a.finishedAt! - b.finishedAt! || a.id - b.id);
  for (const d of successes) d.shipped = newlyShipped(d.sha);
  return truth;
}
