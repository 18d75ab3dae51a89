/**
 * Preflight with every gate on a realistic repository: the wall time of all gates run by the umbrella against
 * the wall time of its slowest gate run alone. Target: at most 1.2x (the gates are independent and run
 * concurrently, so the umbrella should cost little more than its slowest gate).
 *
 * Measured twice: with GitHub and the TLS servers across a network (each GitHub answer and each TLS connection
 * 40 ms late, GitHub's API as seen from a hosted runner answers in tens of milliseconds), which the target is
 * judged on, and with every service on this machine answering at once, where the gates that parse files on
 * this process's one thread are the slowest part and concurrency cannot hide them.
 *
 * The repository: a coverage report of 1,500 files (the records of a real Istanbul lcov report repeated under
 * distinct paths), three real clean security reports (npm audit, OSV-Scanner, Trivy), three TLS endpoints
 * presenting an openssl-made chain, and a pull request with 6 reviews and 120 changed files plus a commit with
 * three green checks on the GitHub API simulator. GitHub and the TLS servers run in a process of their own
 * (bench/preflight-services.ts), so that their work does not share the gates' thread.
 *
 * Every gate runs in this process through the umbrella's own runGates, as the action and `shipgate preflight` do:
 * alone (one gate) or all together. Rounds alternate the forms in a rotated order after one warm-up round. Two
 * more forms say where the time goes: the two GitHub gates together (the simulator answers one request at a
 * time, GitHub does not) and the three local gates together (they share this process's one thread).
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import type { AnyCapability, Invocation } from "../src/core/capability.ts";
import { clockOf } from "../src/core/clock.ts";
import { readRunContext } from "../src/core/run-context.ts";
import { preflightDoor } from "../src/preflight/door.ts";
import { runGates } from "../src/preflight/run.ts";
import { resolveScope } from "../src/policy/scope.ts";
import type { Policy } from "../src/policy/types.ts";
import { removeTempDirs, tempDir } from "../test/support/temp.ts";
import type { PreflightServices } from "./preflight-services.ts";

const root = path.resolve(import.meta.dirname, "..");
const ROUNDS = 7;
const NETWORK_LATENCY_MS = 40;
const TARGET = 1.2;
const REPORT_FILES = 1500;

async function startServices(latencyMs: number): Promise<{ services: PreflightServices; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "preflight-services.ts"), "--latency", String(latencyMs)], { stdio: ["pipe", "pipe", "inherit"] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench/preflight-services.ts exited with ${code} before it was ready`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    services: JSON.parse(firstLine) as PreflightServices,
    async stop() {
      child.stdin.end();
      if ((await exited) !== 0) throw new Error("the services process reported a problem (see above)");
    },
  };
}

/** The repository the gates judge: its policy file and the reports it names. */
async function repository(services: PreflightServices): Promise<string> {
  const dir = tempDir("preflight-bench");
  await mkdir(path.join(dir, ".github"));
  await mkdir(path.join(dir, "coverage"));
  await mkdir(path.join(dir, "reports"));
  const record = await readFile(path.join(root, "test/fixtures/coverage/real/js/lcov.info"), "utf8");
  const records = record.split("end_of_record").filter((r) => r.includes("SF:"));
  const report: string[] = [];
  for (let i = 0; i < REPORT_FILES; i++) {
    const one = records[i % records.length]!;
    report.push(one.replace(/SF:(.*)/, (_, file: string) => `SF:src/module-${i}/${path.basename(file)}`), "end_of_record\n");
  }
  await writeFile(path.join(dir, "coverage/lcov.info"), report.join(""));
  const securityReports = ["npm-audit-v2-clean.json", "osv-scanner-clean.json", "trivy-image-clean.json"];
  for (const name of securityReports) await writeFile(path.join(dir, "reports", name), await readFile(path.join(root, "test/fixtures/security", name)));
  const policy = [
    "gates:",
    "  coverage:",
    "    reports: [coverage/lcov.info]",
    "    lines: 60",
    "  security:",
    `    reports: [${securityReports.map((name) => `reports/${name}`).join(", ")}]`,
    "  certs:",
    `    targets: [${services.tlsTargets.join(", ")}]`,
    `    ca-file: ${JSON.stringify(services.caFile)}`,
    "  approvals:",
    "    required: 2",
    "    codeowners: true",
    "  go-no-go:",
    "    required-checks: [integration, e2e, smoke]",
    "",
  ].join("\n");
  await writeFile(path.join(dir, ".github/shipgate.yml"), policy);
  return dir;
}

