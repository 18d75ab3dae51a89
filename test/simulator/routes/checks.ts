import { HttpError, notFound, validationFailed } from "../route.ts";
import type { RouteContext, RouteTable } from "../route.ts";
import { checkRun } from "../representations.ts";
import type { CheckAnnotationRecord, CheckRun } from "../state.ts";

interface CheckRunBody {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: CheckAnnotationRecord[] };
}

function findRun(context: RouteContext): CheckRun {
  const run = context.repo().checkRuns.get(context.params.check_run_id as number);
  if (!run) throw notFound();
  return run;
}

/** Status, conclusion and output as GitHub applies them: a conclusion completes the run; annotations append. */
function apply(context: RouteContext, run: CheckRun, body: CheckRunBody): void {
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  if (body.started_at !== undefined) run.startedAt = body.started_at;
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed" && run.conclusion === null) {
    throw validationFailed("CheckRun", "conclusion", "missing_field", "conclusion is required when status is completed");
  }
  if (run.status === "completed") run.completedAt = body.completed_at ?? run.completedAt ?? context.state.now();
  if (body.output) {
    if (body.output.title !== undefined) run.output.title = body.output.title;
    if (body.output.summary !== undefined) run.output.summary = body.output.summary;
    if (body.output.text !== undefined) run.output.text = body.output.text;
    run.annotations.push(...(body.output.annotations ?? []));
  }
  run.writes++;
}

export const checksRoutes: RouteTable = {
  "checks/create": (context) => {
    const repo = context.repo();
    const body = context.body as CheckRunBody & { name: string; head_sha: string };
    const headSha = repo.resolveRef(body.head_sha);
    if (!headSha || headSha !== body.head_sha) {
      throw validationFailed("CheckRun", "head_sha", "invalid", `No commit found for SHA: ${body.head_sha}`);
    }
    const run: CheckRun = {
      id: context.state.id(),
      name: body.name,
      headSha,
      status: "queued",
      conclusion: null,
      detailsUrl: null,
      externalId: null,
      startedAt: context.state.now(),
      completedAt: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      writes: 0,
    };
    apply(context, run, body);
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: checkRun(context.state, context.urls, repo, run) };
  },

  "checks/update": (context) => {
    const run = findRun(context);
    apply(context, run, context.body as CheckRunBody);
    return { status: 200, body: checkRun(context.state, context.urls, context.repo(), run) };
  },

  "checks/get": (context) => ({ status: 200, body: checkRun(context.state, context.urls, context.repo(), findRun(context)) }),

  "checks/list-annotations": (context) => {
    const run = findRun(context);
    const blobBase = `${context.urls.html}/${context.repo().repo.fullName}/blob/${run.headSha}`;
    const page = context.paginate(run.annotations);
    return {
      status: 200,
      body: page.map((a) => ({
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line,
        start_column: a.start_column ?? null,
        end_column: a.end_column ?? null,
        annotation_level: a.annotation_level,
        title: a.title ?? null,
        message: a.message,
        raw_details: a.raw_details ?? null,
        blob_href: `${blobBase}/${a.path}`,
      })),
    };
  },

  "checks/list-for-ref": (context) => {
    const repo = context.repo();
    const sha = repo.resolveRef(context.params.ref as string);
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${String(context.params.ref)}`);
    const { check_name: name, status, filter } = context.query as { check_name?: string; status?: string; filter?: string };
    let runs = repo.checkRuns.list((run) => run.headSha === sha && (name === undefined || run.name === name) && (status === undefined || run.status === status));
    if (filter !== "all") {
      // "latest" (the default) keeps the most recent run of each name.
      const latest = new Map<string, CheckRun>();
      for (const run of runs) latest.set(run.name, run);
      runs = [...latest.values()];
    }
    runs.reverse();
    const page = context.paginate(runs);
    return { status: 200, body: { total_count: runs.length, check_runs: page.map((run) => checkRun(context.state, context.urls, repo, run)) } };
  },
};
