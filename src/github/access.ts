/**
 * What GitHub says about who and what can reach a repository, for the access review (src/runbooks/access-review.ts).
 * Everything is read, never written. What the token may not read (403, 404, an owner-only filter refused) becomes an
 * `unseen` entry naming the request and its answer, never an empty list that would pass the review silently; any
 * other failure (bad credentials, a server error after the client's retries, an answer of the wrong shape) ends the
 * review with exit 3 naming the request.
 */
import { isHttpStatus, isRateLimited, toExternalError, type Octokit } from "./client.ts";

/** A repository role as GitHub orders them; a custom role counts as the base role it extends. */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read";

export interface CollaboratorAccess {
  login: string;
  permission: RepoPermission;
  /** The role GitHub names when it is a custom one ("security-manager"), else null. */
  customRole: string | null;
  /** An outside collaborator of the organization (never true on a user-owned repository). */
  outside: boolean;
}

export interface TeamAccess {
  slug: string;
  permission: RepoPermission;
}

export interface DeployKeyAccess {
  id: number;
  title: string;
  readOnly: boolean;
  createdAt: string;
  /** null: never used; undefined: this GitHub does not report it. */
  lastUsed?: string | null;
}

/** Actions secrets of the repository, of one of its environments, of its organization shared with it; Dependabot's. */
export type SecretScope = "repository" | "environment" | "organization" | "dependabot";

export interface SecretAccess {
  name: string;
  scope: SecretScope;
  /** The environment of an environment secret, else null. */
  environment: string | null;
  updatedAt: string;
}

export interface EnvironmentAccess {
  name: string;
  /** "user:LOGIN" or "team:SLUG", as GitHub lists them. */
  requiredReviewers: string[];
  preventSelfReview: boolean;
  waitTimerMinutes: number;
  /** Which refs may deploy: every one, protected branches only, or those matching the listed patterns. */
  branchPolicy: { kind: "all" } | { kind: "protected" } | { kind: "custom"; patterns: string[] };
}

/** What a review reads; each is compared with the previous review only when both read it completely. */
export type AccessCategory = "collaborators" | "teams" | "membersWithout2fa" | "deployKeys" | "secrets" | "environments";

/** complete: everything was read; partial: some was (an unseen entry says what not); unseen: nothing was. */
export type Coverage = "complete" | "partial" | "unseen";

export interface UnseenAccess {
  /** What could not be read, e.g. "organization members without two-factor authentication (GET /orgs/acme/members?filter=2fa_disabled)". */
  what: string;
  /** Why, e.g. "HTTP 403: only organization owners can see it". */
  why: string;
}

export interface AccessSnapshot {
  /** "owner/name". */
  repository: string;
  ownerType: "Organization" | "User";
  collaborators: CollaboratorAccess[];
  teams: TeamAccess[];
  membersWithout2fa: string[];
  deployKeys: DeployKeyAccess[];
  secrets: SecretAccess[];
  environments: EnvironmentAccess[];
  coverage: Record<AccessCategory, Coverage>;
  unseen: UnseenAccess[];
}

const PER_PAGE = 100;
/** Bounds every list at 2,000 entries: more is read as partial and said so, never taken as the whole. */
export const MAX_ACCESS_PAGES = 20;
/** Environments whose secrets and branch policies are read, one request each. */
const MAX_ENVIRONMENTS = 100;

interface ApiPermissions {
  admin?: boolean;
  maintain?: boolean;
  push?: boolean;
  triage?: boolean;
  pull?: boolean;
}

interface ApiCollaborator {
  login: string;
  role_name?: string;
  permissions?: ApiPermissions;
}

interface ApiTeam {
  slug: string;
  permission: string;
  permissions?: ApiPermissions;
}

interface ApiDeployKey {
  id: number;
  title: string;
  read_only: boolean;
  created_at: string;
  last_used?: string | null;
}

interface ApiSecret {
  name: string;
  updated_at: string;
}

interface ApiProtectionRule {
  type: string;
  wait_timer?: number;
  prevent_self_review?: boolean;
  reviewers?: { type?: string; reviewer?: { login?: string; slug?: string } | null }[];
}

