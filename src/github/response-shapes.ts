/**
 * The parts of each GitHub answer that shipgate's adapters read, checked before they read them: a proxy, a broken
 * GitHub Enterprise Server or a truncated answer then ends the run with exit 3 naming the request, instead of a
 * TypeError deep inside a gate (exit 4). Only what the code reads is required; everything else may vary.
 *
 * A shape is a list of paths: `number` a field that must be present (not undefined), `head.sha` a nested one,
 * `[]` the answer itself is an array, `[].number` a field of every item, `check_runs[]` a field that is an array,
 * `check_runs[].name` a field of each of its items. Present means not undefined: null is GitHub's "none".
 */
const SHAPES: Record<string, readonly string[]> = {
  "GET /repos/{owner}/{repo}/issues": ["[]", "[].number", "[].title", "[].labels[]", "[].state"],
  "POST /repos/{owner}/{repo}/issues": ["number", "title", "state", "labels[]"],
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": ["number", "title", "state", "labels[]"],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": ["[]"],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": ["[]", "[].id", "[].body"],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": ["id", "html_url"],
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": ["id", "html_url"],
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": ["check_runs[]", "check_runs[].id", "check_runs[].name", "check_runs[].status"],
  "POST /repos/{owner}/{repo}/check-runs": ["id"],
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": ["id"],
  "GET /repos/{owner}/{repo}/commits/{ref}/statuses": ["[]", "[].context", "[].state"],
  "GET /repos/{owner}/{repo}/deployments": ["[]", "[].id", "[].environment"],
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": ["[]", "[].state"],
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": ["[]", "[].number"],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": ["[]", "[].filename"],
  "GET /repos/{owner}/{repo}/pulls": ["[]", "[].number", "[].head.ref", "[].base.ref"],
  "POST /repos/{owner}/{repo}/pulls": ["number", "head.ref", "base.ref"],
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": ["number", "head.ref", "base.ref"],
  "GET /repos/{owner}/{repo}/releases": ["[]", "[].id", "[].tag_name"],
  "POST /repos/{owner}/{repo}/releases": ["id", "tag_name"],
  "PATCH /repos/{owner}/{repo}/releases/{release_id}": ["id", "tag_name"],
  "GET /repos/{owner}/{repo}/git/ref/{ref}": ["object.sha", "object.type"],
  "POST /repos/{owner}/{repo}/git/refs": ["object.sha"],
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": ["object.sha"],
  "GET /repos/{owner}/{repo}/git/tags/{tag_sha}": ["object.sha", "object.type"],
  "POST /repos/{owner}/{repo}/git/tags": ["sha"],
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": ["sha", "tree.sha"],
  "POST /repos/{owner}/{repo}/git/commits": ["sha"],
  "POST /repos/{owner}/{repo}/git/trees": ["sha"],
  "POST /repos/{owner}/{repo}/git/blobs": ["sha"],
  "GET /repos/{owner}/{repo}/compare/{basehead}": ["ahead_by"],
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs": ["jobs[]", "jobs[].name"],
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs": ["jobs[]", "jobs[].name"],
  "GET /repos/{owner}/{repo}": ["owner.type"],
  "GET /repos/{owner}/{repo}/collaborators": ["[]", "[].login"],
  "GET /repos/{owner}/{repo}/teams": ["[]", "[].slug", "[].permission"],
  "GET /orgs/{org}/members": ["[]", "[].login"],
  "GET /repos/{owner}/{repo}/keys": ["[]", "[].id", "[].title", "[].read_only", "[].created_at"],
  "GET /repos/{owner}/{repo}/actions/secrets": ["secrets[]", "secrets[].name", "secrets[].updated_at"],
  "GET /repos/{owner}/{repo}/actions/organization-secrets": ["secrets[]", "secrets[].name", "secrets[].updated_at"],
  "GET /repos/{owner}/{repo}/dependabot/secrets": ["secrets[]", "secrets[].name", "secrets[].updated_at"],
  "GET /repos/{owner}/{repo}/environments": ["environments[]", "environments[].name"],
  "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets": ["secrets[]", "secrets[].name", "secrets[].updated_at"],
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies": ["branch_policies[]", "branch_policies[].name"],
  "POST /graphql": ["data"],
};

interface CompiledShape {
  method: string;
  pattern: RegExp;
  paths: readonly string[];
}

const COMPILED: CompiledShape[] = Object.entries(SHAPES).map(([route, paths]) => {
  const [method = "", template = ""] = route.split(" ");
  const source = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  // {ref} of git/ref and commits/{ref} may contain slashes (heads/release/1.2); other parameters may not.
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pattern = new RegExp(`^${source.map((part, i) => (i < names.length ? part + (names[i] === "ref" ? ".+" : "[^/]+") : part)).join("")}$`);
  return { method, pattern, paths };
});

/** The shape of the answer to `method path` (path without query, relative to the API root), if shipgate reads one. */
export function shapeOf(method: string, path: string): readonly string[] | undefined {
  return COMPILED.find((shape) => shape.method === method && shape.pattern.test(path))?.paths;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The values a path of steps reaches from `value`, or the step at which it broke. */
function walk(values: unknown[], steps: string[], done: string[]): string | undefined {
  if (steps.length === 0) return undefined;
  const [step = "", ...rest] = steps;
  const array = step.endsWith("[]");
  const name = array ? step.slice(0, -2) : step;
  const here = [...done, step].join(".").replace(/\.\[\]/g, "[]");
  const next: unknown[] = [];
  for (const value of values) {
    let field: unknown = value;
    if (name !== "") {
      if (!isObject(value)) return `${[...done].join(".") || "the answer"} is not an object`;
      field = value[name];
      if (field === undefined) return `${here.replace(/\[\]$/, "")} is missing`;
    }
    if (array) {
      if (!Array.isArray(field)) return `${here.replace(/\[\]$/, "") || "the answer"} is not a list`;
      next.push(...field);
    } else next.push(field);
  }
  return walk(next, rest, [...done, step]);
}

/** What in `data` does not have the shape, in words ("labels is not a list"), or undefined when it has it. */
export function shapeProblem(data: unknown, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    const steps = path.split(".");
    const problem = walk([data], steps, []);
    if (problem) return problem;
  }
  return undefined;
}
