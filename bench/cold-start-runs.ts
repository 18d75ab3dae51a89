/**
 * The passing run of every action bundle that bench/cold-start.ts times: a real report made by a real tool (the
 * committed fixtures), a real git repository (a clone of this project's own history, and a release repository
 * made by git), certificates made by openssl, and, for the services an action talks to, the GitHub API simulator
 * and a local HTTP server answering health checks and Prometheus queries. Every run is expected to exit 0.
 */
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { daysFromNow, Pki } from "../test/certs/pki.ts";
import { mirror } from "../test/release/mirror.ts";
import { startSimulator, type Simulator } from "../test/simulator/index.ts";
import { TestRepo } from "../test/support/git-repo.ts";
import { pullRequestEvent } from "../test/support/runner.ts";
import { tempDir } from "../test/support/temp.ts";

const root = path.resolve(import.meta.dirname, "..");
const REPO = "octo-org/octo-repo";
const fixtures = path.join(root, "test/fixtures");

export interface PassingRun {
  /** What the run does, in the table. */
  does: string;
  workspace: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: Record<string, unknown>;
  eventName?: string;
  args?: string[];
}

export interface World {
  sim: Simulator;
  services: Server;
  runs: Record<string, PassingRun>;
  close(): Promise<void>;
}

/**
 * Health endpoints and the Prometheus query API (a steady 0.2 % error ratio over any range): the services the
 * health-check and rollback-guard runs ask.
 */
async function startServices(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://services");
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/health") return void res.end(JSON.stringify({ status: "up", version: "1.4.2" }));
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(url.pathname.endsWith("query_range") || url.pathname.endsWith("query") ? body || url.search.slice(1) : "");
      if (url.pathname === "/api/v1/query_range") {
        const start = Number(form.get("start"));
        const end = Number(form.get("end"));
        const step = Number(form.get("step")) || 60;
        const values: [number, string][] = [];
        for (let t = start; t <= end && values.length < 11_000; t += step) values.push([t, "0.002"]);
        return void res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values }] } }));
      }
      if (url.pathname === "/api/v1/query") {
        return void res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [Number(form.get("time")), "0.002"] }] } }));
      }
      res.statusCode = 404;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function withPolicy(name: string, policy: string): Promise<string> {
  const dir = tempDir(`cold-${name}`);
  await mkdir(path.join(dir, ".github"));
  await writeFile(path.join(dir, ".github/shipgate.yml"), policy);
  return dir;
}

/** This project's own history: a real repository with conventional commits; v0.1.0 tagged 60 commits back. */
function cloneOfThisProject(): string {
  const dir = tempDir("cold-clone");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, dir]);
  execFileSync("git", ["-C", dir, "tag", "-a", "-m", "v0.1.0", "v0.1.0", "HEAD~60"]);
  return dir;
}

/** A release repository: v1.0.0, then features and fixes on develop, mirrored into the simulator. */
async function releaseRepository(sim: Simulator): Promise<TestRepo> {
  const repo = await TestRepo.create();
  await repo.commit("chore: initial", { "package.json": '{\n  "name": "app",\n  "version": "1.0.0"\n}\n', VERSION: "1.0.0\n" });
  await repo.tag("v1.0.0", { annotated: true });
  await repo.checkout("develop", { create: true });
  for (let i = 0; i < 20; i++) await repo.commit(i % 3 ? `fix(api): handle case ${i}` : `feat(ui): screen ${i}`);
  await repo.checkout("main");
  await repo.merge("develop");
  await mirror(sim, REPO, repo);
  return repo;
}

/** A second checkout of the release repository, on develop, where a release branch is cut from. */
function checkoutOfDevelop(repo: TestRepo): string {
  const dir = tempDir("cold-develop");
  execFileSync("git", ["clone", "--quiet", "--branch", "develop", repo.dir, dir]);
  return dir;
}

async function certificates(): Promise<{ pki: Pki; files: string }> {
  const pki = await Pki.create();
  const ca = await pki.root("Bench Root", { notAfter: daysFromNow(3650) });
  const leaf = await pki.leaf("app.example.test", ca, { notAfter: daysFromNow(90), sans: ["DNS:app.example.test"] });
  return { pki, files: leaf.certFile };
}

function seedGitHub(sim: Simulator): { pull: { number: number; base: { sha: string }; head: { sha: string } }; green: string } {
  const pull = sim.state.addPullRequest(REPO, { user: "contributor", files: [{ filename: "src/app.ts", patch: "@@ -0,0 +1 @@\n+x" }] });
  for (const user of ["alice", "bob"]) {
    sim.state.setPermission(REPO, user, "write");
    sim.state.addReview(REPO, pull.number, { user, state: "APPROVED" });
  }
  const green = pull.head.sha;
  for (const name of ["integration", "e2e"]) sim.state.addCheckRun(REPO, { name, headSha: green });
  sim.state.addIssue(REPO, { labels: ["bug", "P3"] });
  return { pull, green };
}

const PROCEDURE_WINDOWS = `windows:
  timezone: Europe/Paris
  deploy:
    - { name: off-peak, days: [tue, wed], start: "10:00", end: "12:00" }
  maintenance:
    - { name: weekly, days: [sun], start: "02:00", end: "04:00" }
    - { name: monthly, days: [sat], weeks: [1], start: "23:00", end: "02:00" }
  freezes:
    - { name: year-end, from: "2026-12-19T00:00", to: "2027-01-04T00:00" }
`;

