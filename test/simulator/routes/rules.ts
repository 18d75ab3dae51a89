import { HttpError, notFound } from "../route.ts";
import type { GraphqlResolver, RouteTable } from "../route.ts";
import { simpleUser } from "../representations.ts";
import type { RepoState, SimulatorState } from "../state.ts";
import { page } from "./graphql-paging.ts";

/**
 * What GitHub decides about a branch beyond git: rulesets (their pull_request rule), classic branch protection's
 * required reviews, the repository's activity (who pushed what), organization teams with their repository access,
 * and merge queues. Kept beside RepoState, seeded with the helpers below.
 */

export interface PullRequestRuleParameters {
  required_approving_review_count: number;
  dismiss_stale_reviews_on_push: boolean;
  require_code_owner_review: boolean;
  require_last_push_approval: boolean;
  required_review_thread_resolution: boolean;
  required_reviewers?: { file_patterns: string[]; minimum_approvals: number; reviewer: { id: number; type: "Team" } }[];
}

export interface Ruleset {
  id: number;
  /** "Organization" rulesets are named by their organization, "Repository" ones by owner/name. */
  sourceType: "Repository" | "Organization";
  /** Branch names the ruleset targets; "~ALL" targets every branch. */
  branches: string[];
  enforcement: "active" | "disabled" | "evaluate";
  pullRequest: PullRequestRuleParameters;
}

export interface ReviewProtection {
  required_approving_review_count: number;
  dismiss_stale_reviews: boolean;
  require_code_owner_reviews: boolean;
  require_last_push_approval: boolean;
}

export interface Activity {
  id: number;
  ref: string;
  before: string;
  after: string;
  actor: string;
  activity_type: "push" | "force_push" | "branch_creation";
  timestamp: string;
}

interface BranchState {
  rulesets: Ruleset[];
  protection: Map<string, ReviewProtection>;
  /** Branches whose protection the token may not read (403). */
  hiddenProtection: Set<string>;
  activities: Activity[];
  mergeQueues: Map<string, { pull: number; headSha: string }[]>;
}

interface TeamRecord {
  id: number;
  slug: string;
  /** Repository full name -> permission. */
  repos: Map<string, "pull" | "triage" | "push" | "maintain" | "admin">;
  /** "org/slug" of the parent team, whose repository access this team inherits. */
  parent?: string;
}

const branchStates = new WeakMap<RepoState, BranchState>();
const teamRecords = new WeakMap<SimulatorState, Map<string, TeamRecord>>();

function branchStateOf(repo: RepoState): BranchState {
  let state = branchStates.get(repo);
  if (!state) {
    state = { rulesets: [], protection: new Map(), hiddenProtection: new Set(), activities: [], mergeQueues: new Map() };
    branchStates.set(repo, state);
  }
  return state;
}

function teamsOf(state: SimulatorState): Map<string, TeamRecord> {
  let teams = teamRecords.get(state);
  if (!teams) {
    teams = new Map();
    teamRecords.set(state, teams);
  }
  return teams;
}

/** The record of "org/slug" (its id is given once, on first use). */
export function teamRecord(state: SimulatorState, slug: string): TeamRecord {
  const key = slug.toLowerCase();
  const teams = teamsOf(state);
  let team = teams.get(key);
  if (!team) {
    team = { id: state.id(), slug: key.split("/")[1] ?? key, repos: new Map() };
    teams.set(key, team);
  }
  return team;
}

function repoOf(state: SimulatorState, fullName: string): RepoState {
  const [owner = "", name = ""] = fullName.split("/");
  return state.repo(owner, name) ?? state.addRepo(fullName);
}

export function addRuleset(state: SimulatorState, fullName: string, ruleset: Partial<Omit<Ruleset, "pullRequest">> & { pullRequest: Partial<PullRequestRuleParameters> }): Ruleset {
  const full: Ruleset = {
    id: ruleset.id ?? state.id(),
    sourceType: ruleset.sourceType ?? "Repository",
    branches: ruleset.branches ?? ["~ALL"],
    enforcement: ruleset.enforcement ?? "active",
    pullRequest: {
      required_approving_review_count: 0,
      dismiss_stale_reviews_on_push: false,
      require_code_owner_review: false,
      require_last_push_approval: false,
      required_review_thread_resolution: false,
      ...ruleset.pullRequest,
    },
  };
  branchStateOf(repoOf(state, fullName)).rulesets.push(full);
  return full;
}

