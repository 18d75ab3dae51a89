import * as core from "@actions/core";
import { EXIT, ExternalError, UserError, messageOf } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import { readRunContext, type RunContext } from "../github/context.ts";
import { ActionInputs } from "./inputs.ts";
import { publishResults } from "./publish.ts";

export interface ActionContext {
  action: string;
  inputs: ActionInputs;
  run: RunContext;
  env: NodeJS.ProcessEnv;
  now: Date;
  log: (message: string) => void;
  warn: (message: string) => void;
}

/** What an action's use case hands back: gate results to publish, and plain outputs for non-gate actions. */
export interface ActionOutcome {
  results: GateResult[];
  outputs?: Record<string, string | number | boolean>;
  /** The check run's name; none is written when absent. */
  checkName?: string;
  /** Lines the summary ends with (e.g. why no PR comment was written). */
  notes?: string[];
  /** Fails the step even without a failed gate (e.g. a release that could not finish). */
  failed?: string;
}

export interface ActionDefinition<Settings> {
  /** The action's name as users know it, e.g. "coverage-gate". */
  name: string;
  /** Reads and validates every input (and the policy file) once; throws UserError on bad input. */
  readSettings(context: ActionContext): Promise<Settings> | Settings;
  run(settings: Settings, context: ActionContext): Promise<ActionOutcome>;
}

/**
 * Runs one action: the single place that catches. A gate that fails is a verdict (exit 1 with the gate's title);
 * bad input or configuration, an external failure and an internal bug each get a message naming the action.
 */
export async function runAction<Settings>(definition: ActionDefinition<Settings>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const token = env["INPUT_TOKEN"]?.trim();
    if (token) core.setSecret(token);
    const context: ActionContext = {
      action: definition.name,
      inputs: new ActionInputs(env),
      run: readRunContext(env),
      env,
      now: new Date(),
      log: (message) => core.info(message),
      warn: (message) => core.warning(message),
    };
    const settings = await definition.readSettings(context);
    const outcome = await definition.run(settings, context);
    const verdict = await publishResults(outcome, context);
    if (outcome.failed) core.setFailed(`${definition.name}: ${outcome.failed}`);
    else if (verdict) core.setFailed(`${definition.name}: ${verdict}`);
  } catch (error) {
    if (error instanceof UserError) {
      core.setFailed(`${definition.name}: configuration error: ${error.message}`);
      process.exitCode = EXIT.userError;
    } else if (error instanceof ExternalError) {
      core.setFailed(`${definition.name}: ${error.message}`);
      process.exitCode = EXIT.externalError;
    } else {
      core.setFailed(`${definition.name}: internal error (please report it): ${messageOf(error)}`);
      if (error instanceof Error && error.stack) core.debug(error.stack);
      process.exitCode = EXIT.internal;
    }
  }
}