interface ApiEnvironment {
  name: string;
  protection_rules?: ApiProtectionRule[];
  deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

const STANDARD_ROLES = new Set(["admin", "maintain", "write", "triage", "read"]);

function permissionOf(permissions: ApiPermissions | undefined, fallback: string): RepoPermission {
  if (permissions) {
    if (permissions.admin) return "admin";
    if (permissions.maintain) return "maintain";
    if (permissions.push) return "write";
    if (permissions.triage) return "triage";
    return "read";
  }
  const legacy: Record<string, RepoPermission> = { pull: "read", push: "write" };
  return legacy[fallback] ?? (STANDARD_ROLES.has(fallback) ? (fallback as RepoPermission) : "read");
}

/** The answers that mean "this token may not see it" rather than "something broke". */
function isNotPermitted(error: unknown): boolean {
  return (isHttpStatus(error, 403) && !isRateLimited(error)) || isHttpStatus(error, 404, 422);
}

function statusText(error: unknown): string {
  const e = error as { status?: number; message?: string };
  const hint = e.status === 404 ? "not found, or hidden from this token" : e.status === 422 ? "refused" : "the token lacks the permission";
  return `HTTP ${e.status ?? "?"} (${hint}${e.message ? `: ${e.message.split("\n")[0]?.slice(0, 200)}` : ""})`;
}

interface ListResult<T> {
  items: T[];
  coverage: Coverage;
}

export interface AccessRepository {
  owner: string;
  repo: string;
}

/** Reads the repository's access, every list bounded; see the module comment for what becomes `unseen`. */
export async function readAccessSnapshot(octokit: Octokit, repository: AccessRepository): Promise<AccessSnapshot> {
  const { owner, repo } = repository;
  const base = `/repos/${owner}/${repo}`;
  const unseen: UnseenAccess[] = [];

  /** Pages through a list; a refusal is recorded as unseen, a list beyond the bound as partial. */
  async function list<T>(what: string, endpoint: string, fetchPage: (page: number) => Promise<T[]>, into = unseen): Promise<ListResult<T>> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_ACCESS_PAGES; page++) {
      let batch: T[];
      try {
        batch = await fetchPage(page);
      } catch (error) {
        if (!isNotPermitted(error)) throw toExternalError(error, `reading ${what} (GET ${endpoint})`);
        into.push({ what: `${what} (GET ${endpoint})`, why: statusText(error) });
        return { items, coverage: page === 1 ? "unseen" : "partial" };
      }
      items.push(...batch);
      if (batch.length < PER_PAGE) return { items, coverage: "complete" };
    }
    into.push({ what: `${what} beyond the first ${MAX_ACCESS_PAGES * PER_PAGE} (GET ${endpoint})`, why: `shipgate reads at most ${MAX_ACCESS_PAGES} pages of ${PER_PAGE}` });
    return { items, coverage: "partial" };
  }

  let ownerType: AccessSnapshot["ownerType"];
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    ownerType = data.owner.type === "Organization" ? "Organization" : "User";
  } catch (error) {
    throw toExternalError(error, `reading repository ${owner}/${repo} (GET ${base})`);
  }
  const isOrganization = ownerType === "Organization";

  const coverage: Record<AccessCategory, Coverage> = { collaborators: "complete", teams: "complete", membersWithout2fa: "complete", deployKeys: "complete", secrets: "complete", environments: "complete" };

  const collaborators = await list("collaborators", `${base}/collaborators?affiliation=all`, async (page) => {
    const { data } = await octokit.rest.repos.listCollaborators({ owner, repo, affiliation: "all", per_page: PER_PAGE, page });
    return data as ApiCollaborator[];
  });
  coverage.collaborators = collaborators.coverage;
  let outsideLogins = new Set<string>();
  if (isOrganization && collaborators.coverage !== "unseen") {
    const outside = await list("which collaborators are outside collaborators", `${base}/collaborators?affiliation=outside`, async (page) => {
      const { data } = await octokit.rest.repos.listCollaborators({ owner, repo, affiliation: "outside", per_page: PER_PAGE, page });
      return data as ApiCollaborator[];
    });
    outsideLogins = new Set(outside.items.map((c) => c.login.toLowerCase()));
    if (outside.coverage !== "complete") coverage.collaborators = "partial";
  }
  const collaboratorAccess: CollaboratorAccess[] = collaborators.items.map((c) => ({
    login: c.login,
    permission: permissionOf(c.permissions, c.role_name ?? "read"),
    customRole: c.role_name && !STANDARD_ROLES.has(c.role_name) ? c.role_name : null,
    outside: outsideLogins.has(c.login.toLowerCase()),
  }));

  let teamAccess: TeamAccess[] = [];
  if (isOrganization) {
    const teams = await list("teams", `${base}/teams`, async (page) => {
      const { data } = await octokit.rest.repos.listTeams({ owner, repo, per_page: PER_PAGE, page });
      return data as ApiTeam[];
    });
    coverage.teams = teams.coverage;
    teamAccess = teams.items.map((t) => ({ slug: t.slug, permission: permissionOf(t.permissions, t.permission) }));
  }

  let membersWithout2fa: string[] = [];
  if (isOrganization) {
    const members = await list("organization members without two-factor authentication, visible to organization owners only", `/orgs/${owner}/members?filter=2fa_disabled`, async (page) => {
      const { data } = await octokit.rest.orgs.listMembers({ org: owner, filter: "2fa_disabled", per_page: PER_PAGE, page });
      return data as { login: string }[];
    });
    coverage.membersWithout2fa = members.coverage;
    membersWithout2fa = members.items.map((m) => m.login);
  } else {
    coverage.membersWithout2fa = "unseen";
    unseen.push({
      what: `two-factor authentication of the people with access to ${owner}/${repo}`,
      why: `the repository belongs to the user account ${owner}, not to an organization, and GitHub shows 2FA only to organization owners`,
    });
  }

  const keys = await list("deploy keys", `${base}/keys`, async (page) => {
    const { data } = await octokit.rest.repos.listDeployKeys({ owner, repo, per_page: PER_PAGE, page });
    return data as ApiDeployKey[];
  });
  coverage.deployKeys = keys.coverage;
  const deployKeys: DeployKeyAccess[] = keys.items.map((k) => ({
    id: k.id,
    title: k.title,
    readOnly: k.read_only,
    createdAt: k.created_at,
    ...(k.last_used === undefined ? {} : { lastUsed: k.last_used }),
  }));

  const repoSecrets = await list("Actions secrets", `${base}/actions/secrets`, async (page) => {
    const { data } = await octokit.rest.actions.listRepoSecrets({ owner, repo, per_page: PER_PAGE, page });
    return data.secrets as ApiSecret[];
  });
  const secrets: SecretAccess[] = repoSecrets.items.map((s) => ({ name: s.name, scope: "repository", environment: null, updatedAt: s.updated_at }));
  const secretCoverage: Coverage[] = [repoSecrets.coverage];
  if (isOrganization) {
    const shared = await list("organization secrets shared with the repository", `${base}/actions/organization-secrets`, async (page) => {
      const { data } = await octokit.rest.actions.listRepoOrganizationSecrets({ owner, repo, per_page: PER_PAGE, page });
      return data.secrets as ApiSecret[];
    });
    secretCoverage.push(shared.coverage);
    secrets.push(...shared.items.map((s): SecretAccess => ({ name: s.name, scope: "organization", environment: null, updatedAt: s.updated_at })));
  }
  const dependabot = await list("Dependabot secrets", `${base}/dependabot/secrets`, async (page) => {
    const { data } = await octokit.rest.dependabot.listRepoSecrets({ owner, repo, per_page: PER_PAGE, page });
    return data.secrets as ApiSecret[];
  });
  secretCoverage.push(dependabot.coverage);
  secrets.push(...dependabot.items.map((s): SecretAccess => ({ name: s.name, scope: "dependabot", environment: null, updatedAt: s.updated_at })));

  const environmentList = await list("environments", `${base}/environments`, async (page) => {
    const { data } = await octokit.rest.repos.getAllEnvironments({ owner, repo, per_page: PER_PAGE, page });
    return (data.environments ?? []) as ApiEnvironment[];
  });
  coverage.environments = environmentList.coverage;
  const environments: EnvironmentAccess[] = [];
  const listedEnvironments = environmentList.items.slice(0, MAX_ENVIRONMENTS);
  if (environmentList.items.length > MAX_ENVIRONMENTS) {
    coverage.environments = "partial";
    secretCoverage.push("partial");
    unseen.push({ what: `secrets and branch policies of environments beyond the first ${MAX_ENVIRONMENTS}`, why: `shipgate reads at most ${MAX_ENVIRONMENTS} environments` });
  }
  if (environmentList.coverage === "unseen") secretCoverage.push("unseen");
  const refusedSecrets: EnvironmentRefusal[] = [];
  const refusedPolicies: EnvironmentRefusal[] = [];
  for (const environment of listedEnvironments) {
    const at = `${base}/environments/${encodeURIComponent(environment.name)}`;
    const refused = { secrets: [] as UnseenAccess[], policies: [] as UnseenAccess[] };
    const read = await readEnvironment(environment, at, list, octokit, repository, refused);
    refusedSecrets.push(...refused.secrets.map((entry) => ({ environment: environment.name, entry })));
    refusedPolicies.push(...refused.policies.map((entry) => ({ environment: environment.name, entry })));
    environments.push(read.environment);
    if (read.branchesCoverage !== "complete") coverage.environments = "partial";
    secretCoverage.push(read.secrets.coverage);
    secrets.push(...read.secrets.items.map((s): SecretAccess => ({ name: s.name, scope: "environment", environment: environment.name, updatedAt: s.updated_at })));
  }
  unseen.push(
    ...groupedByEnvironment("branch policies", refusedPolicies, `${base}/environments/{environment_name}/deployment-branch-policies`),
    ...groupedByEnvironment("secrets", refusedSecrets, `${base}/environments/{environment_name}/secrets`),
  );
  coverage.secrets = secretCoverage.every((c) => c === "unseen") ? "unseen" : secretCoverage.every((c) => c === "complete") ? "complete" : "partial";

  return {
    repository: `${owner}/${repo}`,
    ownerType,
    collaborators: collaboratorAccess,
    teams: teamAccess,
    membersWithout2fa,
    deployKeys,
    secrets,
    environments,
    coverage,
    unseen,
  };
}

