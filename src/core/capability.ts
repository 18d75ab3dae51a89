/**
 * The front door of a capability, declared once (src/<capability>/door.ts): its options, how they become
 * settings, the use case it runs and how its outcome is shown. The generic doors derive from it the action
 * (src/actions/door.ts), the CLI command (src/cli/door.ts) and the preflight entry (src/preflight/).
 */
import type { GateResult } from "./result.ts";
import type { Door, OptionTable, OptionValues } from "./options.ts";
import type { RunContext } from "./run-context.ts";

/** What a door knows of the world it runs in; the same shape at every door. */
export interface Invocation {
  door: Door;
  /** Where paths typed at the door resolve: the CLI's current directory, the action's workspace. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The workflow run (empty fields outside GitHub Actions). */
  run: RunContext;
  now: Date;
  clock: () => Date;
  /** One timer for the whole delay. */
  sleep: (ms: number) => Promise<void>;
  /** Set when the clock is not the real one (tests), so that results say so. */
  clockNote?: string;
  /** The time the run may spend on GitHub (option `time-budget`; the client's default when absent). */
  timeBudgetMs?: number;
  /** Progress: the step log; stderr in the CLI's text mode. */
  log: (message: string) => void;
  /** A warning annotation; stderr on the CLI. */
  warn: (message: string) => void;
  /** Hides a secret found while running (one the policy names) from the step log; set by the action door only. */
  mask?: (secret: string) => void;
}

/**
 * Where a capability stands, resolved by one rule for every command and action (docs/architecture.md):
 * the root is `--repo DIR` / input `working-directory` resolved against the door's base directory (default:
 * that directory); `--config` / input `config` resolves against the base directory too, and without it the
 * policy file is `<root>/.github/shipgate.yml` when present; paths inside the policy file resolve against the root.
 */
export interface Scope<Policy> {
  root: string;
  policy: Policy;
  /** The policy file as named (relative when given so), or null for the built-in defaults. */
  policySource: string | null;
}

/** How an outcome is shown, computed once for every door. */
export interface Presentation {
  /** Gate results: the summary, the check run, annotations, the CLI's verdict lines. */
  results: GateResult[];
  /** Action outputs (status and passed are added from the results). */
  outputs?: Record<string, string | number | boolean>;
  /** The `--json` document. */
  json: unknown;
  /** The CLI's text; its first line is also the step log's verdict line. */
  text: string;
  /** Lines the summary ends with. */
  notes?: string[];
  /** Fails the run even without a failed gate (e.g. a release that could not finish). */
  failed?: string;
  /** The CLI's exit code when it is not the results' verdict (0 pass, 1 a gate failed). */
  exitCode?: 0 | 1 | 2 | 3;
  /** Lines for stderr: parts that could not run. */
  errors?: string[];
  /** The commit the check run is written on, when not the event's (a workflow_run follow-up judging a pull request). */
  checkSha?: string;
}

export interface ActionFace {
  /** The folder under actions/ (or "shipgate" for the umbrella at the root). */
  name: string;
  /** action.yml `name:`. */
  title: string;
  /** action.yml `description:` ending in "Permissions: ...". */
  description: string;
  /** The check run's default name; the action gets a `check-name` input when set. */
  checkName?: string;
  /** Outputs besides `status` and `passed`, with their descriptions. */
  outputs: Record<string, string>;
  /** The bundle dist/<bundle>.js (default: the name). */
  bundle?: string;
  /** The Marketplace icon (a Feather icon name) and colour. */
  branding: { icon: string; color: string };
}

export interface CommandFace {
  /** Extra --help paragraphs: formats, examples, exit codes. The command's name and summary are in src/doors.ts. */
  details?: string;
}

export interface Capability<Options extends OptionTable, Settings, Outcome, Policy> {
  /** The gate's name in results and the policy file's section, e.g. "coverage". */
  name: string;
  options: Options;
  action?: ActionFace;
  command?: CommandFace;
  /** Validates the options with the policy into settings; throws UserError naming what and where. */
  settings(values: OptionValues<Options>, scope: Scope<Policy>, invocation: Invocation): Promise<Settings> | Settings;
  run(settings: Settings, invocation: Invocation): Promise<Outcome>;
  present(outcome: Outcome, settings: Settings, invocation: Invocation): Presentation;
  /** Run by the umbrella (preflight) when the policy file enables it. */
  preflight?: (policy: Policy) => boolean;
}

/** A capability of any options, settings and outcome, as the generic doors see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCapability<Policy> = Capability<OptionTable, any, any, Policy>;
