/**
 * Security rules for GitHub Actions workflows, beside actionlint (which checks syntax and types, not these). The
 * classes follow zizmor's audits: template injection, credential persistence, unpinned actions, excessive
 * permissions, dangerous triggers and inherited secrets. Pure: a workflow's parsed YAML in, problems out.
 */

export interface WorkflowProblem {
  rule: "template-injection" | "credential-persistence" | "unpinned-uses" | "excessive-permissions" | "dangerous-trigger" | "secrets-inherit";
  where: string;
  message: string;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  secrets?: unknown;
}

interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

/**
 * Triggers that run with a write token or secrets on behalf of someone else's code (zizmor: dangerous-triggers).
 * `workflow_run` is dangerous only when the workflow checks out code or runs a script: a follow-up that only calls
 * a pinned action reading the API (the approvals fork follow-up) runs nothing of the triggering run.
 */
const DANGEROUS_TRIGGERS = ["pull_request_target", "workflow_run"];

function runsCode(workflow: Workflow): boolean {
  return Object.values(workflow.jobs ?? {}).some((job) => (job.steps ?? []).some((step) => step.run !== undefined || /^actions\/checkout@/.test(step.uses ?? "")));
}
/** Inputs of actions that evaluate their text as code. */
const SCRIPT_INPUTS: Record<string, string[]> = { "actions/github-script": ["script"] };
const PINNED = /@[0-9a-f]{40}$/;

function triggersOf(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === "object") return Object.keys(on);
  return [];
}

function writes(permissions: unknown): boolean {
  if (permissions === "write-all") return true;
  if (!permissions || typeof permissions !== "object") return false;
  return Object.values(permissions).some((level) => level === "write");
}

/**
 * The problems of one workflow. `allowUses(uses)` says which references need no SHA (shipgate's own actions in
 * starter templates, released with them).
 */
export function lintWorkflow(workflow: Workflow, file: string, options: { allowUses?: (uses: string) => boolean } = {}): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (rule: WorkflowProblem["rule"], where: string, message: string): void => {
    problems.push({ rule, where: `${file}: ${where}`, message });
  };
  for (const trigger of triggersOf(workflow.on)) {
    if (trigger === "workflow_run" && !runsCode(workflow)) continue;
    if (DANGEROUS_TRIGGERS.includes(trigger)) add("dangerous-trigger", `on.${trigger}`, `${trigger} runs with the base repository's token and secrets for code it did not review`);
  }
  if (workflow.permissions === undefined) add("excessive-permissions", "permissions", "no top-level permissions: every job would get the repository's default token permissions");
  else if (workflow.permissions === "write-all" || workflow.permissions === "read-all" || writes(workflow.permissions)) {
    add("excessive-permissions", "permissions", "top-level permissions must grant no write (and not read-all): each job asks for what it needs");
  }
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === "write-all" || job.permissions === "read-all") add("excessive-permissions", `jobs.${id}.permissions`, `${String(job.permissions)} grants every scope; name the scopes the job needs`);
    if (job.secrets === "inherit") add("secrets-inherit", `jobs.${id}.secrets`, "secrets: inherit hands every secret to the called workflow; pass the ones it needs");
    if (job.uses && !job.uses.startsWith("./") && !PINNED.test(job.uses) && !options.allowUses?.(job.uses)) add("unpinned-uses", `jobs.${id}.uses`, `${job.uses} is not pinned by a full commit SHA`);
    (job.steps ?? []).forEach((step, index) => {
      const where = `jobs.${id}.steps[${index}]${step.name ? ` (${step.name})` : ""}`;
      if (step.run && /\$\{\{/.test(step.run)) add("template-injection", `${where}.run`, "an expression inside a run script is pasted into the shell before it runs: pass it through env:");
      const uses = step.uses ?? "";
      const action = uses.replace(/@.*$/, "");
      for (const input of SCRIPT_INPUTS[action] ?? []) {
        const code = step.with?.[input];
        if (typeof code === "string" && /\$\{\{/.test(code)) add("template-injection", `${where}.with.${input}`, `an expression inside ${action}'s ${input} becomes code: pass it through env:`);
      }
      if (uses && !uses.startsWith("./") && !uses.startsWith("docker://") && !PINNED.test(uses) && !options.allowUses?.(uses)) add("unpinned-uses", `${where}.uses`, `${uses} is not pinned by a full commit SHA`);
      if (action === "actions/checkout" && String(step.with?.["persist-credentials"]) !== "false") {
        add("credential-persistence", where, "actions/checkout leaves the token in .git/config for every later step: set persist-credentials: false");
      }
    });
  }
  return problems;
}
