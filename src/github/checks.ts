import type { Octokit } from "./client.ts";
import { isHttpStatus, isRateLimited, toExternalError } from "./client.ts";
import type { CheckRunOutput } from "../report/check-run.ts";
import { capText, GITHUB_LIMITS } from "../report/limits.ts";

export interface CheckRunTarget {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  detailsUrl?: string;
}

export type CheckRunWrite = { written: true; id: number; url: string } | { written: false; reason: string };

/**
 * Writes a completed check run, sending annotations 50 per request. A token that may not write checks
 * (fork pull requests get a read-only GITHUB_TOKEN), or an API that fails after retries, is reported, not thrown:
 * the verdict never depends on the check run.
 */
export async function writeCheckRun(octokit: Octokit, target: CheckRunTarget, output: CheckRunOutput): Promise<CheckRunWrite> {
  const [first = [], ...rest] = output.batches;
  // checkRunOutput cut the summary already; this is the last guard before GitHub (a cut text stays as it is).
  const summary = capText(output.summary, GITHUB_LIMITS.checkRunSummary, "the job summary of the run");
  try {
    const created = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name: target.name,
      head_sha: target.headSha,
      status: "completed",
      conclusion: output.conclusion,
      ...(target.detailsUrl ? { details_url: target.detailsUrl } : {}),
      output: { title: output.title, summary, annotations: first },
    });
    for (const batch of rest) {
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: Number(created.data.id),
        output: { title: output.title, summary, annotations: batch },
      });
    }
    return { written: true, id: Number(created.data.id), url: created.data.html_url ?? "" };
  } catch (error) {
    if (isHttpStatus(error, 403, 404) && !isRateLimited(error)) {
      return { written: false, reason: "the token may not write check runs (a pull request from a fork gets a read-only token)" };
    }
    return { written: false, reason: toExternalError(error, `writing check run "${target.name}"`).message };
  }
}
