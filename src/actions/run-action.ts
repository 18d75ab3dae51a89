import { core } from "./toolkit.ts";
import type { AnyCapability, Invocation, Presentation } from "../core/capability.ts";
import { clockOf } from "../core/clock.ts";
import { withTimeBudget } from "../core/common-options.ts";
import { EXIT, ExternalError, UserError, messageOf } from "../core/errors.ts";
import { inputName, optionLabel, readOptions, type OptionDecl, type OptionValues } from "../core/options.ts";
import { readRunContext } from "../core/run-context.ts";
import { resolveScope } from "../policy/scope.ts";
import type { Policy } from "../policy/types.ts";
import { stepLogLines } from "../report/step-log.ts";
import { publishResults } from "./publish.ts";

/** The runner passes input `min-lines` as INPUT_MIN-LINES (upper-cased, spaces to underscores; dashes stay). */
function inputOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
  return value ? value : undefined;
}

/** Every declared input, read and validated once; secrets are masked before anything can print them. */
export function readInputs<T extends AnyCapability<Policy>>(capability: T, env: NodeJS.ProcessEnv): OptionValues<T["options"]> {
  return readOptions(capability.options, "action", (key: string, decl: OptionDecl) => {
    const name = inputName(key, decl);
    const value = name === undefined ? undefined : inputOf(env, name);
    if (value !== undefined && decl.secret) core.setSecret(value);
    return value;
  });
}

function invocationOf(env: NodeJS.ProcessEnv): Invocation {
  const run = readRunContext(env);
  const clock = clockOf(env);
  return {
    door: "action",
    cwd: run.workspace,
    env,
    run,
    now: clock.now(),
    clock: clock.now,
    sleep: clock.sleep,
    ...(clock.note ? { clockNote: clock.note } : {}),
    log: (message) => core.info(message),
    warn: (message) => core.warning(message),
    mask: (secret) => core.setSecret(secret),
  };
}

/** An action's inputs read, its use case run and its outcome presented: everything before publishing. */
export async function presentAction(capability: AnyCapability<Policy>, env: NodeJS.ProcessEnv): Promise<{ values: Record<string, unknown>; invocation: Invocation; shown: Presentation }> {
  const values = readInputs(capability, env) as Record<string, unknown>;
  const invocation = withTimeBudget(invocationOf(env), values);
  const scope = await resolveScope({ config: values.config as string | undefined, root: values.root as string | undefined, ...(capability.options.root ? { rootLabel: optionLabel("action", "root", capability.options.root) } : {}) }, invocation);
  const settings = await capability.settings(values, scope, invocation);
  const outcome = await capability.run(settings, invocation);
  return { values, invocation, shown: capability.present(outcome, settings, invocation) };
}

/**
 * Runs a capability as an action: the single place that catches. A gate that fails is a verdict (exit 1 with
 * the gate's title); bad input or configuration, an external failure and an internal bug each get a message
 * naming the action.
 */
export async function runAction(capability: AnyCapability<Policy>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const name = capability.action?.name ?? capability.name;
  try {
    const { values, invocation, shown } = await presentAction(capability, env);
    // The verdict and its key figures in the step log, where a reader of a passing run looks first.
    for (const line of stepLogLines(shown.results)) core.info(line);
    const checkName = capability.action?.checkName ? ((values["check-name"] as string | undefined) ?? capability.action.checkName) : undefined;
    const verdict = await publishResults(shown, { action: name, invocation, token: values.token as string | undefined, checkName });
    const failed = shown.failed || verdict;
    if (failed) {
      core.setFailed(`${name}: ${failed}`);
      // Said here too, not left to setFailed: a stubbed toolkit (@github/local-action's) only records the failure.
      process.exitCode = EXIT.gateFailed;
    }
  } catch (error) {
    if (error instanceof UserError) {
      core.setFailed(`${name}: configuration error: ${error.message}`);
      process.exitCode = EXIT.userError;
    } else if (error instanceof ExternalError) {
      core.setFailed(`${name}: ${error.message}`);
      process.exitCode = EXIT.externalError;
    } else {
      core.setFailed(`${name}: internal error (please report it): ${messageOf(error)}`);
      if (error instanceof Error && error.stack) core.debug(error.stack);
      process.exitCode = EXIT.internal;
    }
  }
}
