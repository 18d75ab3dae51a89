import { beforeEach, describe, expect, it } from "vitest";
import { readAccessSnapshot } from "../../src/github/access.ts";
import type { Octokit } from "../../src/github/client.ts";
import { clientFor } from "../simulator/helpers.ts";
import type { Simulator } from "../simulator/index.ts";
import { addDeployKey, setOrganization } from "../simulator/routes/access.ts";
import { grantTeam } from "../simulator/routes/rules.ts";
import { startTestSimulator } from "../simulator/setup.ts";

/** The simulator's access routes answer as GitHub documents them (each answer is also checked against the description). */
describe("simulator: access routes", () => {
  let sim: Simulator;
  let octokit: Octokit;
  beforeEach(async () => {
    sim = await startTestSimulator({ tokens: { owner: { access: "read", login: "olivia" }, member: { access: "read", login: "alice" } } });
    setOrganization(sim.state, "acme", { owners: ["olivia"], members: ["alice", "bob"], without2fa: ["bob"] });
    sim.state.setPermission("acme/app", "alice", "admin");
    sim.state.setPermission("acme/app", "dave", "triage");
    sim.state.setTeam("acme/ops", ["bob"]);
    grantTeam(sim.state, "acme/ops", "acme/app", "push");
    octokit = clientFor(sim, { token: "owner" });
  });

  const logins = (data: { login: string }[]) => data.map((u) => u.login);

  it("lists collaborators by affiliation and permission", async () => {
    const list = async (query: Record<string, string>) => logins((await octokit.request("GET /repos/{owner}/{repo}/collaborators", { owner: "acme", repo: "app", ...query })).data);
    expect(await list({ affiliation: "all" })).toEqual(["alice", "bob", "dave"]);
    expect(await list({ affiliation: "direct" })).toEqual(["alice", "dave"]);
    expect(await list({ affiliation: "outside" })).toEqual(["dave"]);
    expect(await list({ permission: "push" })).toEqual(["alice", "bob"]);
  });

  it("lets only owners filter members by two-factor authentication", async () => {
    expect(logins((await octokit.rest.orgs.listMembers({ org: "acme", filter: "2fa_disabled" })).data)).toEqual(["bob"]);
    const member = clientFor(sim, { token: "member" });
    expect(logins((await member.rest.orgs.listMembers({ org: "acme" })).data)).toEqual(["alice", "bob", "olivia"]);
    await expect(member.rest.orgs.listMembers({ org: "acme", filter: "2fa_disabled" })).rejects.toMatchObject({ status: 422 });
  });

  it("leaves last_used out of a deploy key when seeded so, and the snapshot keeps it unknown rather than never used", async () => {
    addDeployKey(sim.state, "acme/app", { title: "old ghes key", createdAt: "2020-01-01T00:00:00Z" });
    const { data } = await octokit.rest.repos.listDeployKeys({ owner: "acme", repo: "app" });
    expect(data[0]).not.toHaveProperty("last_used");
    const snapshot = await readAccessSnapshot(octokit, { owner: "acme", repo: "app" });
    expect(snapshot.deployKeys[0]).not.toHaveProperty("lastUsed");
  });
});
