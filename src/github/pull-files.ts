import type { Octokit } from "./client.ts";
import { toExternalError } from "./client.ts";
import { pagesOf } from "./paging.ts";
import { addedLinesOfPatch, type ChangedLines } from "../git/unified-diff.ts";

/**
 * Changed lines of a pull request from the files API (up to 3000 files, 100 per page). Files whose patch
 * GitHub leaves out (binary, or too large) are listed apart.
 */
export async function changedLinesOfPullRequest(
  octokit: Octokit,
  target: { owner: string; repo: string; number: number },
): Promise<{ changed: ChangedLines; withoutPatch: string[] }> {
  const changed: ChangedLines = new Map();
  const withoutPatch: string[] = [];
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: target.owner, repo: target.repo, pull_number: target.number, per_page: 100 }, pagesOf(30));
    for (const file of files) {
      if (file.status === "removed") continue;
      if (file.patch === undefined) withoutPatch.push(file.filename);
      else changed.set(file.filename, addedLinesOfPatch(file.patch));
    }
  } catch (error) {
    throw toExternalError(error, `listing the files of pull request #${target.number}`);
  }
  return { changed, withoutPatch };
}
