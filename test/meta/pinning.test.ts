/**
 * One pinning style in every workflow, template and document a user copies from: a third-party action by the full
 * commit SHA with its `# vX.Y.Z` comment (the same version of an action everywhere), shipgate's own actions and
 * reusable workflows by the major tag its release workflow moves (`shipgate/shipgate...@v1`), and no placeholder
 * left for the reader to fill in.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

async function filesOf(dir: string, ext: RegExp): Promise<string[]> {
  return (await readdir(path.join(root, dir))).filter((name) => ext.test(name)).map((name) => path.posix.join(dir, name));
}

const files = [
  "README.md",
  ...(await filesOf("docs", /\.md$/)),
  ...(await filesOf(".github/workflows", /\.ya?ml$/)),
  ...(await filesOf("workflows-templates", /\.ya?ml$/)),
].sort();

interface Use {
  where: string;
  ref: string;
  comment: string;
}

async function usesOf(file: string): Promise<Use[]> {
  const lines = (await readFile(path.join(root, file), "utf8")).split("\n");
  return lines.flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$/.exec(line);
    return match ? [{ where: `${file}:${index + 1}`, ref: match[1]!, comment: (match[2] ?? "").trim() }] : [];
  });
}

const uses = (await Promise.all(files.map(usesOf))).flat();
const thirdParty = uses.filter((use) => !use.ref.startsWith("./") && !use.ref.startsWith("shipgate/shipgate"));

describe("pinning in workflows, templates and docs", () => {
  it("finds the references", () => {
    expect(thirdParty.length).toBeGreaterThan(10);
    expect(uses.length - thirdParty.length).toBeGreaterThan(10);
  });

  it.each(files)("%s has no placeholder", async (file) => {
    const text = await readFile(path.join(root, file), "utf8");
    expect(text).not.toMatch(/<full[ -]sha>|uses:[ \t]*\S*@<|OWNER\/shipgate|uses:[ \t]*OWNER\//i);
  });

  it("pins every third-party action by full commit SHA with its # vX.Y.Z", () => {
    const unpinned = thirdParty.filter((use) => !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(use.ref) || !/^# v\d+\.\d+\.\d+(\s|$)/.test(use.comment));
    expect(unpinned.map((use) => `${use.where}: ${use.ref} ${use.comment}`)).toEqual([]);
  });

  it("uses one version of each action everywhere", () => {
    const versions = new Map<string, Set<string>>();
    for (const use of thirdParty) {
      const [action, sha] = use.ref.split("@") as [string, string];
      const repository = action.split("/").slice(0, 2).join("/");
      const seen = versions.get(repository) ?? new Set<string>();
      seen.add(`${sha} ${use.comment.split(/\s+/)[1]}`);
      versions.set(repository, seen);
    }
    const mixed = [...versions].filter(([, seen]) => seen.size > 1).map(([repository, seen]) => `${repository}: ${[...seen].join(", ")}`);
    expect(mixed).toEqual([]);
  });

  it("refers to shipgate itself as shipgate/shipgate at the major tag v1", () => {
    const own = uses.filter((use) => use.ref.startsWith("shipgate/shipgate"));
    expect(own.filter((use) => !/^shipgate\/shipgate(\/[\w./-]+)?@v1$/.test(use.ref)).map((use) => `${use.where}: ${use.ref}`)).toEqual([]);
  });
});
