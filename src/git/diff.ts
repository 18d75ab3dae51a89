import { UserError } from "../core/errors.ts";
import { runGit } from "./run-git.ts";
import { parseUnifiedDiff, type ChangedLines } from "./unified-diff.ts";

/** Whether a commit is present in the local clone (a shallow checkout may lack the base). */
export async function hasCommit(cwd: string, ref: string): Promise<boolean> {
  if (!ref || ref.startsWith("-")) return false;
  const result = await runGit(cwd, ["cat-file", "-e", `${ref}^{commit}`]);
  return result.exitCode === 0;
}

/** Lines that head adds or changes relative to the merge base of base and head (what a pull request shows). */
export async function changedLinesBetween(cwd: string, base: string, head: string): Promise<ChangedLines> {
  for (const ref of [base, head]) {
    // A ref that starts with "-" would be read by git as an option.
    if (!ref || ref.startsWith("-")) throw new UserError(`not a usable git ref: "${ref}"`);
  }
  const result = await runGit(cwd, ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--find-renames", `${base}...${head}`, "--"]);
  if (result.exitCode !== 0) {
    throw new UserError(`cannot diff ${base}...${head} in ${cwd}: ${result.stderr.trim().split("\n")[0] ?? "git diff failed"}`);
  }
  return parseUnifiedDiff(result.stdout);
}
