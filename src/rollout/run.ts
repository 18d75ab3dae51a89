/**
 * The rollout use case: find (or start) the environment's rollout deployment, claim it, then do what the step
 * machine says until the rollout finishes, waits for a person, or would wait longer than `max-wait`. Every event is
 * written to the deployment before the next move, so a killed job resumes where it stopped.
 */
import type { Invocation } from "../core/capability.ts";
import { formatDuration } from "../core/duration.ts";
import { ExternalError } from "../core/errors.ts";
import type { IncidentTracker } from "../incident/ports.ts";
import type { RunInfo } from "../incident/model.ts";
import { reportFailure } from "../incident/open.ts";
import type { IssueRef } from "../incident/outcome.ts";
import type { EndpointResult } from "../health/run.ts";
import type { HealthPolicy } from "../policy/types.ts";
import { observe, type ObservationResult } from "../rollback-guard/observe.ts";
import type { MetricsSource } from "../rollback-guard/ports.ts";
import { describeOutcome, succeeded } from "./commands.ts";
import { holder, nextMove, stepVerdict, type Move, type PlannedStep, type Requests, type RolloutPlan, type StepEvidence } from "./evaluate.ts";
import { judgeCanary, type Judgement, type MetricSeries } from "./judge.ts";
import type { CommandRunner, DeploymentState, RolloutDeployment, RolloutStore } from "./ports.ts";
import { describeRecord, parseRecord, type NotedRecord, type RolloutRecord, type VerdictKind } from "./records.ts";
import type { RolloutSettings } from "./settings.ts";

export type RolloutResult = "completed" | "aborted" | "waiting" | "held" | "refused" | "idle";

/** The series of one judged metric, for the picture in the summary. */
export interface MetricPicture {
  name: string;
  canary: Array<{ at: number; value: number }>;
  baseline: Array<{ at: number; value: number }>;
}

export interface StepReport {
  step: number;
  label: string;
  verdict: VerdictKind;
  reason: string;
  window: { from: string; until: string } | null;
  rules: ObservationResult | null;
  judgement: Judgement | null;
  pictures: MetricPicture[];
  health: EndpointResult[] | null;
}

export interface RolloutOutcome {
  result: RolloutResult;
  environment: string;
  sha: string;
  strategy: RolloutPlan["strategy"];
  deployment: number | null;
  /** The step whose traffic is on (1-based; 0 before the first), of `steps`. */
  step: number;
  steps: number;
  reason: string;
  /** When a waiting rollout can go on (a bake's end, the old colour's retirement). */
  resumeAt: string | null;
  reports: StepReport[];
  /** What the user's commands did, one line each. */
  commands: string[];
  incident: IssueRef | null;
}

export interface RolloutRequest {
  settings: RolloutSettings;
  environment: string;
  sha: string;
  ref: string;
  requests: Requests;
  /** Who drives: the workflow run (a re-run of its job takes over), else this process. */
  runner: string;
  runUrl: string;
  /** The run an incident is about. */
  run: RunInfo;
}

export interface RolloutDeps {
  store: RolloutStore;
  commands: CommandRunner;
  metrics: MetricsSource | null;
  incidents: IncidentTracker | null;
  health: (policy: HealthPolicy) => Promise<EndpointResult[]>;
  clock: { now(): Date; sleep(ms: number): Promise<void> };
  log: (message: string) => void;
}

/** Headroom of a claim beyond the run's own waits: its commands, health checks and writes. */
const CLAIM_MARGIN_MS = 120_000;

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

function recordsOf(deployment: RolloutDeployment): NotedRecord[] {
  return deployment.statuses.map((s) => parseRecord(s.description)).filter((r): r is NotedRecord => r !== null);
}

function finished(deployment: RolloutDeployment): boolean {
  const records = recordsOf(deployment);
  const superseded = deployment.statuses.some((s) => s.state === "error" && parseRecord(s.description) === null);
  return superseded || records.some((r) => r.kind === "aborted" || r.kind === "completed");
}

