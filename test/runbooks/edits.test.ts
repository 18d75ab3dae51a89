/** The body's edit history through GraphQL `userContentEdits`, against the simulator: every page, oldest first. */
import { describe, expect, it } from "vitest";
import { ExternalError } from "../../src/core/errors.ts";
import { githubRunbookTracker } from "../../src/github/runbooks.ts";
import { clientFor } from "../simulator/helpers.ts";
import { startTestSimulator } from "../simulator/setup.ts";

describe("bodyEdits", () => {
  it("reads 250 versions over three pages, oldest first, bots told from people, deleted revisions as null", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"] });
    const issue = sim.state.addIssue("acme/app", { body: "v0", user: "github-actions[bot]" });
    issue.edits = Array.from({ length: 250 }, (_, index) => ({
      editedAt: new Date(Date.UTC(2026, 11, 1, 0, index)).toISOString(),
      editor: index % 2 === 0 ? "alice" : "renovate[bot]",
      body: index === 7 ? null : `v${index}`,
    }));
    const edits = await githubRunbookTracker(clientFor(sim), { owner: "acme", repo: "app" }).bodyEdits(issue.number);
    expect(edits).toHaveLength(250);
    expect(edits[0]).toEqual({ editedAt: "2026-12-01T00:00:00.000Z", editor: { login: "alice", bot: false }, body: "v0" });
    expect(edits[1]!.editor).toEqual({ login: "renovate", bot: true });
    expect(edits[7]!.body).toBeNull();
    expect(edits.at(-1)!.body).toBe("v249");
    expect(sim.requests.filter((r) => r.operationId === "graphql")).toHaveLength(3);
  });

  it("an issue the token cannot see is an external failure naming it", async () => {
    const sim = await startTestSimulator({ repos: ["acme/app"] });
    await expect(githubRunbookTracker(clientFor(sim), { owner: "acme", repo: "app" }).bodyEdits(99)).rejects.toThrow(ExternalError);
    await expect(githubRunbookTracker(clientFor(sim), { owner: "acme", repo: "app" }).bodyEdits(99)).rejects.toThrow(/edit history of #99 in acme\/app/);
  });
});