type Lister = <T>(what: string, endpoint: string, fetchPage: (page: number) => Promise<T[]>, into?: UnseenAccess[]) => Promise<ListResult<T>>;

interface EnvironmentRefusal {
  environment: string;
  entry: UnseenAccess;
}

/** Names listed in one grouped entry; the rest are counted. */
const MAX_NAMED_ENVIRONMENTS = 20;

/** One entry per answer for what every environment refused alike (a token without the permission refuses them all). */
function groupedByEnvironment(kind: string, refusals: EnvironmentRefusal[], endpoint: string): UnseenAccess[] {
  const byWhy = new Map<string, EnvironmentRefusal[]>();
  for (const refusal of refusals) byWhy.set(refusal.entry.why, [...(byWhy.get(refusal.entry.why) ?? []), refusal]);
  return [...byWhy.entries()].map(([why, group]) => {
    const [only] = group;
    if (group.length === 1 && only) return only.entry;
    const names = group.slice(0, MAX_NAMED_ENVIRONMENTS).map((r) => r.environment).join(", ");
    const more = group.length > MAX_NAMED_ENVIRONMENTS ? ` and ${group.length - MAX_NAMED_ENVIRONMENTS} more` : "";
    return { what: `${kind} of ${group.length} environments, ${names}${more} (GET ${endpoint})`, why };
  });
}