/** Blue-green: the colour serving now, from the newest completed rollout; the first colour before any. */
function liveColour(deployments: RolloutDeployment[], colours: [string, string]): string {
  for (const d of deployments) {
    const records = recordsOf(d);
    if (records.some((r) => r.kind === "completed") && typeof d.payload.colour === "string" && colours.includes(d.payload.colour)) return d.payload.colour;
    if (records.some((r) => r.kind === "aborted") && typeof d.payload.previous === "string" && colours.includes(d.payload.previous)) return d.payload.previous;
  }
  return colours[0];
}

class Rollout {
  readonly reports: StepReport[] = [];
  readonly commandLines: string[] = [];
  incident: IssueRef | null = null;
  readonly plan: RolloutPlan;
  /** The commit this rollout rolls out: the deployment's, which a resuming run of another commit keeps. */
  readonly sha: string;
  private readonly deadline: number;

  private readonly request: RolloutRequest;
  private readonly deps: RolloutDeps;
  private deployment: RolloutDeployment;

  constructor(request: RolloutRequest, deps: RolloutDeps, deployment: RolloutDeployment) {
    this.request = request;
    this.deps = deps;
    this.deployment = deployment;
    this.sha = deployment.sha;
    this.deadline = deps.clock.now().getTime() + request.settings.maxWaitMs;
    const colour = typeof deployment.payload.colour === "string" ? deployment.payload.colour : null;
    const previous = typeof deployment.payload.previous === "string" ? deployment.payload.previous : null;
    const steps = request.settings.plan.steps.map((step): PlannedStep => (request.settings.plan.strategy === "blue-green" ? { ...step, colour, label: step.kind === "deploy" ? `deploy to ${colour}` : `switch to ${colour}` } : step));
    this.plan = { ...request.settings.plan, steps, previousColour: previous };
  }

  get id(): number {
    return this.deployment.id;
  }

