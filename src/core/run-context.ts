import { readFileSync } from "node:fs";
import { UserError } from "./errors.ts";

/** What the runner tells an action about the workflow run, read once from the environment. */
export interface RunContext {
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  eventName: string;
  /** The webhook payload of the triggering event ({} when there is none). */
  event: Record<string, unknown>;
  apiUrl: string;
  serverUrl: string;
  graphqlUrl: string;
  runId: string;
  actor: string;
  workspace: string;
  workflow: string;
}

export interface PullRequestInfo {
  number: number;
  baseSha: string;
  headSha: string;
  /** The base branch's name, e.g. "main" (empty when the payload lacks it). */
  baseRef: string;
  /** True when the head repository differs from the base: the token is read-only there. */
  fromFork: boolean;
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner = "", repo = ""] = repository.split("/");
  let event: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new UserError(`cannot read the event payload GITHUB_EVENT_PATH=${eventPath}: ${(error as Error).message}`);
    }
  }
  const apiUrl = (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  return {
    owner,
    repo,
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    eventName: env.GITHUB_EVENT_NAME ?? "",
    event,
    apiUrl,
    serverUrl: (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, ""),
    graphqlUrl: (env.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`).replace(/\/+$/, ""),
    runId: env.GITHUB_RUN_ID ?? "",
    actor: env.GITHUB_ACTOR ?? "",
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    workflow: env.GITHUB_WORKFLOW ?? "",
  };
}

interface PullRequestPayload {
  number?: number;
  base?: { sha?: string; ref?: string; repo?: { full_name?: string } };
  head?: { sha?: string; repo?: { full_name?: string } };
}

/** The pull request of a pull_request / pull_request_target event, or undefined for other events. */
export function pullRequestOf(context: RunContext): PullRequestInfo | undefined {
  const pr = context.event.pull_request as PullRequestPayload | undefined;
  if (!pr || typeof pr.number !== "number" || !pr.base?.sha || !pr.head?.sha) return undefined;
  const baseRepo = pr.base.repo?.full_name;
  const headRepo = pr.head.repo?.full_name;
  return {
    number: pr.number,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref ?? "",
    headSha: pr.head.sha,
    fromFork: Boolean(baseRepo && headRepo && baseRepo !== headRepo),
  };
}