function invocationAt(cwd: string, services: PreflightServices): Invocation {
  const env = { PATH: process.env.PATH, GITHUB_API_URL: services.apiUrl, SHIPGATE_NO_WRITE_SPACING: "1", SHIPGATE_RETRY_AFTER_BASE_MS: "1" };
  const clock = clockOf(env);
  return { door: "cli", cwd, env, run: readRunContext({ ...env, GITHUB_WORKSPACE: cwd }), now: clock.now(), clock: clock.now, sleep: clock.sleep, log: () => undefined, warn: () => undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function run(): Promise<void> {
  await measure(NETWORK_LATENCY_MS);
  await measure(0);
}

async function measure(latencyMs: number): Promise<void> {
  const { services, stop } = await startServices(latencyMs);
  try {
    const dir = await repository(services);
    const invocation = invocationAt(dir, services);
    const values = { token: "bench", "pull-request": services.pullRequest, sha: services.sha, repository: "octo-org/octo-repo" };
    const scope = await resolveScope({}, invocation);
    const settings = await preflightDoor.settings(values as never, scope, invocation);
    const gates = settings.gates;
    if (gates.length !== 5) throw new Error(`expected every gate enabled, got ${gates.map((g) => g.name).join(", ")}`);

    const timeGates = async (subset: AnyCapability<Policy>[]): Promise<number> => {
      const started = performance.now();
      const { results, errors } = await runGates(subset, settings.values, settings.scope, invocation);
      const ms = performance.now() - started;
      const notPassed = results.filter((r) => r.status !== "pass");
      if (errors.length > 0 || notPassed.length > 0) throw new Error(`expected every gate to pass: ${notPassed.map((r) => `${r.gate}: ${r.title}`).join("; ")}`);
      return ms;
    };
    const forms: { name: string; gates: AnyCapability<Policy>[]; samples: number[] }[] = [
      { name: "every gate (preflight)", gates, samples: [] },
      ...gates.map((gate) => ({ name: gate.name, gates: [gate], samples: [] })),
    ];
    const local = new Set(["coverage", "security", "certs"]);
    const controls: typeof forms = [
      { name: "(control) the GitHub gates together: approvals, go-no-go", gates: gates.filter((g) => !local.has(g.name)), samples: [] },
      { name: "(control) the local gates together: coverage, security, certs", gates: gates.filter((g) => local.has(g.name)), samples: [] },
    ];
    await timeGates(gates);
    const everyForm = [...forms, ...controls];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < everyForm.length; i++) {
        const form = everyForm[(i + round) % everyForm.length]!;
        form.samples.push(await timeGates(form.gates));
      }
    }
    const [all, ...alone] = forms as [(typeof forms)[number], ...typeof forms];
    const slowest = alone.reduce((a, b) => (median(a.samples) >= median(b.samples) ? a : b));
    const sum = alone.reduce((total, form) => total + median(form.samples), 0);
    const ratio = median(all.samples) / median(slowest.samples);
    const where = latencyMs > 0 ? `services ${latencyMs} ms away (each GitHub answer, each TLS connection)` : "every service on this machine, answering at once";
    console.log(`\n${where}; ${ROUNDS} rounds after a warm-up; coverage report of ${REPORT_FILES} files, 3 security reports, 3 TLS targets, a pull request with 6 reviews and 120 files`);
    console.log("| run | median ms | min ms |\n| --- | ---: | ---: |");
    for (const form of everyForm) console.log(`| ${form.name} | ${median(form.samples).toFixed(1)} | ${Math.min(...form.samples).toFixed(1)} |`);
    console.log(`| sum of the gates alone (one after the other) | ${sum.toFixed(1)} | |`);
    const verdict = latencyMs > 0 ? `target <= ${TARGET}x ${ratio <= TARGET ? "✅" : "❌"}` : "(for reference: no network to wait on)";
    console.log(`\npreflight / slowest gate (${slowest.name}): ${ratio.toFixed(2)}x, ${verdict}`);
  } finally {
    removeTempDirs();
    await stop();
  }
}
