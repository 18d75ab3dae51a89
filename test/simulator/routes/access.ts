import { HttpError, notFound } from "../route.ts";
import type { RouteContext, RouteTable, Urls } from "../route.ts";
import { simpleUser } from "../representations.ts";
import type { Permission, RepoState, SimulatorState, User } from "../state.ts";
import { teamRecord } from "./rules.ts";

/**
 * Who and what can reach a repository, for the access review: collaborators (direct ones in RepoState.collaborators,
 * members of teams granted with routes/rules.ts `grantTeam`), organizations with their members, owners and 2FA,
 * deploy keys, Actions (repository, environment, organization) and Dependabot secrets, environments with their protection rules. Kept beside RepoState,
 * seeded with the helpers below. `denyToActor` makes one operation refuse one user's token (a token without a scope).
 */

export interface DeployKeySeed {
  title: string;
  readOnly?: boolean;
  createdAt?: string;
  /** null: never used; undefined: the answer leaves the field out (as older GitHub Enterprise Server does). */
  lastUsed?: string | null;
}

interface DeployKey {
  id: number;
  title: string;
  readOnly: boolean;
  createdAt: string;
  lastUsed: string | null | undefined;
}

interface Secret {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentSeed {
  name: string;
  /** "user:LOGIN" or "team:ORG/SLUG". */
  reviewers?: string[];
  preventSelfReview?: boolean;
  waitTimer?: number;
  /** null: every branch; "protected": protected branches; a list: the branch (or "tag:NAME") patterns. */
  branches?: null | "protected" | string[];
}

interface Environment {
  id: number;
  name: string;
  createdAt: string;
  seed: EnvironmentSeed;
  policyIds: number[];
  secrets: Map<string, Secret>;
}

interface RepoAccess {
  deployKeys: DeployKey[];
  secrets: Map<string, Secret>;
  dependabotSecrets: Map<string, Secret>;
  environments: Map<string, Environment>;
  /** Lower-case login -> a custom role name (its base permission is in RepoState.collaborators). */
  customRoles: Map<string, string>;
}

interface Organization {
  /** Organization secrets: name -> the secret and the repositories (lower-case full names) it is shared with. */
  secrets: Map<string, Secret & { repositories: Set<string> }>;
  /** Lower-case login -> whether two-factor authentication is on. */
  members: Map<string, boolean>;
  owners: Set<string>;
}

interface AccessWorld {
  organizations: Map<string, Organization>;
  /** Lower-case actor login -> operationId -> the status answered instead. */
  denials: Map<string, Map<string, number>>;
}

const repoAccess = new WeakMap<RepoState, RepoAccess>();
const worlds = new WeakMap<SimulatorState, AccessWorld>();

function accessOf(repo: RepoState): RepoAccess {
  let access = repoAccess.get(repo);
  if (!access) {
    access = { deployKeys: [], secrets: new Map(), dependabotSecrets: new Map(), environments: new Map(), customRoles: new Map() };
    repoAccess.set(repo, access);
  }
  return access;
}

function worldOf(state: SimulatorState): AccessWorld {
  let world = worlds.get(state);
  if (!world) {
    world = { organizations: new Map(), denials: new Map() };
    worlds.set(state, world);
  }
  return world;
}

function repoOf(state: SimulatorState, fullName: string): RepoState {
  const [owner = "", name = ""] = fullName.split("/");
  return state.repo(owner, name) ?? state.addRepo(fullName);
}

/** Makes `org` an organization with these members (2FA on unless listed in `without2fa`) and owners (members too). */
export function setOrganization(state: SimulatorState, org: string, seed: { members?: string[]; owners?: string[]; without2fa?: string[] }): void {
  Object.assign(state.user(org), { type: "Organization" });
  const without = new Set((seed.without2fa ?? []).map((l) => l.toLowerCase()));
  const members = new Map<string, boolean>();
  for (const login of [...(seed.owners ?? []), ...(seed.members ?? []), ...(seed.without2fa ?? [])]) {
    state.user(login);
    members.set(login.toLowerCase(), !without.has(login.toLowerCase()));
  }
  worldOf(state).organizations.set(org.toLowerCase(), { secrets: new Map(), members, owners: new Set((seed.owners ?? []).map((l) => l.toLowerCase())) });
}

/** A direct collaborator with a custom repository role extending `base`. */
export function setCustomRole(state: SimulatorState, fullName: string, login: string, role: string, base: Permission): void {
  state.setPermission(fullName, login, base);
  accessOf(repoOf(state, fullName)).customRoles.set(login.toLowerCase(), role);
}

export function addDeployKey(state: SimulatorState, fullName: string, seed: DeployKeySeed): number {
  const id = state.id();
  accessOf(repoOf(state, fullName)).deployKeys.push({ id, title: seed.title, readOnly: seed.readOnly ?? true, createdAt: seed.createdAt ?? state.now(), lastUsed: seed.lastUsed });
  return id;
}

/** An Actions secret of the repository, of one of its environments (added when missing), or a Dependabot secret. */
export function setSecret(state: SimulatorState, fullName: string, name: string, seed: { updatedAt?: string; environment?: string; dependabot?: boolean } = {}): void {
  const access = accessOf(repoOf(state, fullName));
  const at = seed.updatedAt ?? state.now();
  const table = seed.dependabot ? access.dependabotSecrets : seed.environment === undefined ? access.secrets : environmentOf(state, access, seed.environment).secrets;
  table.set(name, { name, createdAt: at, updatedAt: at });
}

/** An organization secret shared with these repositories (the organization must be set first). */
export function setOrganizationSecret(state: SimulatorState, org: string, name: string, seed: { repositories: string[]; updatedAt?: string }): void {
  const organization = worldOf(state).organizations.get(org.toLowerCase());
  if (!organization) throw new Error(`setOrganizationSecret: ${org} is not an organization (setOrganization first)`);
  const at = seed.updatedAt ?? state.now();
  organization.secrets.set(name, { name, createdAt: at, updatedAt: at, repositories: new Set(seed.repositories.map((r) => r.toLowerCase())) });
}

function environmentOf(state: SimulatorState, access: RepoAccess, name: string): Environment {
  const existing = access.environments.get(name.toLowerCase());
  if (existing) return existing;
  const environment: Environment = { id: state.id(), name, createdAt: state.now(), seed: { name }, policyIds: [], secrets: new Map() };
  access.environments.set(name.toLowerCase(), environment);
  return environment;
}

export function setEnvironment(state: SimulatorState, fullName: string, seed: EnvironmentSeed): void {
  const environment = environmentOf(state, accessOf(repoOf(state, fullName)), seed.name);
  environment.seed = seed;
  environment.policyIds = Array.isArray(seed.branches) ? seed.branches.map(() => state.id()) : [];
  for (const reviewer of seed.reviewers ?? []) if (reviewer.startsWith("user:")) state.user(reviewer.slice(5));
}

/** The token of `login` gets `status` (403 by default) from `operationId`, as a token without that scope does. */
export function denyToActor(state: SimulatorState, login: string, operationId: string, status = 403): void {
  const denials = worldOf(state).denials;
  const mine = denials.get(login.toLowerCase()) ?? new Map<string, number>();
  mine.set(operationId, status);
  denials.set(login.toLowerCase(), mine);
}

function guard(context: RouteContext): void {
  const status = worldOf(context.state).denials.get(context.actor.login.toLowerCase())?.get(context.operationId);
  if (status === undefined) return;
  if (status === 404) throw notFound();
  throw new HttpError(status, status === 403 ? "Resource not accessible by integration" : "Error");
}

function userByLogin(state: SimulatorState, login: string): User {
  return state.users.get(login) ?? state.users.list((u) => u.login.toLowerCase() === login.toLowerCase())[0] ?? state.user(login);
}

const ORDER: Permission[] = ["read", "triage", "write", "maintain", "admin"];
const TEAM_PERMISSION: Record<string, Permission> = { pull: "read", triage: "triage", push: "write", maintain: "maintain", admin: "admin" };

function permissions(permission: Permission): Record<string, boolean> {
  const at = (level: Permission) => ORDER.indexOf(permission) >= ORDER.indexOf(level);
  return { admin: at("admin"), maintain: at("maintain"), push: at("write"), triage: at("triage"), pull: true };
}

/** Everyone with access and their highest permission: the owner of a user's repository, direct collaborators, team members. */
function accessList(state: SimulatorState, repo: RepoState, affiliation: string): { login: string; permission: Permission; direct: boolean }[] {
  const people = new Map<string, { login: string; permission: Permission; direct: boolean }>();
  const grant = (login: string, permission: Permission, direct: boolean) => {
    const key = login.toLowerCase();
    const earlier = people.get(key);
    const best = earlier && ORDER.indexOf(earlier.permission) > ORDER.indexOf(permission) ? earlier.permission : permission;
    people.set(key, { login: userByLogin(state, login).login, permission: best, direct: direct || (earlier?.direct ?? false) });
  };
  const owner = repo.repo.owner;
  if (userByLogin(state, owner).type !== "Organization") grant(owner, "admin", true);
  for (const login of repo.collaborators.keys()) grant(login, repo.collaborators.get(login) as Permission, true);
  for (const slug of state.teams.keys()) {
    if (!slug.startsWith(`${owner.toLowerCase()}/`)) continue;
    const permission = teamRecord(state, slug).repos.get(repo.repo.fullName.toLowerCase());
    if (!permission) continue;
    for (const login of state.teams.get(slug) ?? []) grant(login, TEAM_PERMISSION[permission] ?? "read", false);
  }
  const organization = worldOf(state).organizations.get(owner.toLowerCase());
  const all = [...people.values()].sort((a, b) => a.login.localeCompare(b.login));
  if (affiliation === "direct") return all.filter((p) => p.direct);
  if (affiliation === "outside") return organization ? all.filter((p) => p.direct && !organization.members.has(p.login.toLowerCase())) : [];
  return all;
}

function teamBody(urls: Urls, org: string, id: number, slug: string, permission: string): Record<string, unknown> {
  const level = TEAM_PERMISSION[permission] ?? "read";
  return {
    id,
    node_id: `T_${id}`,
    slug,
    name: slug,
    description: null,
    privacy: "closed",
    permission,
    permissions: { ...permissions(level), push: ORDER.indexOf(level) >= ORDER.indexOf("write") },
    url: `${urls.api}/teams/${id}`,
    html_url: `${urls.html}/orgs/${org}/teams/${slug}`,
    members_url: `${urls.api}/teams/${id}/members{/member}`,
    repositories_url: `${urls.api}/teams/${id}/repos`,
    type: "organization",
    parent: null,
  };
}

function secretBody(secret: Secret): Record<string, unknown> {
  return { name: secret.name, created_at: secret.createdAt, updated_at: secret.updatedAt };
}

function environmentFor(context: RouteContext): { repo: RepoState; environment: Environment } {
  const repo = context.repo();
  const environment = accessOf(repo).environments.get(String(context.params.environment_name).toLowerCase());
  if (!environment) throw notFound();
  return { repo, environment };
}

function environmentBody(context: RouteContext, repo: RepoState, environment: Environment): Record<string, unknown> {
  const { seed } = environment;
  const rules: Record<string, unknown>[] = [];
  if (seed.waitTimer) rules.push({ id: environment.id * 10 + 1, node_id: `GA_${environment.id}_1`, type: "wait_timer", wait_timer: seed.waitTimer });
  if (seed.reviewers && seed.reviewers.length > 0) {
    rules.push({
      id: environment.id * 10 + 2,
      node_id: `GA_${environment.id}_2`,
      type: "required_reviewers",
      prevent_self_review: seed.preventSelfReview ?? false,
      reviewers: seed.reviewers.map((r) => {
        if (r.startsWith("user:")) return { type: "User", reviewer: simpleUser(context.urls, userByLogin(context.state, r.slice(5))) };
        const key = r.slice(5);
        const [org = "", slug = ""] = key.split("/");
        const team = teamRecord(context.state, key);
        return { type: "Team", reviewer: teamBody(context.urls, org, team.id, slug, team.repos.get(repo.repo.fullName.toLowerCase()) ?? "pull") };
      }),
    });
  }
  const branches = seed.branches ?? null;
  if (branches !== null) rules.push({ id: environment.id * 10 + 3, node_id: `GA_${environment.id}_3`, type: "branch_policy" });
  const url = `${context.urls.api}/repos/${repo.repo.fullName}/environments/${encodeURIComponent(environment.name)}`;
  return {
    id: environment.id,
    node_id: `EN_${environment.id}`,
    name: environment.name,
    url,
    html_url: `${context.urls.html}/${repo.repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: environment.createdAt,
    updated_at: environment.createdAt,
    protection_rules: rules,
    deployment_branch_policy: branches === null ? null : { protected_branches: branches === "protected", custom_branch_policies: branches !== "protected" },
  };
}

export const accessRoutes: RouteTable = {
  "repos/list-collaborators": (context) => {
    guard(context);
    const repo = context.repo();
    const custom = accessOf(repo).customRoles;
    const affiliation = (context.query.affiliation as string | undefined) ?? "all";
    const wanted = context.query.permission as string | undefined;
    const people = accessList(context.state, repo, affiliation).filter((p) => wanted === undefined || ORDER.indexOf(p.permission) >= ORDER.indexOf(TEAM_PERMISSION[wanted] ?? "read"));
    return {
      status: 200,
      body: context.paginate(people).map((p) => ({
        ...simpleUser(context.urls, userByLogin(context.state, p.login)),
        permissions: permissions(p.permission),
        role_name: custom.get(p.login.toLowerCase()) ?? p.permission,
      })),
    };
  },

  "repos/list-teams": (context) => {
    guard(context);
    const repo = context.repo();
    const owner = repo.repo.owner.toLowerCase();
    const teams = [...context.state.teams.keys()]
      .filter((key) => key.startsWith(`${owner}/`))
      .map((key) => ({ key, team: teamRecord(context.state, key) }))
      .filter(({ team }) => team.repos.has(repo.repo.fullName.toLowerCase()));
    return { status: 200, body: context.paginate(teams).map(({ team }) => teamBody(context.urls, owner, team.id, team.slug, team.repos.get(repo.repo.fullName.toLowerCase()) ?? "pull")) };
  },

  "orgs/list-members": (context) => {
    guard(context);
    const organization = worldOf(context.state).organizations.get(String(context.params.org).toLowerCase());
    if (!organization) throw notFound();
    const filter = (context.query.filter as string | undefined) ?? "all";
    if (filter !== "all" && !organization.owners.has(context.actor.login.toLowerCase())) throw new HttpError(422, "Only owners can use this filter.");
    const logins = [...organization.members.entries()].filter(([, twoFactor]) => filter === "all" || !twoFactor).map(([login]) => login);
    return { status: 200, body: context.paginate(logins.sort()).map((login) => simpleUser(context.urls, userByLogin(context.state, login))) };
  },

  "repos/list-deploy-keys": (context) => {
    guard(context);
    const repo = context.repo();
    return {
      status: 200,
      body: context.paginate(accessOf(repo).deployKeys).map((k) => ({
        id: k.id,
        key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(k.id).padStart(8, "0")}`,
        url: `${context.urls.api}/repos/${repo.repo.fullName}/keys/${k.id}`,
        title: k.title,
        verified: true,
        created_at: k.createdAt,
        read_only: k.readOnly,
        added_by: repo.repo.owner,
        enabled: true,
        ...(k.lastUsed === undefined ? {} : { last_used: k.lastUsed }),
      })),
    };
  },

  "actions/list-repo-secrets": (context) => {
    guard(context);
    const secrets = [...accessOf(context.repo()).secrets.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: secrets.length, secrets: context.paginate(secrets).map(secretBody) } };
  },

  "actions/list-repo-organization-secrets": (context) => {
    guard(context);
    const repo = context.repo();
    const organization = worldOf(context.state).organizations.get(repo.repo.owner.toLowerCase());
    const shared = [...(organization?.secrets.values() ?? [])].filter((s) => s.repositories.has(repo.repo.fullName.toLowerCase())).sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: shared.length, secrets: context.paginate(shared).map(secretBody) } };
  },

  "dependabot/list-repo-secrets": (context) => {
    guard(context);
    const secrets = [...accessOf(context.repo()).dependabotSecrets.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: secrets.length, secrets: context.paginate(secrets).map(secretBody) } };
  },

  "repos/get-all-environments": (context) => {
    guard(context);
    const repo = context.repo();
    const environments = [...accessOf(repo).environments.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: environments.length, environments: context.paginate(environments).map((e) => environmentBody(context, repo, e)) } };
  },

  "actions/list-environment-secrets": (context) => {
    guard(context);
    const { environment } = environmentFor(context);
    const secrets = [...environment.secrets.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { status: 200, body: { total_count: secrets.length, secrets: context.paginate(secrets).map(secretBody) } };
  },

  "repos/list-deployment-branch-policies": (context) => {
    guard(context);
    const { environment } = environmentFor(context);
    const patterns = Array.isArray(environment.seed.branches) ? environment.seed.branches : [];
    const policies = patterns.map((pattern, i) => {
      const id = environment.policyIds[i] ?? i + 1;
      const tag = pattern.startsWith("tag:");
      return { id, node_id: `DBP_${id}`, name: tag ? pattern.slice(4) : pattern, type: tag ? "tag" : "branch" };
    });
    return { status: 200, body: { total_count: policies.length, branch_policies: context.paginate(policies) } };
  },
};