async function readEnvironment(
  environment: ApiEnvironment,
  at: string,
  list: Lister,
  octokit: Octokit,
  { owner, repo }: AccessRepository,
  refused: { secrets: UnseenAccess[]; policies: UnseenAccess[] },
): Promise<{ environment: EnvironmentAccess; secrets: ListResult<ApiSecret>; branchesCoverage: Coverage }> {
  const environment_name = environment.name;
  const rules = environment.protection_rules ?? [];
  const reviewersRule = rules.find((r) => r.type === "required_reviewers");
  const requiredReviewers = (reviewersRule?.reviewers ?? [])
    .map((r) => (r.type === "Team" ? (r.reviewer?.slug ? `team:${r.reviewer.slug}` : "") : r.reviewer?.login ? `user:${r.reviewer.login}` : ""))
    .filter(Boolean);
  const waitTimerMinutes = rules.find((r) => r.type === "wait_timer")?.wait_timer ?? 0;
  const policy = environment.deployment_branch_policy ?? null;
  let branchPolicy: EnvironmentAccess["branchPolicy"] = { kind: "all" };
  let branchesCoverage: Coverage = "complete";
  if (policy?.protected_branches) branchPolicy = { kind: "protected" };
  else if (policy?.custom_branch_policies) {
    const patterns = await list(`branch policies of environment ${environment_name}`, `${at}/deployment-branch-policies`, async (page) => {
      const { data } = await octokit.rest.repos.listDeploymentBranchPolicies({ owner, repo, environment_name, per_page: PER_PAGE, page });
      return data.branch_policies;
    }, refused.policies);
    branchesCoverage = patterns.coverage;
    branchPolicy = { kind: "custom", patterns: patterns.items.map((p) => `${p.type === "tag" ? "tag " : ""}${p.name ?? ""}`) };
  }
  const secrets = await list(`secrets of environment ${environment_name}`, `${at}/secrets`, async (page) => {
    const { data } = await octokit.rest.actions.listEnvironmentSecrets({ owner, repo, environment_name, per_page: PER_PAGE, page });
    return data.secrets as ApiSecret[];
  }, refused.secrets);
  return {
    environment: { name: environment_name, requiredReviewers, preventSelfReview: reviewersRule?.prevent_self_review ?? false, waitTimerMinutes, branchPolicy },
    secrets,
    branchesCoverage,
  };
}
