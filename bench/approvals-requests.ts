/**
 * API cost of the approvals gate on a large pull request (300 reviews, 500 changed files, CODEOWNERS with
 * teams, a team rule), judged from a deploy job: the requests shipgate sends (GraphQL where it saves requests)
 * next to a plain REST walk of the same data, both counted by the simulator. Targets: at most 10 requests, and a
 * wall time at most the REST walk's. GraphQL queries are reads: the client spaces only writes 1 s apart (GitHub's
 * "pause between mutative requests"); reads are bounded by GitHub's secondary limits (100 concurrent requests
 * shared by REST and GraphQL, 2,000 GraphQL points a minute where a query without mutation costs 1), which this
 * handful of mostly sequential queries is far below (see src/github/pacer.ts).
 */
import { performance } from "node:perf_hooks";
import type { Octokit } from "../src/github/client.ts";
import { createOctokit } from "../src/github/client.ts";
import { createApprovalsSource } from "../src/github/approvals.ts";
import { runApprovalsGate } from "../src/approvals/run.ts";
import { CODEOWNERS_LOCATIONS } from "../src/approvals/codeowners.ts";
import { everyRoute } from "../test/simulator/helpers.ts";
import { startSimulator, type Simulator } from "../test/simulator/index.ts";

const REPO = "acme/app";
const REVIEWS = 300;
const FILES = 500;
const REVIEWERS = 30;
const TEAMS = { "acme/web": ["r0", "r1", "r2"], "acme/api": ["r3", "r4"], "acme/security": ["r5"] };

function seed(sim: Simulator): { number: number; mergeSha: string } {
  sim.state.setFile(REPO, ".github/CODEOWNERS", "* @acme/web\n/api/ @acme/api\n");
  for (const [slug, members] of Object.entries(TEAMS)) sim.state.setTeam(slug, members);
  const files = Array.from({ length: FILES }, (_, i) => ({ filename: `${i % 2 ? "api" : "web"}/f${i}.ts`, patch: "@@ -0,0 +1 @@\n+x" }));
  const pull = sim.state.addPullRequest(REPO, { user: "author", merged: true, files });
  for (let i = 0; i < REVIEWERS; i++) sim.state.setPermission(REPO, `r${i}`, "write");
  for (let i = 0; i < REVIEWS; i++) sim.state.addReview(REPO, pull.number, { user: `r${i % REVIEWERS}`, state: i % 7 === 0 ? "COMMENTED" : "APPROVED" });
  return { number: pull.number, mergeSha: pull.mergeCommitSha! };
}

/** What a straightforward REST client needs for the same verdict. */
async function restWalk(client: Octokit, sha: string): Promise<void> {
  const octokit = everyRoute(client);
  const [owner, repo] = REPO.split("/") as [string, string];
  const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 });
  const pull_number = pulls[0]!.number;
  await octokit.rest.pulls.get({ owner, repo, pull_number });
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 });
  await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number, per_page: 100 });
  await octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number, per_page: 100 });
  for (const path of CODEOWNERS_LOCATIONS) {
    const found = await octokit.rest.repos.getContent({ owner, repo, path }).then(() => true, () => false);
    if (found) break;
  }
  for (const slug of Object.keys(TEAMS)) {
    const [org, team_slug] = slug.split("/") as [string, string];
    await octokit.paginate(octokit.rest.teams.listMembersInOrg, { org, team_slug, per_page: 100 });
  }
  for (const login of new Set(reviews.map((r) => r.user?.login ?? ""))) await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
}

export async function run(): Promise<void> {
  const sim = await startSimulator();
  try {
    const { number, mergeSha } = seed(sim);
    const octokit = createOctokit({ token: "bench", baseUrl: sim.url, retryAfterBaseMs: 1 });

    // One request first, so that neither side pays for loading the client.
    await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: "acme", repo: "app", commit_sha: mergeSha });
    sim.requests.length = 0;
    let started = performance.now();
    const { result } = await runApprovalsGate(createApprovalsSource(octokit, { owner: "acme", repo: "app" }), { sha: mergeSha }, {
      required: 2, requireHeadCommit: false, lastPushApproval: false, requireWriteAccess: true, bots: "as-github", allowedBots: [], codeowners: true, githubRules: true,
      teamRules: [{ paths: ["infra/**", "api/**"], team: "@acme/security", count: 1 }], blockOnChangeRequests: true,
    });
    const shipgateMs = performance.now() - started;
    const shipgate = sim.requests.length;
    const byKind = sim.requests.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.operationId ?? "?"]: (acc[r.operationId ?? "?"] ?? 0) + 1 }), {});

    sim.requests.length = 0;
    started = performance.now();
    await restWalk(octokit, mergeSha);
    const restMs = performance.now() - started;
    const rest = sim.requests.length;

    console.log(`pull request #${number}: ${REVIEWS} reviews by ${REVIEWERS} reviewers, ${FILES} changed files, CODEOWNERS with 2 teams, 1 team rule; verdict ${result.status} (${result.title})`);
    console.log("| client | requests | time (ms) | target |");
    console.log("| --- | --- | --- | --- |");
    console.log(`| shipgate (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(", ")}) | ${shipgate} | ${shipgateMs.toFixed(0)} | <= 10 ${shipgate <= 10 ? "✅" : "❌"} |`);
    console.log(`| plain REST walk | ${rest} | ${restMs.toFixed(0)} | |`);
    console.log(`wall time: shipgate ${(shipgateMs / restMs).toFixed(2)}x the REST walk; target <= 1x ${shipgateMs <= restMs ? "✅" : "❌"}`);
  } finally {
    await sim.close();
  }
}

if (import.meta.main) await run();
