import { describe, expect, it } from "vitest";
import { ExternalError } from "../../src/core/errors.ts";
import { MAX_ACCESS_PAGES, readAccessSnapshot } from "../../src/github/access.ts";
import { accessReview } from "../../src/runbooks/access-review.ts";
import { DEFAULT_ACCESS_REVIEW_SETTINGS } from "../../src/runbooks/access-review-settings.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { addDeployKey, denyToActor, setCustomRole, setEnvironment, setOrganization, setOrganizationSecret, setSecret } from "../simulator/routes/access.ts";
import { grantTeam } from "../simulator/routes/rules.ts";
import { startTestSimulator } from "../simulator/setup.ts";

const NOW = new Date("2026-12-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const APP = { owner: "acme", repo: "app" };

/** An organization's repository with one of everything the review reads; tokens: an owner's and an app's. */
async function seededOrganization(): Promise<Simulator> {
  const sim = await startTestSimulator({ tokens: { owner: { access: "read", login: "olivia" }, app: { access: "read", login: "shipgate-app[bot]" } } });
  const { state } = sim;
  setOrganization(state, "acme", { owners: ["olivia"], members: ["alice", "carol", "bob"], without2fa: ["bob"] });
  state.addRepo("acme/app");
  state.setPermission("acme/app", "alice", "admin");
  state.setPermission("acme/app", "dave", "write");
  state.setPermission("acme/app", "erin", "read");
  setCustomRole(state, "acme/app", "carol", "release-manager", "maintain");
  state.setTeam("acme/ops", ["bob"]);
  grantTeam(state, "acme/ops", "acme/app", "push");
  state.setTeam("acme/readers", ["carol"]);
  grantTeam(state, "acme/readers", "acme/app", "pull");
  addDeployKey(state, "acme/app", { title: "ci deploy", readOnly: false, createdAt: daysAgo(400), lastUsed: daysAgo(10) });
  addDeployKey(state, "acme/app", { title: "mirror", readOnly: true, createdAt: daysAgo(200), lastUsed: null });
  setSecret(state, "acme/app", "NPM_TOKEN", { updatedAt: daysAgo(100) });
  setSecret(state, "acme/app", "FRESH", { updatedAt: daysAgo(5) });
  setSecret(state, "acme/app", "REGISTRY", { dependabot: true, updatedAt: daysAgo(95) });
  setOrganizationSecret(state, "acme", "SHARED_SIGNING", { repositories: ["acme/app"], updatedAt: daysAgo(120) });
  setOrganizationSecret(state, "acme", "OTHER_TEAM", { repositories: ["acme/other"], updatedAt: daysAgo(500) });
  setEnvironment(state, "acme/app", { name: "production", branches: ["main", "tag:v*"] });
  setSecret(state, "acme/app", "DEPLOY_TOKEN", { environment: "production", updatedAt: daysAgo(200) });
  setEnvironment(state, "acme/app", { name: "staging", reviewers: ["user:alice"], waitTimer: 5 });
  setEnvironment(state, "acme/app", { name: "prod-eu", reviewers: ["team:acme/ops"], preventSelfReview: true, branches: "protected" });
  return sim;
}

describe("readAccessSnapshot against the simulator", () => {
  it("reads collaborators, teams, 2FA, deploy keys, secrets and environments with an organization owner's token", async () => {
    const sim = await seededOrganization();
    const snapshot = await readAccessSnapshot(clientFor(sim, { token: "owner" }), APP);

    expect(snapshot.ownerType).toBe("Organization");
    expect(snapshot.unseen).toEqual([]);
    expect(Object.values(snapshot.coverage).every((c) => c === "complete")).toBe(true);
    expect(snapshot.collaborators).toEqual(
      expect.arrayContaining([
        { login: "alice", permission: "admin", customRole: null, outside: false },
        { login: "carol", permission: "maintain", customRole: "release-manager", outside: false },
        { login: "dave", permission: "write", customRole: null, outside: true },
        { login: "erin", permission: "read", customRole: null, outside: true },
        { login: "bob", permission: "write", customRole: null, outside: false },
      ]),
    );
    expect(snapshot.teams).toEqual([
      { slug: "ops", permission: "write" },
      { slug: "readers", permission: "read" },
    ]);
    expect(snapshot.membersWithout2fa).toEqual(["bob"]);
    expect(snapshot.deployKeys.map((k) => [k.title, k.readOnly, k.lastUsed])).toEqual([
      ["ci deploy", false, daysAgo(10)],
      ["mirror", true, null],
    ]);
    expect(snapshot.secrets.map((s) => [s.scope, s.environment, s.name, s.updatedAt])).toEqual([
      ["repository", null, "FRESH", daysAgo(5)],
      ["repository", null, "NPM_TOKEN", daysAgo(100)],
      ["organization", null, "SHARED_SIGNING", daysAgo(120)],
      ["dependabot", null, "REGISTRY", daysAgo(95)],
      ["environment", "production", "DEPLOY_TOKEN", daysAgo(200)],
    ]);
    expect(snapshot.environments).toEqual([
      { name: "prod-eu", requiredReviewers: ["team:ops"], preventSelfReview: true, waitTimerMinutes: 0, branchPolicy: { kind: "protected" } },
      { name: "production", requiredReviewers: [], preventSelfReview: false, waitTimerMinutes: 0, branchPolicy: { kind: "custom", patterns: ["main", "tag v*"] } },
      { name: "staging", requiredReviewers: ["user:alice"], preventSelfReview: false, waitTimerMinutes: 5, branchPolicy: { kind: "all" } },
    ]);
  });

  it("turns a full read into the review's findings", async () => {
    const sim = await seededOrganization();
    const snapshot = await readAccessSnapshot(clientFor(sim, { token: "owner" }), APP);
    const review = accessReview(snapshot, null, DEFAULT_ACCESS_REVIEW_SETTINGS, NOW);
    const [ciKey, mirrorKey] = snapshot.deployKeys.map((k) => k.id);
    const kinds = review.items.map((i) => i.id.split(".").slice(1, -1).join("."));
    expect(kinds).toEqual([
      "collaborator.alice",
      "collaborator.carol",
      "collaborator.bob",
      "outside.dave",
      "team.ops",
      "no-2fa.bob",
      `deploy-key-write.${ciKey}`,
      `deploy-key-age.${ciKey}`,
      `deploy-key-idle.${mirrorKey}`,
      "secret-age.npm-token",
      "secret-age.production-deploy-token",
      "secret-age.organization-shared-sign",
      "secret-age.dependabot-registry",
      "environment.prod-eu",
      "environment-reviewers.production",
    ]);
    expect(review.preface).toContain("First review");
    expect(review.preface).toContain("The token could read everything");
  });

  it("lists the 2FA check as unseen when the token cannot use the owners' filter, and reads the rest", async () => {
    const sim = await seededOrganization();
    const snapshot = await readAccessSnapshot(clientFor(sim, { token: "app" }), APP);
    expect(snapshot.coverage.membersWithout2fa).toBe("unseen");
    expect(snapshot.unseen).toEqual([{ what: expect.stringContaining("GET /orgs/acme/members?filter=2fa_disabled"), why: expect.stringMatching(/^HTTP 422 \(refused: Only owners can use this filter/) }]);
    expect(snapshot.collaborators.length).toBeGreaterThan(0);
    const review = accessReview(snapshot, null, DEFAULT_ACCESS_REVIEW_SETTINGS, NOW);
    expect(review.preface).toContain("**Not seen by the token**");
    expect(review.preface).toContain("members without two-factor authentication");
    expect(review.items.filter((i) => i.id.startsWith("access.unseen."))).toHaveLength(1);
    expect(review.items.some((i) => i.id.startsWith("access.no-2fa."))).toBe(false);
  });

  it("reports each endpoint a token without organization scope is refused, with its status", async () => {
    const sim = await seededOrganization();
    denyToActor(sim.state, "shipgate-app[bot]", "orgs/list-members", 403);
    denyToActor(sim.state, "shipgate-app[bot]", "repos/list-teams", 403);
    denyToActor(sim.state, "shipgate-app[bot]", "actions/list-environment-secrets", 404);
    const snapshot = await readAccessSnapshot(clientFor(sim, { token: "app" }), APP);
    expect(snapshot.coverage).toMatchObject({ teams: "unseen", membersWithout2fa: "unseen", secrets: "partial", collaborators: "complete" });
    expect(snapshot.unseen.map((u) => `${u.what} -> ${u.why.split(" (")[0]}`)).toEqual([
      "teams (GET /repos/acme/app/teams) -> HTTP 403",
      "organization members without two-factor authentication, visible to organization owners only (GET /orgs/acme/members?filter=2fa_disabled) -> HTTP 403",
      "secrets of 3 environments, prod-eu, production, staging (GET /repos/acme/app/environments/{environment_name}/secrets) -> HTTP 404",
    ]);
    expect(snapshot.secrets.map((s) => s.name)).toEqual(["FRESH", "NPM_TOKEN", "SHARED_SIGNING", "REGISTRY"]);
  });

  it("names the one environment whose secrets were refused", async () => {
    const sim = await startTestSimulator({ tokens: { app: { access: "read", login: "app[bot]" } } });
    setEnvironment(sim.state, "jane/site", { name: "production", reviewers: ["user:jane"] });
    denyToActor(sim.state, "app[bot]", "actions/list-environment-secrets");
    const snapshot = await readAccessSnapshot(clientFor(sim, { token: "app" }), { owner: "jane", repo: "site" });
    expect(snapshot.unseen.map((u) => u.what)).toContain("secrets of environment production (GET /repos/jane/site/environments/production/secrets)");
  });

  it("says a user-owned repository has no organization to ask about 2FA, without asking", async () => {
    const sim = await startTestSimulator();
    sim.state.addRepo("jane/site");
    sim.state.setPermission("jane/site", "kim", "write");
    const snapshot = await readAccessSnapshot(clientFor(sim), { owner: "jane", repo: "site" });
    expect(snapshot.ownerType).toBe("User");
    expect(snapshot.collaborators).toEqual([
      { login: "jane", permission: "admin", customRole: null, outside: false },
      { login: "kim", permission: "write", customRole: null, outside: false },
    ]);
    expect(snapshot.coverage.membersWithout2fa).toBe("unseen");
    expect(snapshot.unseen).toEqual([{ what: "two-factor authentication of the people with access to jane/site", why: expect.stringContaining("user account jane, not to an organization") }]);
    expect(sim.requests.map((r) => r.path)).not.toContain("/orgs/jane/members");
    expect(sim.requests.some((r) => r.path.endsWith("/teams"))).toBe(false);
  });

  it("pages through long lists and says so when a list is longer than it reads", async () => {
    const sim = await startTestSimulator();
    setOrganization(sim.state, "big", { owners: ["root"] });
    const count = MAX_ACCESS_PAGES * 100 + 1;
    for (let i = 0; i < count; i++) sim.state.setPermission("big/app", `user-${i}`, "write");
    const snapshot = await readAccessSnapshot(clientFor(sim), { owner: "big", repo: "app" });
    expect(snapshot.collaborators).toHaveLength(MAX_ACCESS_PAGES * 100);
    expect(snapshot.coverage.collaborators).toBe("partial");
    expect(snapshot.unseen.map((u) => u.what)).toContain(`collaborators beyond the first ${MAX_ACCESS_PAGES * 100} (GET /repos/big/app/collaborators?affiliation=all)`);
    const pages = sim.requests.filter((r) => r.operationId === "repos/list-collaborators" && r.query.includes("affiliation=all")).length;
    expect(pages).toBe(MAX_ACCESS_PAGES);
  });

  const reads: [string, string][] = [
    ["repos/get", "reading repository acme/app (GET /repos/acme/app)"],
    ["repos/list-collaborators", "reading collaborators (GET /repos/acme/app/collaborators?affiliation=all)"],
    ["repos/list-teams", "reading teams (GET /repos/acme/app/teams)"],
    ["orgs/list-members", "reading organization members without two-factor authentication, visible to organization owners only (GET /orgs/acme/members?filter=2fa_disabled)"],
    ["repos/list-deploy-keys", "reading deploy keys (GET /repos/acme/app/keys)"],
    ["actions/list-repo-secrets", "reading Actions secrets (GET /repos/acme/app/actions/secrets)"],
    ["actions/list-repo-organization-secrets", "reading organization secrets shared with the repository (GET /repos/acme/app/actions/organization-secrets)"],
    ["dependabot/list-repo-secrets", "reading Dependabot secrets (GET /repos/acme/app/dependabot/secrets)"],
    ["repos/get-all-environments", "reading environments (GET /repos/acme/app/environments)"],
    ["actions/list-environment-secrets", "reading secrets of environment prod-eu (GET /repos/acme/app/environments/prod-eu/secrets)"],
    ["repos/list-deployment-branch-policies", "reading branch policies of environment production (GET /repos/acme/app/environments/production/deployment-branch-policies)"],
  ];
  for (const [operationId, what] of reads) {
    it(`ends with exit 3 naming the read when ${operationId} keeps failing`, async () => {
      const sim = await seededOrganization();
      sim.inject({ operationId, status: 502, times: Infinity });
      const error = await readAccessSnapshot(clientFor(sim, { token: "owner", retries: 1 }), APP).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExternalError);
      expect((error as ExternalError).exitCode).toBe(3);
      expect((error as ExternalError).message).toContain(`${what} failed: HTTP 502`);
    });
  }

  it("ends with exit 3 on bad credentials instead of calling everything unseen", async () => {
    const sim = await seededOrganization();
    await expect(readAccessSnapshot(clientFor(sim, { token: "stolen" }), APP)).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining("HTTP 401") });
  });
});
