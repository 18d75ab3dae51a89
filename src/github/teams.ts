import { nextCursor } from "./paging.ts";
import type { TeamsAndOwners } from "../approvals/ports.ts";
import type { Octokit } from "./client.ts";
import { toExternalError } from "./client.ts";
import { ownersWithAccess } from "./branch-rules.ts";
import { TEAMS_PER_REQUEST, teamsQuery } from "./queries.ts";

/** Bounds the requests of one read: 50 rounds of 100 members is far beyond any team a pull request names. */
const MAX_REQUESTS = 50;

const PUSH = new Set(["WRITE", "MAINTAIN", "ADMIN"]);

/** Errors that say "this team is not there, or not for this token" rather than that the request failed. */
const TEAM_UNREADABLE = new Set(["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_SCOPES"]);

interface RepositoryAccess {
  pageInfo: { hasNextPage: boolean };
  edges: ({ permission: string; node: { nameWithOwner: string } } | null)[];
}

interface TeamNode {
  members?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ login: string } | null)[] };
  repositories?: RepositoryAccess;
  ancestors?: { pageInfo: { hasNextPage: boolean }; nodes: ({ repositories: RepositoryAccess } | null)[] };
}

type TeamsResponse = Record<string, { team: TeamNode | null } | null>;

interface GraphqlFailure {
  name?: string;
  data?: TeamsResponse;
  errors?: { type?: string; path?: (string | number)[] }[];
}

interface Wanted {
  slug: string;
  members: boolean;
  access: boolean;
  after: string | null;
}

/** Whether the team may push to `fullName`, directly or through a parent team; undefined when a page was not read. */
function teamCanPush(team: TeamNode, fullName: string): boolean | undefined {
  const lists = [team.repositories, ...(team.ancestors?.nodes ?? []).map((n) => n?.repositories)].filter((l): l is RepositoryAccess => l !== undefined);
  const permissions = lists.flatMap((l) => l.edges).flatMap((e) => (e && e.node.nameWithOwner.toLowerCase() === fullName ? [e.permission] : []));
  if (permissions.some((p) => PUSH.has(p))) return true;
  if (team.ancestors?.pageInfo.hasNextPage || lists.some((l) => l.pageInfo.hasNextPage)) return undefined;
  return false;
}

interface TeamsRead {
  members: Record<string, string[] | undefined>;
  /** Code-owner teams whose access is settled; absent when the token may not tell. */
  access: Map<string, boolean>;
  /** Code-owner teams whose repositories or parents did not fit one page. */
  overflowing: string[];
}

async function readTeams(octokit: Octokit, target: { owner: string; repo: string }, wanted: Wanted[]): Promise<TeamsRead> {
  const fullName = `${target.owner}/${target.repo}`.toLowerCase();
  const read: TeamsRead = { members: {}, access: new Map(), overflowing: [] };
  let queue = wanted;
  for (let request = 0; request < MAX_REQUESTS && queue.length > 0; request++) {
    const batch = queue.slice(0, TEAMS_PER_REQUEST);
    queue = queue.slice(TEAMS_PER_REQUEST);
    const variables: Record<string, unknown> = { repo: target.repo };
    batch.forEach((w, i) => {
      const [org = "", slug = ""] = w.slug.split("/");
      Object.assign(variables, { [`org${i}`]: org, [`slug${i}`]: slug, [`after${i}`]: w.after, [`members${i}`]: w.members, [`access${i}`]: w.access });
    });
    let data: TeamsResponse;
    const failed = new Map<string, string>();
    try {
      data = await octokit.graphql<TeamsResponse>(teamsQuery(batch.length), variables);
    } catch (error) {
      const failure = error as GraphqlFailure;
      const errors = failure.name === "GraphqlResponseError" ? (failure.errors ?? []) : undefined;
      if (!errors || !errors.every((e) => TEAM_UNREADABLE.has(e.type ?? ""))) throw toExternalError(error, `reading the teams ${batch.map((w) => `@${w.slug}`).join(", ")}`);
      for (const e of errors) failed.set(String(e.path?.[0] ?? ""), e.type ?? "");
      data = failure.data ?? {};
    }
    batch.forEach((w, i) => {
      const failure = failed.get(`t${i}`);
      const team = failure === undefined ? data[`t${i}`]?.team : null;
      if (w.access) {
        const canPush = team ? teamCanPush(team, fullName) : failure === undefined || failure === "NOT_FOUND" ? false : undefined;
        if (canPush !== undefined) read.access.set(w.slug, canPush);
        else if (team) read.overflowing.push(w.slug);
      }
      if (!w.members) return;
      if (!team?.members) {
        read.members[w.slug] = undefined;
        return;
      }
      const list = (read.members[w.slug] ??= []);
      for (const node of team.members.nodes) if (node) list.push(node.login);
      const after = nextCursor(team.members.pageInfo, w.after, `reading the members of @${w.slug}`);
      if (after !== null) queue.push({ slug: w.slug, members: true, access: false, after });
    });
  }
  return read;
}

/**
 * Every team's members and every code-owner team's access in as few GraphQL requests as aliases allow (one for up
 * to TEAMS_PER_REQUEST teams, then one more per further page of a team over 100 members); code-owner users through
 * the collaborator permission, in parallel. A team the token may not read has no members here and keeps its access
 * unknown (so it stays required), as a 403 does on the REST check; a team that does not exist has no access.
 */
export async function readTeamsAndOwners(octokit: Octokit, target: { owner: string; repo: string }, teams: string[], owners: string[]): Promise<TeamsAndOwners> {
  const slugOf = (owner: string) => owner.replace(/^@/, "").toLowerCase();
  const teamOwners = owners.filter((o) => o.includes("/"));
  const wanted = new Map<string, Wanted>();
  for (const slug of teams) wanted.set(slug, { slug, members: true, access: false, after: null });
  for (const owner of teamOwners) {
    const slug = slugOf(owner);
    wanted.set(slug, { ...(wanted.get(slug) ?? { slug, members: false, after: null }), access: true });
  }
  const [read, users] = await Promise.all([readTeams(octokit, target, [...wanted.values()]), ownersWithAccess(octokit, target, owners.filter((o) => !o.includes("/")))]);
  // Repositories or parents beyond one page: GitHub's team permission check answers those few exactly.
  const checked = await ownersWithAccess(octokit, target, teamOwners.filter((o) => read.overflowing.includes(slugOf(o))));
  const ownerAccess: Record<string, boolean> = { ...users, ...checked };
  for (const owner of teamOwners) {
    const known = read.access.get(slugOf(owner));
    if (known !== undefined) ownerAccess[owner] = known;
  }
  return { members: read.members, ownerAccess };
}
