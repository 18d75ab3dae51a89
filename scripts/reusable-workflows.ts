/**
 * Reusable workflows are generated from the starter templates, so the two can never disagree: the template's
 * trigger becomes `workflow_call`, and every `with:` value of a shipgate step becomes an input whose default is
 * the template's value. `npm run docs` writes them; a test checks they are current.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";

export const root = path.resolve(import.meta.dirname, "..");
/** Templates that have a reusable twin in .github/workflows/ under the same file name. */
export const reusableTemplates = ["pr-gates.yml"];

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, string>;
}

/** Where a reusable workflow checks shipgate out, at its own commit. */
export const SELF_PATH = ".shipgate";
/**
 * The called workflow's own repository and commit (the github context is the caller's). Should a GitHub not
 * name the commit, checkout fails on this ref's name instead of silently taking the default branch.
 */
export const SELF_CHECKOUT = {
  repository: "${{ job.workflow_repository }}",
  ref: "${{ job.workflow_sha || 'this-github-does-not-name-job.workflow_sha' }}",
  path: SELF_PATH,
  "persist-credentials": "false",
};

/**
 * A called workflow's `uses: shipgate/shipgate@v1` would run whatever v1 points to now, even for a caller that
 * pinned the reusable workflow by SHA: shipgate is checked out at the called workflow's own commit instead and
 * its actions run from there.
 */
function atCalledCommit(steps: Step[], checkout: string): Step[] {
  const out: Step[] = [];
  let checkedOut = false;
  for (const step of steps) {
    if (!step.uses?.startsWith("shipgate/shipgate")) {
      out.push(step);
      continue;
    }
    if (!checkedOut) out.push({ name: "Check out shipgate at this workflow's commit", uses: checkout, with: { ...SELF_CHECKOUT } });
    checkedOut = true;
    out.push({ ...step, uses: `./${SELF_PATH}${step.uses.replace(/^shipgate\/shipgate/, "").replace(/@.*$/, "")}` });
  }
  return out;
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, { steps: Step[] }>;
  [key: string]: unknown;
}

/** `uses: X # vX.Y.Z` of the template: the version comment of each pin, which a YAML round trip drops. */
function pinComments(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^\s*-?\s*uses:\s*(\S+)\s+(#\s*v\d+\.\d+\.\d+)\s*$/gm)].map((m) => [m[1]!, m[2]!]));
}

export async function reusableFromTemplate(file: string): Promise<string> {
  const text = await readFile(path.join(root, "workflows-templates", file), "utf8");
  const template = parse(text) as Workflow;
  const comments = pinComments(text);
  const inputs: Record<string, { description: string; type: "string"; required: false; default: string }> = {};
  for (const job of Object.values(template.jobs)) {
    for (const step of job.steps) {
      if (!step.uses?.startsWith("shipgate/shipgate") || !step.with) continue;
      for (const [name, value] of Object.entries(step.with)) {
        inputs[name] = { description: `The \`${name}\` input of ${step.uses.replace(/@.*/, "")} (default as in the starter template).`, type: "string", required: false, default: String(value) };
        step.with[name] = `\${{ inputs.${name} }}`;
      }
    }
  }
  for (const job of Object.values(template.jobs)) {
    const checkout = job.steps.find((step) => step.uses?.startsWith("actions/checkout@"))?.uses;
    if (checkout) job.steps = atCalledCommit(job.steps, checkout);
  }
  const { name, on: _templateTrigger, ...rest } = template;
  const reusable = { name, on: { workflow_call: { inputs } }, ...rest };
  const header = `# Generated from workflows-templates/${file} by \`npm run docs\`; edit the template, not this file.\n# Call it with: jobs.<id>.uses: shipgate/shipgate/.github/workflows/${file}@v1\n`;
  const body = stringify(reusable, { lineWidth: 0 }).replace(/^(\s*-?\s*uses:\s*)(\S+)$/gm, (line, lead: string, uses: string) => (comments.has(uses) ? `${lead}${uses} ${comments.get(uses)}` : line));
  return header + body;
}
