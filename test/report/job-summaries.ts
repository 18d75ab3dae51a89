/**
 * The job summaries of the version, changelog, release, release-branch and incident actions, made the way a
 * workflow run makes them: each action's inputs read from the environment, its use case run on a real git
 * repository and the API simulator, its outcome presented and rendered by the same summary renderer as the runner's.
 * The release body and the release pull request body are the ones those runs posted to the simulator.
 */
import { presentAction } from "../../src/actions/run-action.ts";
import type { AnyCapability } from "../../src/core/capability.ts";
import { changelogDoor } from "../../src/changelog/door.ts";
import { incidentDoor } from "../../src/incident/door.ts";
import type { Policy } from "../../src/policy/types.ts";
import { releaseBranchDoor } from "../../src/release-branch/door.ts";
import { releaseDoor } from "../../src/release/door.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import { versionDoor } from "../../src/version/door.ts";
import { mirror } from "../release/mirror.ts";
import { startSimulator } from "../simulator/index.ts";
import { TestRepo } from "../support/git-repo.ts";
import type { Artefact } from "./gallery.ts";


const REPOSITORY = "octo-org/octo-repo";
const RUN_ID = "7012345678";

/** Commit subjects of the release; the last must read as written, `__init__` not as bold "init". */
const RELEASE_COMMITS = [
  "feat(api): stream deploy logs (#41)",
  "fix(window): the freeze that ends at midnight (#39)",
  "feat!: drop Node 20\n\nBREAKING CHANGE: Node 24 is required.",
  "fix: __init__ files count again (#38)",
];

const AS_WRITTEN = ["__init__ files count again"];

const POLICY = ["windows:", "  timezone: Europe/Paris", "incidents:", "  on-call: [alice]", ""].join("\n");

function inputs(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
}

async function summaryOf(door: AnyCapability<Policy>, env: NodeJS.ProcessEnv): Promise<string> {
  const { invocation, shown } = await presentAction(door, env);
  return summaryMarkdown(shown.results, { notes: shown.notes ?? [], run: invocation.run });
}

export async function workflowArtefacts(): Promise<Artefact[]> {
  const sim = await startSimulator({ tokens: { writer: "write" } });
  const repo = await TestRepo.create();
  try {
    await repo.commit("chore: initial", { "package.json": '{\n  "name": "octo-repo",\n  "version": "1.4.0"\n}\n', ".github/shipgate.yml": POLICY });
    await repo.tag("v1.4.0", { annotated: true });
    let head = "";
    for (const message of RELEASE_COMMITS) head = await repo.commit(message);
    await repo.checkout("develop", { create: true });
    await repo.commit("feat(deploy): canary steps (#44)");
    await repo.checkout("main");
    await mirror(sim, REPOSITORY, repo);
    sim.state.addWorkflowJob(REPOSITORY, { runId: Number(RUN_ID), name: "deploy (production)", conclusion: "failure", headSha: head, steps: [{ name: "Check out" }, { name: "Roll out", conclusion: "failure" }] });

    const env = {
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_API_URL: sim.url,
      GITHUB_RUN_ID: RUN_ID,
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: "Release",
      GITHUB_SHA: head,
      GITHUB_REF: "refs/heads/main",
      GITHUB_REF_NAME: "main",
      GITHUB_EVENT_NAME: "push",
      GITHUB_ACTOR: "octocat",
      GITHUB_WORKSPACE: repo.dir,
      SHIPGATE_NO_WRITE_SPACING: "1",
      SHIPGATE_RETRY_AFTER_BASE_MS: "1",
    };
    const summary = async (name: string, door: AnyCapability<Policy>, extra: Record<string, string>): Promise<Artefact> => ({
      name: `${name}-summary`,
      kind: "summary",
      markdown: await summaryOf(door, { ...env, ...extra }),
      ...(["changelog", "release", "release-branch"].includes(name) ? { fileNames: AS_WRITTEN } : {}),
    });
    const summaries = [
      await summary("version", versionDoor, {}),
      await summary("changelog", changelogDoor, {}),
      await summary("release", releaseDoor, inputs({ token: "writer" })),
      await summary("release-branch", releaseBranchDoor, { GITHUB_REF: "refs/heads/develop", GITHUB_REF_NAME: "develop", ...inputs({ mode: "start", token: "writer" }) }),
      await summary("incident", incidentDoor, { GITHUB_WORKFLOW: "Deploy", ...inputs({ mode: "failure", token: "writer", environment: "production", at: "2026-12-02T10:05:00Z" }) }),
    ];
    const state = sim.state.repo(...(REPOSITORY.split("/") as [string, string]))!;
    const [release] = state.releases.list();
    const [pull] = state.pulls.list();
    return [
      ...summaries,
      { name: "release-body", kind: "release", markdown: release!.body ?? "", fileNames: AS_WRITTEN },
      { name: "release-pull-request", kind: "pull-request", markdown: pull!.body ?? "", fileNames: AS_WRITTEN },
    ];
  } finally {
    await sim.close();
    await repo.remove();
  }
}
