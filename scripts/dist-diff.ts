/** Compares a fresh build with the committed dist/: the runner executes dist/ straight from the repository. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(import.meta.dirname, "..");

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), relative)));
    else files.push(relative);
  }
  return files.sort();
}

/** The files that differ between dist/ and a fresh build (empty when dist/ is current). */
export async function distDifferences(): Promise<string[]> {
  const outdir = await mkdtemp(path.join(tmpdir(), "shipgate-dist-"));
  try {
    await promisify(execFile)(process.execPath, [path.join(root, "scripts/build.ts"), "--outdir", outdir], { cwd: root });
    const [built, committed] = await Promise.all([listFiles(outdir), listFiles(path.join(root, "dist"))]);
    const differences = new Set([...built.filter((f) => !committed.includes(f)), ...committed.filter((f) => !built.includes(f))]);
    for (const file of built.filter((f) => committed.includes(f))) {
      const [a, b] = await Promise.all([readFile(path.join(outdir, file)), readFile(path.join(root, "dist", file))]);
      if (!a.equals(b)) differences.add(file);
    }
    return [...differences].sort();
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
