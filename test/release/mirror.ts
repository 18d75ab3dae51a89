import type { TestRepo } from "../support/git-repo.ts";
import type { Simulator } from "../simulator/index.ts";

/**
 * Copies a real git repository's commits (same shas, parents, messages and file contents), branches and tags
 * into the simulator, so that the API and the checkout agree as they do on GitHub.
 */
export async function mirror(sim: Simulator, fullName: string, repo: TestRepo): Promise<void> {
  const state = sim.state.repo(...(fullName.split("/") as [string, string])) ?? sim.state.addRepo(fullName);
  const log = await repo.git(["log", "--all", "--reverse", "--topo-order", "--format=%H %P%x00%B%x01"]);
  for (const record of log.split("\x01").map((r) => r.trim()).filter(Boolean)) {
    const [ids = "", message = ""] = record.split("\x00");
    const [sha = "", ...parents] = ids.trim().split(" ").filter(Boolean);
    if (state.commits.has(sha)) continue;
    const names = (await repo.git(["ls-tree", "-r", "--name-only", sha])).split("\n").filter(Boolean);
    const contents: Record<string, string | null> = {};
    for (const name of names) contents[name] = await repo.git(["show", `${sha}:${name}`]);
    const parentTree = parents[0] ? state.trees.get(state.commits.get(parents[0])?.tree ?? "") : undefined;
    for (const name of parentTree?.keys() ?? []) if (!(name in contents)) contents[name] = null;
    sim.state.addCommit(fullName, { sha, parents, message: message.trim(), contents });
  }
  const refs = await repo.git(["for-each-ref", "--format=%(refname) %(objectname) %(*objectname)", "refs/heads", "refs/tags"]);
  for (const line of refs.split("\n").filter(Boolean)) {
    const [name = "", object = "", peeled = ""] = line.split(" ");
    sim.state.setRef(fullName, name, peeled || object);
  }
}