export function setReviewProtection(state: SimulatorState, fullName: string, branch: string, protection: Partial<ReviewProtection> | "hidden"): void {
  const branches = branchStateOf(repoOf(state, fullName));
  if (protection === "hidden") branches.hiddenProtection.add(branch);
  else branches.protection.set(branch, { required_approving_review_count: 1, dismiss_stale_reviews: false, require_code_owner_reviews: false, require_last_push_approval: false, ...protection });
}

/** A push as the repository's activity lists it (GET /repos/{owner}/{repo}/activity). */
export function addPush(state: SimulatorState, fullName: string, push: { branch: string; before?: string; after: string; actor: string; force?: boolean }): void {
  state.user(push.actor);
  branchStateOf(repoOf(state, fullName)).activities.push({
    id: state.id(),
    ref: `refs/heads/${push.branch}`,
    before: push.before ?? "0".repeat(40),
    after: push.after,
    actor: push.actor,
    activity_type: push.force ? "force_push" : "push",
    timestamp: state.now(),
  });
}

/** The merge queue of a branch, first entry first: each entry's head commit holds it and every entry ahead. */
export function setMergeQueue(state: SimulatorState, fullName: string, branch: string, entries: { pull: number; headSha: string }[]): void {
  branchStateOf(repoOf(state, fullName)).mergeQueues.set(branch, entries);
}

/** A team's permission on a repository (its members stay in state.teams). */
export function grantTeam(state: SimulatorState, slug: string, fullName: string, permission: "pull" | "triage" | "push" | "maintain" | "admin"): number {
  const team = teamRecord(state, slug);
  team.repos.set(fullName.toLowerCase(), permission);
  return team.id;
}

/** Makes `child` a child team of `parent` (both "org/slug"): the child inherits the parent's repository access. */
export function nestTeam(state: SimulatorState, child: string, parent: string): void {
  teamRecord(state, child).parent = parent.toLowerCase();
}

const PERMISSION_ORDER = ["pull", "triage", "push", "maintain", "admin"] as const;

/** The team and its ancestors, nearest first (bounded: a cycle cannot be seeded twice, but stay safe). */
function lineage(state: SimulatorState, slug: string): TeamRecord[] {
  const chain: TeamRecord[] = [];
  for (let key: string | undefined = slug.toLowerCase(); key && chain.length < 20; key = teamRecord(state, key).parent) chain.push(teamRecord(state, key));
  return chain;
}

function targets(ruleset: Ruleset, branch: string): boolean {
  return ruleset.enforcement === "active" && (ruleset.branches.includes("~ALL") || ruleset.branches.includes(branch));
}

export const rulesRoutes: RouteTable = {
  "repos/get-branch-rules": (context) => {
    const repo = context.repo();
    const branch = String(context.params.branch);
    const rules = branchStateOf(repo)
      .rulesets.filter((r) => targets(r, branch))
      .map((r) => ({
        type: "pull_request",
        parameters: r.pullRequest,
        ruleset_source_type: r.sourceType,
        ruleset_source: r.sourceType === "Organization" ? repo.repo.owner : repo.repo.fullName,
        ruleset_id: r.id,
      }));
    return { status: 200, body: context.paginate(rules) };
  },

  "repos/get-pull-request-review-protection": (context) => {
    const repo = context.repo();
    const branch = String(context.params.branch);
    const branches = branchStateOf(repo);
    if (branches.hiddenProtection.has(branch)) throw new HttpError(403, "Resource not accessible by integration");
    const protection = branches.protection.get(branch);
    if (!protection) throw new HttpError(404, "Branch not protected");
    return { status: 200, body: { url: `${context.urls.api}/repos/${repo.repo.fullName}/branches/${branch}/protection/required_pull_request_reviews`, ...protection } };
  },

  "repos/list-activities": (context) => {
    const repo = context.repo();
    const { ref, activity_type: type } = context.query as { ref?: string; activity_type?: string };
    const wanted = ref === undefined ? undefined : ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;
    const activities = branchStateOf(repo)
      .activities.filter((a) => (wanted === undefined || a.ref === wanted) && (type === undefined || a.activity_type === type))
      .reverse();
    return {
      status: 200,
      body: context.paginate(activities).map((a) => ({ id: a.id, node_id: `A_${a.id}`, before: a.before, after: a.after, ref: a.ref, timestamp: a.timestamp, activity_type: a.activity_type, actor: simpleUser(context.urls, context.state.user(a.actor)) })),
    };
  },

  "teams/list": (context) => {
    const org = String(context.params.org).toLowerCase();
    const slugs = [...context.state.teams.keys()].filter((key) => key.startsWith(`${org}/`));
    const teams = slugs.map((key) => teamRecord(context.state, key));
    return {
      status: 200,
      body: context.paginate(teams).map((t) => ({ id: t.id, node_id: `T_${t.id}`, slug: t.slug, name: t.slug, description: null, privacy: "closed", permission: "pull", url: `${context.urls.api}/teams/${t.id}`, html_url: `${context.urls.html}/orgs/${org}/teams/${t.slug}`, members_url: `${context.urls.api}/teams/${t.id}/members{/member}`, repositories_url: `${context.urls.api}/teams/${t.id}/repos`, parent: null })),
    };
  },

  "teams/check-permissions-for-repo-in-org": (context) => {
    const slug = `${String(context.params.org)}/${String(context.params.team_slug)}`.toLowerCase();
    if (!context.state.teams.has(slug)) throw notFound();
    const fullName = `${String(context.params.owner)}/${String(context.params.repo)}`.toLowerCase();
    // "Repositories inherited through a parent team will also be checked" (GitHub's REST reference).
    const levels = lineage(context.state, slug).flatMap((t) => t.repos.get(fullName) ?? []);
    if (levels.length === 0) throw notFound();
    const permission = PERMISSION_ORDER[Math.max(...levels.map((l) => PERMISSION_ORDER.indexOf(l)))]!;
    const repo = context.repo();
    const at = (level: (typeof PERMISSION_ORDER)[number]) => PERMISSION_ORDER.indexOf(permission) >= PERMISSION_ORDER.indexOf(level);
    return {
      status: 200,
      body: { id: repo.repo.id, node_id: `R_${repo.repo.id}`, name: repo.repo.name, full_name: repo.repo.fullName, private: repo.repo.private, role_name: permission, permissions: { pull: at("pull"), triage: at("triage"), push: at("push"), maintain: at("maintain"), admin: at("admin") } },
    };
  },
};

