/**
 * The automated items' checks (the CheckRunner port): a shipgate gate run through its own front door (settings,
 * run, present, as the umbrella runs each gate) with the policy file's settings, or a command run without a shell.
 * The umbrella's runGates is not called: src/preflight/ composes go/no-go, which reads the release checklist here.
 */
import type { AnyCapability, Invocation } from "../core/capability.ts";
import { ExternalError, NotApplicable, UserError } from "../core/errors.ts";
import { combineStatus, type GateResult } from "../core/result.ts";
import type { PolicyScope } from "../policy/scope.ts";
import type { Policy } from "../policy/types.ts";
import { runCommand } from "../process/run-command.ts";
import { terminalLine } from "../report/neutralise.ts";
import { formatDuration } from "../window/describe.ts";
import type { CheckOutcome, CheckRunner } from "./ports.ts";

const GATE_DOORS: Record<string, () => Promise<AnyCapability<Policy>>> = {
  certs: async () => (await import("../certs/door.ts")).certsDoor,
  health: async () => (await import("../health/door.ts")).healthDoor,
  security: async () => (await import("../security/door.ts")).securityDoor,
  coverage: async () => (await import("../coverage/door.ts")).coverageDoor,
};

/** The end of a command's output kept as evidence: the last lines say how it went. */
const OUTPUT_TAIL = 300;
/** What is kept of a command's output while it runs: bounded whatever it prints. */
const OUTPUT_BUFFER = 64 * 1024;

function tail(text: string): string {
  const line = terminalLine(text).trim();
  return line.length > OUTPUT_TAIL ? `…${line.slice(-OUTPUT_TAIL)}` : line;
}

export async function commandOutcome(argv: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<CheckOutcome> {
  const run = await runCommand(argv, { cwd, env, timeoutMs, keep: OUTPUT_BUFFER });
  const { elapsedMs } = run;
  if (run.error !== null) return { passed: false, evidence: `could not run ${terminalLine(argv[0]!)}: ${terminalLine(run.error)}`, elapsedMs };
  const said = tail(run.output);
  if (run.timedOut) return { passed: false, evidence: `killed after ${formatDuration(timeoutMs)} (timeout)${said ? `: ${said}` : ""}`, elapsedMs };
  const how = run.exitCode === 0 ? "exit 0" : run.exitCode !== null ? `exit ${run.exitCode}` : `killed by ${run.signal ?? "a signal"}`;
  return { passed: run.exitCode === 0, evidence: `${how} in ${formatDuration(elapsedMs)}${said ? `: ${said}` : ""}`, elapsedMs };
}

export function checkRunner(scope: PolicyScope, values: Record<string, unknown>, invocation: Invocation): CheckRunner {
  return {
    async gate(name) {
      const load = GATE_DOORS[name];
      if (!load) return { passed: false, evidence: `no gate named ${name}` };
      const gate = await load();
      let results: GateResult[];
      try {
        const settings = await gate.settings(values, scope, invocation);
        results = gate.present(await gate.run(settings, invocation), settings, invocation).results;
      } catch (error) {
        // As the umbrella says it: a gate that cannot run here is skipped, a wrong configuration or service failed.
        if (error instanceof NotApplicable) return { passed: false, evidence: `${name} skipped: ${terminalLine(error.message)}` };
        if (error instanceof UserError || error instanceof ExternalError) return { passed: false, evidence: `${name} could not run: ${terminalLine(error.message)}` };
        throw error;
      }
      const status = combineStatus(results.map((result) => result.status));
      const titles = results.map((result) => terminalLine(result.title)).join("; ");
      return { passed: status === "pass" || status === "warn", evidence: `${name} ${status}: ${titles}` };
    },
    command(argv, timeoutMs) {
      return commandOutcome(argv, scope.root, timeoutMs, invocation.env);
    },
  };
}
