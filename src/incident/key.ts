/**
 * The deduplication key: a template over a fixed set of fields of the run, e.g. "{workflow}/{environment}".
 * Substitution is plain string work; the values (untrusted names) never reach a regular expression.
 */
import { UserError } from "../core/errors.ts";
import { KEY_FIELDS, KEY_TEMPLATE_PATTERN, type KeyField } from "../core/key-template.ts";
import type { RunInfo } from "./model.ts";

const MAX_KEY_LENGTH = 500;

const TEMPLATE = new RegExp(KEY_TEMPLATE_PATTERN);

/** The key of a run's incident: its subject's, else the policy's template over the run. */
export function incidentKey(template: string, run: Pick<RunInfo, KeyField | "subject">): string {
  return run.subject ? run.subject.key : renderKey(template, run);
}

export function renderKey(template: string, run: Pick<RunInfo, KeyField>, where = "incidents.dedup-key"): string {
  if (!TEMPLATE.test(template)) throw new UserError(`${where}: "${template}" is not a key template; use text and ${KEY_FIELDS.map((f) => `{${f}}`).join(", ")}`);
  let key = "";
  let rest = template;
  while (rest.length > 0) {
    const open = rest.indexOf("{");
    if (open < 0) {
      key += rest;
      break;
    }
    key += rest.slice(0, open);
    // The template matched TEMPLATE: every "{" opens a known field closed by the next "}".
    const close = rest.indexOf("}", open);
    key += run[rest.slice(open + 1, close) as KeyField];
    rest = rest.slice(close + 1);
  }
  if (key.trim() === "") throw new UserError(`${where}: the key "${template}" is empty for this run; give the fields it uses (e.g. the environment)`);
  return key.slice(0, MAX_KEY_LENGTH);
}