export async function startWorld(): Promise<World> {
  const sim = await startSimulator();
  const services = await startServices();
  const { pull, green } = seedGitHub(sim);
  const release = await releaseRepository(sim);
  const clone = cloneOfThisProject();
  const { pki, files: certFile } = await certificates();
  const lcov = path.join(fixtures, "coverage/real/js/lcov.info");
  const cleanReports = ["npm-audit-v2-clean.json", "osv-scanner-clean.json", "trivy-image-clean.json"].map((f) => path.join(fixtures, "security", f));
  const onPull = { eventName: "pull_request", event: pullRequestEvent({ number: pull.number, baseSha: pull.base.sha, headSha: pull.head.sha }) };

  const gatesPolicy = `gates:
  coverage:
    reports: [coverage/lcov.info]
    lines: 50
  security:
    reports: [reports/npm-audit.json, reports/osv.json]
  certs:
    files: [certs/app.pem]
  approvals:
    required: 2
  go-no-go:
    required-checks: [integration, e2e]
`;
  const preflight = await withPolicy("preflight", gatesPolicy);
  await mkdir(path.join(preflight, "coverage"));
  await mkdir(path.join(preflight, "reports"));
  await mkdir(path.join(preflight, "certs"));
  await copyFile(lcov, path.join(preflight, "coverage/lcov.info"));
  await copyFile(cleanReports[0]!, path.join(preflight, "reports/npm-audit.json"));
  await copyFile(cleanReports[1]!, path.join(preflight, "reports/osv.json"));
  await copyFile(certFile, path.join(preflight, "certs/app.pem"));

  const plain = tempDir("cold-plain");
  const runs: Record<string, PassingRun> = {
    cli: { does: "`coverage` on a real lcov report", workspace: plain, args: ["coverage", lcov, "--min-lines", "50"] },
    "approvals-gate": { does: "pull request with 2 approvals: reads it from GitHub, writes the check run", workspace: plain, inputs: { token: "t" }, ...onPull },
    "cert-gate": { does: "a certificate made by openssl, valid 90 days", workspace: plain, inputs: { files: certFile } },
    changelog: { does: "notes since v0.1.0 on a clone of this project (60 commits)", workspace: clone },
    "coverage-gate": { does: "a real lcov report (Istanbul) above its threshold", workspace: plain, inputs: { files: lcov, "min-lines": "50" } },
    "deploy-window": {
      does: "the procedure's windows (policy file), inside Tuesday's off-peak window",
      workspace: await withPolicy("window", PROCEDURE_WINDOWS),
      env: { SHIPGATE_TEST_CLOCK: "2026-03-03T09:30:00Z" },
    },
    "dora-metrics": { does: "four weeks of DORA figures: reads deployments, releases, commits and incidents from GitHub", workspace: plain, inputs: { token: "t" } },
    "go-no-go": {
      does: "checks green, P3 bug only: reads issues and checks from GitHub, writes the check run",
      workspace: await withPolicy("go-no-go", "gates:\n  go-no-go:\n    required-checks: [integration, e2e]\n"),
      inputs: { token: "t" },
      env: { GITHUB_SHA: green },
    },
    "health-check": { does: "one endpoint answering 200 with the expected version", workspace: plain, inputs: { urls: `${services.url}/health`, version: "1.4.2" } },
    incident: { does: "`mode: auto` after a successful job: looks for an open incident to close", workspace: plain, inputs: { token: "t", mode: "auto", "job-status": "success", environment: "production" } },
    preflight: { does: "every gate (coverage, security, certs, approvals, go/no-go) passes; writes the check run", workspace: preflight, inputs: { token: "t" }, ...onPull },
    "release-branch": { does: "`mode: start` from develop (re-runs find the branch and pull request)", workspace: checkoutOfDevelop(release), inputs: { token: "t", mode: "start" } },
    release: { does: "tag and release of main (re-runs find them)", workspace: release.dir, inputs: { token: "t" } },
    "rollback-guard": {
      does: "one error-ratio rule over the 10 minutes after the deploy, steady at 0.2 %",
      workspace: await withPolicy(
        "rollback",
        "rollback:\n  observation: 10m\n  interval: 1m\n  rules:\n    - name: error-ratio\n      query: 'sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))'\n      above: 0.01\n      for: 5m\n      no-data: fail\n",
      ),
      inputs: { "prometheus-url": services.url, at: new Date(Date.now() - 20 * 60_000).toISOString() },
    },
    rollout: {
      does: "a one-step rollout with a health check, already completed (re-runs find its deployment)",
      workspace: await withPolicy(
        "rollout",
        `rollout:\n  steps: [{ weight: 100 }]\n  commands:\n    traffic: ["true"]\n    rollback: ["true"]\n  health: [{ url: "${services.url}/health" }]\n`,
      ),
      inputs: { token: "t", environment: "production" },
      env: { GITHUB_SHA: green },
    },
    runbook: {
      does: "today's occurrence of a daily runbook (re-runs find its issue)",
      workspace: await withPolicy("runbook", "runbooks:\n  list:\n    - name: daily\n      title: Daily checks\n      schedule: every day 06:00\n      items:\n        - text: Backups present\n"),
      inputs: { token: "t", at: "2026-12-02T07:00:00Z" },
    },
    "security-gate": { does: "three real clean reports (npm audit, OSV-Scanner, Trivy)", workspace: plain, inputs: { reports: cleanReports.join("\n") } },
    version: { does: "next version since v0.1.0 on a clone of this project (60 commits)", workspace: clone },
  };
  return {
    sim,
    services: services.server,
    runs,
    async close() {
      await sim.close().catch(() => undefined);
      await new Promise((resolve) => services.server.close(resolve));
      await release.remove();
      await pki.dispose();
    },
  };
}