/** GraphQL: a branch's merge queue (`ShipgateMergeQueueEntries` of src/github/queries.ts). */
export const mergeQueueResolver: GraphqlResolver = (request) => {
  if (request.operationName !== "ShipgateMergeQueueEntries" && !request.query.includes("query ShipgateMergeQueueEntries(")) return undefined;
  const repo = request.state.repo(String(request.variables.owner), String(request.variables.name));
  if (!repo) return { repository: null };
  const entries = branchStateOf(repo).mergeQueues.get(String(request.variables.branch));
  if (!entries) return { repository: { mergeQueue: null } };
  return {
    repository: {
      mergeQueue: { entries: { nodes: entries.map((e, i) => ({ position: i + 1, headCommit: { oid: e.headSha }, pullRequest: { number: e.pull } })) } },
    },
  };
};

const GRAPHQL_PERMISSION = { pull: "READ", triage: "TRIAGE", push: "WRITE", maintain: "MAINTAIN", admin: "ADMIN" } as const;

/**
 * GraphQL: `ShipgateTeams` of src/github/queries.ts, every alias t<i> with its variables org<i>, slug<i>, after<i>,
 * members<i>, access<i>. A team that does not exist is null, as GitHub answers for a team the viewer cannot see.
 */
export const teamsResolver: GraphqlResolver = (request) => {
  if (request.operationName !== "ShipgateTeams" && !request.query.includes("query ShipgateTeams(")) return undefined;
  const v = request.variables;
  const name = String(v.repo).toLowerCase();
  const accessOf = (team: TeamRecord) => {
    const edges = [...team.repos].filter(([fullName]) => (fullName.split("/")[1] ?? "").includes(name)).map(([fullName, level]) => ({ permission: GRAPHQL_PERMISSION[level], node: { nameWithOwner: request.state.repo(...(fullName.split("/") as [string, string]))?.repo.fullName ?? fullName } }));
    return { pageInfo: { hasNextPage: false }, edges };
  };
  const data: Record<string, unknown> = {};
  for (let i = 0; v[`slug${i}`] !== undefined; i++) {
    const slug = `${String(v[`org${i}`])}/${String(v[`slug${i}`])}`.toLowerCase();
    const members = request.state.teams.get(slug);
    if (!members) {
      data[`t${i}`] = { team: null };
      continue;
    }
    const team: Record<string, unknown> = {};
    if (v[`members${i}`] === true) team.members = page(members, 100, v[`after${i}`], (login) => ({ login }));
    if (v[`access${i}`] === true) {
      const [own, ...ancestors] = lineage(request.state, slug);
      team.repositories = accessOf(own!);
      team.ancestors = { pageInfo: { hasNextPage: false }, nodes: ancestors.map((a) => ({ repositories: accessOf(a) })) };
    }
    data[`t${i}`] = { team };
  }
  return data;
};