  records(): NotedRecord[] {
    return recordsOf(this.deployment);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  async write(record: RolloutRecord, sentence: string, state: DeploymentState = "in_progress"): Promise<void> {
    const description = describeRecord(record, sentence);
    await this.deps.store.addStatus(this.deployment.id, { state, description, ...(this.request.runUrl ? { logUrl: this.request.runUrl } : {}) });
    this.deployment = { ...this.deployment, statuses: [...this.deployment.statuses, { id: Number.MAX_SAFE_INTEGER, state, description, createdAt: new Date(this.now()).toISOString() }] };
    this.deps.log(`deployment ${this.deployment.id}: ${description}`);
  }

  async refresh(): Promise<void> {
    this.deployment = { ...this.deployment, statuses: await this.deps.store.statuses(this.deployment.id) };
  }

  /** Takes the rollout for this run, unless another live run holds it. */
  async claim(): Promise<{ ok: true } | { ok: false; holder: string; until: number }> {
    const now = this.now();
    const until = now + this.request.settings.maxWaitMs + 3 * this.request.settings.commandTimeoutMs + CLAIM_MARGIN_MS;
    const before = holder(this.records());
    if (before && before.run !== this.request.runner && before.until > now && !this.request.requests.abort) return { ok: false, holder: before.run, until: before.until };
    await this.write({ kind: "claim", run: this.request.runner, at: now, until }, `driven by run ${this.request.runner} until ${utc(until)}`);
    await this.refresh();
    const after = holder(this.records());
    if (after && after.run !== this.request.runner) return { ok: false, holder: after.run, until: after.until };
    return { ok: true };
  }

  /** Ends this run's claim early: it stops waiting, and the next run (a schedule, a dispatch) may go on at once. */
  async release(why: string): Promise<void> {
    const now = this.now();
    await this.write({ kind: "claim", run: this.request.runner, at: now, until: now }, why);
  }

  private commandEnv(step: PlannedStep | null, weight: number | null, colour: string | null, index: number): Record<string, string> {
    return {
      SHIPGATE_ROLLOUT_ENVIRONMENT: this.request.environment,
      SHIPGATE_ROLLOUT_SHA: this.sha,
      SHIPGATE_ROLLOUT_STEP: String(index + 1),
      SHIPGATE_ROLLOUT_STRATEGY: this.plan.strategy,
      ...(weight !== null ? { SHIPGATE_ROLLOUT_WEIGHT: String(weight) } : {}),
      ...(colour !== null ? { SHIPGATE_ROLLOUT_COLOUR: colour } : {}),
      ...(step ? { SHIPGATE_ROLLOUT_LABEL: step.label } : {}),
    };
  }

  /** Runs one of the user's commands; its outcome line goes to the log, and the output's tail after it. */
  private async command(name: string, argv: string[], env: Record<string, string>): Promise<{ ok: boolean; line: string }> {
    const timeout = this.request.settings.commandTimeoutMs;
    const outcome = await this.deps.commands.run(argv, env, timeout);
    const line = describeOutcome(name, outcome, timeout);
    this.commandLines.push(line);
    this.deps.log(line);
    if (outcome.output.trim()) this.deps.log(outcome.output.trimEnd());
    return { ok: succeeded(outcome), line };
  }

  private async checkHealth(colour: string | null): Promise<{ results: EndpointResult[]; evidence: StepEvidence["health"] } | null> {
    const policy = this.request.settings.health;
    if (!policy) return null;
    const endpoints = policy.endpoints.map((e) => (colour ? { ...e, url: e.url.replaceAll("{colour}", colour) } : e));
    const results = await this.deps.health({ ...policy, endpoints });
    const failed = results.filter((r) => !r.ok);
    const reason = failed.length === 0 ? `${results.length} endpoints healthy` : failed.map((r) => `${r.name}: ${r.failures.join(", ")}`).join("; ");
    return { results, evidence: { healthy: failed.length === 0, reason } };
  }

  async shift(index: number): Promise<"done" | "failed"> {
    const step = this.plan.steps[index]!;
    if (step.kind === "deploy") return this.deployIdle(index, step);
    const previous = index > 0 ? this.plan.steps[index - 1]! : null;
    const ran = await this.command("traffic", this.request.settings.commands.traffic, this.commandEnv(step, step.weight, step.colour, index));
    if (!ran.ok) {
      await this.write({ kind: "aborting", step: index, at: this.now() }, ran.line);
      return "failed";
    }
    const bake = step.bakeMs > 0 ? `; analysing for ${formatDuration(step.bakeMs)} until ${utc(this.now() + step.bakeMs)}` : "";
    const from = previous && previous.weight !== null ? ` (from ${previous.weight} %)` : "";
    await this.write({ kind: "shifted", step: index, at: this.now() }, `${step.label}: traffic shifted${from}${bake}`);
    return "done";
  }

  /** Blue-green's first step: deploy to the idle colour, then health-check and smoke-test it before any traffic. */
  private async deployIdle(index: number, step: PlannedStep): Promise<"done" | "failed"> {
    const deployed = await this.command("deploy", this.request.settings.commands.deploy!, this.commandEnv(step, null, step.colour, index));
    const evidence: StepEvidence = { rules: null, judge: null, health: null, smoke: null };
    let health: EndpointResult[] | null = null;
    if (deployed.ok) {
      const checked = await this.checkHealth(step.colour);
      if (checked) ({ results: health, evidence: evidence.health } = checked);
      const smoke = this.request.settings.commands.smoke;
      if (smoke && evidence.health?.healthy !== false) {
        const ran = await this.command("smoke", smoke, this.commandEnv(step, null, step.colour, index));
        evidence.smoke = { passed: ran.ok, reason: ran.line };
      }
    } else {
      evidence.smoke = { passed: false, reason: deployed.line };
    }
    const verdict = stepVerdict(evidence);
    const at = this.now();
    await this.write({ kind: "shifted", step: index, at }, `${step.label}: deployed`);
    this.reports.push({ step: index, label: step.label, ...verdict, window: null, rules: null, judgement: null, pictures: [], health });
    await this.write({ kind: "verdict", step: index, verdict: verdict.verdict, at: this.now() }, `${step.label}: ${verdict.verdict}: ${verdict.reason}`);
    return verdict.verdict === "fail" ? "failed" : "done";
  }

  /** The bake: rules at every interval until it ends (or the run's wait runs out), then the judge and the health checks. */
  async analyse(move: Extract<Move, { kind: "analyse" }>): Promise<"judged" | "waiting"> {
    const { settings } = this.request;
    const step = this.plan.steps[move.step]!;
    const reachable = Math.min(move.until, this.deadline);
    const intervalMs = settings.intervalSeconds * 1000;
    let rules: ObservationResult | null = null;
    const source = this.deps.metrics;
    if (source && settings.rules.length > 0 && reachable - move.from >= intervalMs) {
      const plan = { start: new Date(move.from), observationSeconds: Math.floor((reachable - move.from) / 1000), intervalSeconds: settings.intervalSeconds, once: false };
      rules = await observe(settings.rules, plan, source, this.deps.clock, (tick) => this.deps.log(`${step.label} ${tick.at}: ${tick.evaluations.map((e) => `${e.rule}=${e.verdict}`).join(", ")}`));
    }

    if (!rules?.rollback && move.until > this.deadline) return "waiting";
    if (!rules?.rollback && this.now() < move.until) await this.deps.clock.sleep(move.until - this.now());

    const evidence: StepEvidence = { rules: rules ? { verdict: rules.verdict, reason: rules.reason } : null, judge: null, health: null, smoke: null };
    let judgement: Judgement | null = null;
    const pictures: MetricPicture[] = [];
    let health: EndpointResult[] | null = null;
    // A rule that fired ends the bake there; the judge still compares what the window holds, for the picture.
    const end = rules?.rollback ? Math.min(this.now(), move.until) : move.until;
    if (source && settings.metrics.length > 0) {
      const series: MetricSeries[] = [];
      for (const metric of settings.metrics) {
        const [canary, baseline] = await Promise.all([this.rangeOf(source, metric.canaryQuery, move.from, end), this.rangeOf(source, metric.baselineQuery, move.from, end)]);
        pictures.push({ name: metric.name, canary, baseline });
        series.push({ name: metric.name, canary: canary.map((p) => p.value), baseline: baseline.map((p) => p.value), worse: metric.worse, tolerance: metric.tolerance, critical: metric.critical });
      }
      judgement = judgeCanary(series, settings.judge);
      evidence.judge = { verdict: judgement.verdict, reason: judgement.reason };
    }
    if (!rules?.rollback) {
      const checked = await this.checkHealth(step.colour);
      if (checked) ({ results: health, evidence: evidence.health } = checked);
    }
    const verdict = stepVerdict(evidence);
    const window = { from: new Date(move.from).toISOString(), until: new Date(end).toISOString() };
    this.reports.push({ step: move.step, label: step.label, ...verdict, window, rules, judgement, pictures, health });
    await this.write({ kind: "verdict", step: move.step, verdict: verdict.verdict, at: this.now() }, `${step.label}: ${verdict.verdict}: ${verdict.reason}`);
    return "judged";
  }

  private async rangeOf(source: MetricsSource, query: string, from: number, until: number): Promise<Array<{ at: number; value: number }>> {
    const result = await source.range(query, new Date(from), new Date(until), this.request.settings.intervalSeconds);
    // Several series are pooled: the judge compares distributions, and the query is the user's to aggregate.
    return result.series.flatMap((s) => s.samples.map((sample) => ({ at: sample.time * 1000, value: sample.value }))).sort((a, b) => a.at - b.at);
  }

  async rollback(move: Extract<Move, { kind: "rollback" }>): Promise<void> {
    const colour = this.plan.strategy === "blue-green" ? this.plan.previousColour : null;
    const ran = await this.command("rollback", this.request.settings.commands.rollback, this.commandEnv(this.plan.steps[move.step] ?? null, colour === null ? 0 : null, colour, move.step));
    if (!ran.ok) {
      // The incident says so at once; the records stay "aborting", so the next run tries the rollback again.
      await this.openIncident(move.step, move.reason, `The rollback FAILED: ${ran.line}. Roll back by hand or run the rollout again.`);
      throw new ExternalError(`${ran.line}: the rollout of ${this.request.environment} is not rolled back; run again to retry the rollback`);
    }
    await this.write({ kind: "rolled-back", at: this.now() }, `rolled back: ${ran.line}`);
  }

  async openIncident(step: number, reason: string, extra?: string): Promise<void> {
    const { settings, run } = this.request;
    if (!settings.incidents || !this.deps.incidents) return;
    const label = this.plan.steps[step]?.label ?? "the rollout";
    const subject = {
      key: `rollout/${this.request.environment}`,
      title: `Rollout of ${this.sha.slice(0, 7)} to ${this.request.environment} aborted at ${label}`,
      failed: true,
      details: [reason || "aborted", ...(extra ? [extra] : []), `deployment ${this.deployment.id} keeps every step and verdict`],
    };
    const outcome = await reportFailure(this.deps.incidents, settings.incidents, { ...run, sha: this.sha, environment: this.request.environment, subject }, new Date(this.now()));
    this.incident = outcome.issue;
  }

  async finishAbort(move: Extract<Move, { kind: "finish-abort" }>): Promise<void> {
    await this.openIncident(move.step, move.reason);
    const label = this.plan.steps[move.step]?.label ?? "the rollout";
    const incident = this.incident ? `; incident #${this.incident.number}` : "";
    await this.write({ kind: "aborted", at: this.now() }, `aborted at ${label}${incident}: ${move.reason}`, "failure");
  }

  async complete(): Promise<void> {
    const retireAt = this.plan.strategy === "blue-green" ? this.now() + this.plan.keepMs : null;
    const keep = retireAt === null ? "" : `; ${this.plan.previousColour} kept until ${new Date(retireAt).toISOString().slice(0, 16)}Z`;
    await this.write({ kind: "completed", at: this.now(), retireAt }, `completed: ${this.plan.steps.at(-1)!.label}${keep}`, "success");
  }

  async retire(colour: string): Promise<void> {
    const retire = this.request.settings.commands.retire;
    if (retire) {
      const ran = await this.command("retire", retire, this.commandEnv(null, null, colour, this.plan.steps.length - 1));
      if (!ran.ok) throw new ExternalError(`${ran.line}: ${colour} is not retired; the next run tries again`);
    }
    await this.write({ kind: "retired", at: this.now() }, `retired ${colour}${retire ? "" : " (no retire command: nothing to run)"}`, "success");
  }

  async hold(step: number, why: string): Promise<void> {
    const last = this.records().at(-1);
    if (last?.kind === "held" && last.step === step) return;
    await this.write({ kind: "held", step, at: this.now() }, why, "queued");
  }

  async approve(step: number, actor: string): Promise<void> {
    await this.write({ kind: "approved", step, at: this.now() }, `${this.plan.steps[step]!.label}: approved${actor ? ` by ${actor}` : ""}`);
  }

  async startAbort(step: number, reason: string): Promise<void> {
    // A failed verdict's sentence starts with its step and verdict, which the abort's own sentences say already.
    const prefix = `${this.plan.steps[step]?.label ?? ""}: fail: `;
    await this.write({ kind: "aborting", step, at: this.now() }, reason.startsWith(prefix) ? reason.slice(prefix.length) : reason);
  }

  async sleepUntil(at: number): Promise<boolean> {
    if (at > this.deadline) return false;
    const wait = at - this.now();
    if (wait > 0) await this.deps.clock.sleep(wait);
    return true;
  }

  outcome(result: RolloutResult, reason: string, resumeAt: number | null = null): RolloutOutcome {
    const records = this.records();
    // An abort counts at the step it was aborting to, also when that step's shift itself failed.
    const current = records.reduce((highest, r) => ((r.kind === "shifted" || r.kind === "aborting") && r.step > highest ? r.step : highest), -1);
    return {
      result,
      environment: this.request.environment,
      sha: this.sha,
      strategy: this.plan.strategy,
      deployment: this.deployment.id,
      step: current + 1,
      steps: this.plan.steps.length,
      reason,
      resumeAt: resumeAt === null ? null : new Date(resumeAt).toISOString(),
      reports: this.reports,
      commands: this.commandLines,
      incident: this.incident,
    };
  }
}

function idle(request: RolloutRequest, result: RolloutResult, reason: string, deployment: number | null = null): RolloutOutcome {
  const { settings } = request;
  return { result, environment: request.environment, sha: request.sha, strategy: settings.plan.strategy, deployment, step: 0, steps: settings.plan.steps.length, reason, resumeAt: null, reports: [], commands: [], incident: null };
}

/** The environment's rollout this run drives, created when none is active; or why it may not run. */
async function findOrStart(request: RolloutRequest, deps: RolloutDeps): Promise<RolloutDeployment | RolloutOutcome> {
  const { store } = deps;
  const env = request.environment;
  const all = await store.listRollouts(env);
  const active = all.filter((d) => !finished(d)).sort((a, b) => a.id - b.id);
  const first = active[0];
  const { abort, resume } = request.requests;
  // A gate's answer, an abort and a scheduled resume are about the rollout in progress, whichever commit it rolls out.
  if (first && (first.sha === request.sha || abort || resume || request.requests.continue)) return first;
  if (first) {
    return idle(request, "refused", `the rollout of ${first.sha.slice(0, 7)} (deployment ${first.id}) is in progress in ${env}: let it finish, or abort it (shipgate rollout --abort)`, first.id);
  }
  const latest = all.find((d) => d.sha === request.sha);
  // A finished rollout of this commit is never driven again: its promotions and verdicts stand.
  if (latest && all[0]?.id === latest.id) return latest;
  if (abort || resume) return idle(request, "idle", `no rollout is in progress in ${env}: nothing to ${abort ? "abort" : "resume"}`);
  const previous = request.settings.plan.strategy === "blue-green" ? liveColour(all, request.settings.colours) : null;
  const colour = previous === null ? null : request.settings.colours.find((c) => c !== previous)!;
  const created = await store.createRollout({
    ref: request.ref,
    sha: request.sha,
    environment: env,
    description: `shipgate rollout (${request.settings.plan.strategy}) of ${request.sha.slice(0, 7)}`,
    payload: { shipgate: "rollout", ref: request.ref, strategy: request.settings.plan.strategy, steps: request.settings.plan.steps.map((s) => s.weight ?? s.kind), ...(colour ? { colour, previous } : {}) },
  });
  // Two runs may have started at the same moment: the lower deployment id wins, the other gives way.
  const racing = (await store.listRollouts(env)).filter((d) => !finished(d) && d.id !== created.id && d.id < created.id);
  if (racing.length > 0) {
    const winner = racing[0]!;
    await store.addStatus(created.id, { state: "error", description: `superseded: the rollout in deployment ${winner.id} started first` });
    return winner.sha === request.sha ? winner : idle(request, "refused", `the rollout of ${winner.sha.slice(0, 7)} (deployment ${winner.id}) started at the same time in ${env} and goes first`, winner.id);
  }
  return created;
}

/** At most this many moves per run: every step's shift, verdict, gate and the abort, with room to spare. */
const MAX_MOVES = 200;

export async function driveRollout(request: RolloutRequest, deps: RolloutDeps, actor: string): Promise<RolloutOutcome> {
  const found = await findOrStart(request, deps);
  if ("result" in found) return found;
  if (found.sha !== request.sha) deps.log(`resuming the rollout of ${found.sha.slice(0, 7)} (deployment ${found.id}) in ${request.environment}`);
  const rollout = new Rollout(request, deps, found);
  const first = nextMove(rollout.plan, rollout.records(), deps.clock.now().getTime(), request.requests);
  if (first.kind === "finished") return rollout.outcome(first.outcome, first.reason || `the rollout of ${request.sha.slice(0, 7)} already ${first.outcome}`);
  const claimed = await rollout.claim();
  // An abort is obeyed whoever drives: the driver reads the records again before each move and sees it.
  if (!claimed.ok && !request.requests.abort) return rollout.outcome("refused", `run ${claimed.holder} drives this rollout until ${new Date(claimed.until).toISOString()}: two runs cannot drive one rollout`);

  for (let moves = 0; moves < MAX_MOVES; moves++) {
    // Another run may have aborted this rollout meanwhile (--abort takes over): never shift past its record.
    if (moves > 0) await rollout.refresh();
    const plan = rollout.plan;
    const move = nextMove(plan, rollout.records(), deps.clock.now().getTime(), request.requests);
    switch (move.kind) {
      case "shift":
        await rollout.shift(move.step);
        break;
      case "analyse":
        if ((await rollout.analyse(move)) === "waiting") {
          const why = `${plan.steps[move.step]!.label} analyses until ${new Date(move.until).toISOString()}, past this run's max-wait: a later run resumes`;
          await rollout.release(why);
          return rollout.outcome("waiting", why, move.until);
        }
        break;
      case "hold":
        await rollout.hold(move.step, move.why);
        await rollout.release(move.why);
        return rollout.outcome("held", move.why);
      case "approve":
        await rollout.approve(move.step, actor);
        break;
      case "abort":
        await rollout.startAbort(move.step, move.reason);
        break;
      case "rollback":
        await rollout.rollback(move);
        break;
      case "finish-abort":
        await rollout.finishAbort(move);
        return rollout.outcome("aborted", move.reason);
      case "complete":
        await rollout.complete();
        break;
      case "wait-retire":
        if (!(await rollout.sleepUntil(move.until))) {
          const why = `completed; the old colour is kept until ${new Date(move.until).toISOString()}: a later run retires it`;
          await rollout.release(why);
          return rollout.outcome("completed", why, move.until);
        }
        break;
      case "retire":
        await rollout.retire(move.colour);
        break;
      case "finished":
        return rollout.outcome(move.outcome, move.reason);
    }
  }
  throw new Error(`the rollout made ${MAX_MOVES} moves without finishing`);
}

/** The request as the door validated it, with what reaching GitHub needs. */
export interface GitHubRolloutRequest extends RolloutRequest {
  token: string;
  repository: { owner: string; repo: string };
  actor: string;
  timeBudgetMs: number;
  /** Where the user's commands run: the repository root. */
  cwd: string;
}

/** The use case on the repository's deployments and issues, Prometheus, the user's commands and the health checks. */
export async function runRolloutOnGitHub(request: GitHubRolloutRequest, invocation: Invocation): Promise<RolloutOutcome> {
  // GitHub, Prometheus and the health checks load only for a run that reaches them: not for bad input.
  const [{ octokitOfRun }, { githubRolloutStore }, { githubIncidentTracker }, { createPrometheusClient }, { processRunner }, { runHealth }, { planHealth }] = await Promise.all([
    import("../github/run-client.ts"),
    import("../github/rollout.ts"),
    import("../github/incidents.ts"),
    import("../net/prometheus.ts"),
    import("./commands.ts"),
    import("../health/run.ts"),
    import("../health/settings.ts"),
  ]);
  const octokit = octokitOfRun(request.token, { ...invocation, timeBudgetMs: invocation.timeBudgetMs ?? request.timeBudgetMs });
  const prometheus = request.settings.prometheus;
  return driveRollout(
    request,
    {
      store: githubRolloutStore(octokit, request.repository),
      commands: processRunner(request.cwd, invocation.env),
      metrics: prometheus ? createPrometheusClient(prometheus) : null,
      incidents: request.settings.incidents ? githubIncidentTracker(octokit, request.repository) : null,
      health: (policy) => runHealth(planHealth(policy, {}), { cwd: request.cwd }),
      clock: { now: invocation.clock, sleep: invocation.sleep },
      log: invocation.log,
    },
    request.actor,
  );
}
