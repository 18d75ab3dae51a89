/**
 * The certificate gate's use case, shared by `shipgate certs` and the `cert-gate` action: resolves settings
 * (input > policy file > defaults), reads PEM files, checks servers and renders one GateResult.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import type { CertsPolicy } from "../policy/types.ts";
import { cell } from "../report/markdown.ts";
import { parsePemCertificates } from "./pem.ts";
import { checkHosts, fileReports, type CertCheckDeps, type CertReport } from "./run.ts";
import { parseTarget, type FileTarget, type HostTarget } from "./target.ts";

export interface CertGateOptions {
  targets: string[];
  files: string[];
  minDays: number;
  warnDays: number;
  caFile?: string;
  servername?: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
  budgetMs: number;
}

export type CertGateOverrides = Partial<CertGateOptions>;

/** Values given on the command line or as action inputs replace the policy file's; lists replace lists. */
export function resolveCertOptions(policy: CertsPolicy, overrides: CertGateOverrides): CertGateOptions {
  const options: CertGateOptions = {
    targets: overrides.targets && overrides.targets.length > 0 ? overrides.targets : policy.targets,
    files: overrides.files && overrides.files.length > 0 ? overrides.files : policy.files,
    minDays: overrides.minDays ?? policy["min-days"],
    warnDays: overrides.warnDays ?? policy["warn-days"],
    timeoutMs: overrides.timeoutMs ?? policy.timeout,
    retries: overrides.retries ?? policy.retries,
    concurrency: overrides.concurrency ?? policy.concurrency,
    budgetMs: overrides.budgetMs ?? policy.budget,
  };
  const caFile = overrides.caFile ?? policy["ca-file"];
  const servername = overrides.servername ?? policy.servername;
  if (caFile) options.caFile = caFile;
  if (servername) options.servername = servername;
  return options;
}

const MAX_PEM_BYTES = 5 * 1024 * 1024;

async function readPem(file: string, cwd: string, what: string): Promise<string> {
  const absolute = path.resolve(cwd, file);
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UserError(`${file}: the ${what} is not a regular file`);
    if (info.size > MAX_PEM_BYTES) throw new UserError(`${file}: the ${what} is ${info.size} bytes; at most ${MAX_PEM_BYTES} are read`);
    return await readFile(absolute, "utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Connections through node:tls, which loads only for servers to connect to: a run that reads PEM files does without it. */
export async function defaultCertDeps(): Promise<CertCheckDeps> {
  const { fetchPeerChain, hostnameError } = await import("../net/tls.ts");
  return {
    connect: fetchPeerChain,
    hostnameError,
    monotonic: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export interface CertGateRun {
  reports: CertReport[];
  result: GateResult;
}

export async function runCertGate(options: CertGateOptions, context: { cwd: string; now: Date; deps?: CertCheckDeps }): Promise<CertGateRun> {
  const targets = options.targets.map((raw, i) => parseTarget(raw, `target ${i + 1}`));
  const fileTargets: FileTarget[] = [
    ...targets.filter((t): t is FileTarget => t.kind === "file"),
    ...options.files.map((file): FileTarget => ({ kind: "file", label: `file:${file}`, path: file })),
  ];
  const hostTargets = targets.filter((t): t is HostTarget => t.kind === "host");
  if (hostTargets.length === 0 && fileTargets.length === 0) {
    throw new UserError("no certificates to check: give host[:port] targets or PEM files (arguments, --file, or gates.certs.targets/files in the policy)");
  }
  if (options.servername && hostTargets.length > 1) {
    throw new UserError("servername (--servername, input servername or gates.certs.servername) applies to one target; give a single host[:port] with it");
  }

  const fileResults: CertReport[] = [];
  for (const target of fileTargets) {
    const certificates = parsePemCertificates(await readPem(target.path, context.cwd, "PEM file"), target.path);
    if (certificates.length === 0) throw new UserError(`${target.path}: no CERTIFICATE block found`);
    fileResults.push(...fileReports(target, certificates, options, context.now));
  }

  const extraAnchors = options.caFile ? parsePemCertificates(await readPem(options.caFile, context.cwd, "CA file"), options.caFile) : [];
  if (options.caFile && extraAnchors.length === 0) throw new UserError(`${options.caFile}: the CA file holds no CERTIFICATE block`);
  let hostResults: CertReport[] = [];
  if (hostTargets.length > 0) {
    const { systemTrustAnchors } = await import("../net/tls.ts");
    const anchors = [...systemTrustAnchors(), ...extraAnchors.map((c) => c.certificate)];
    hostResults = await checkHosts(hostTargets, { ...options, anchors }, context.deps ?? (await defaultCertDeps()), context.now);
  }
  const reports = [...hostResults, ...fileResults];
  return { reports, result: certGateResult(reports, options) };
}

const icon = { pass: "✅", warn: "⚠️", fail: "❌" } as const;

function row(report: CertReport): string {
  const expiry = report.earliestExpiry ? report.earliestExpiry.slice(0, 10) : "—";
  const days = report.daysLeft === null ? "—" : String(report.daysLeft);
  return `| ${icon[report.status]} | ${cell(report.target)} | ${days} | ${expiry} | ${cell(report.subject ?? "—")} | ${cell(report.error ?? "")} |`;
}

export function certGateResult(reports: CertReport[], options: CertGateOptions): GateResult {
  const counted = reports.filter((r) => !r.superseded);
  const superseded = reports.filter((r) => r.superseded);
  const failed = counted.filter((r) => r.status === "fail");
  const warned = counted.filter((r) => r.status === "warn");
  const status = failed.length > 0 ? "fail" : warned.length > 0 ? "warn" : "pass";
  const earliest = counted.map((r) => r.earliestExpiry).filter((d): d is string => d !== null).sort()[0] ?? null;
  const chainDays = counted.map((r) => r.earliestExpiryDaysLeft).filter((d): d is number => d !== null);
  const title =
    failed.length > 0
      ? `${failed.length} of ${counted.length} certificates failed (minimum ${options.minDays} days)`
      : warned.length > 0
        ? `${warned.length} of ${counted.length} certificates expire within ${options.warnDays} days`
        : `${counted.length} certificates valid for at least ${options.minDays} days`;
  const table = ["| | Target | Days left | Earliest expiry | Subject | Problem |", "| --- | --- | --- | --- | --- | --- |", ...counted.map(row)];
  const parts = [table.join("\n")];
  if (superseded.length > 0) {
    parts.push(
      "Superseded certificates (replaced by a newer one with the same subject in the same file; not counted):",
      ["| Certificate | Expires | Subject | Replaced by serial |", "| --- | --- | --- | --- |",
        ...superseded.map((r) => `| ${cell(r.target)} | ${r.notAfter?.slice(0, 10) ?? "—"} | ${cell(r.subject ?? "—")} | ${cell(r.supersededBy ?? "")} |`)].join("\n"),
    );
  }
  return {
    gate: "certs",
    status,
    title,
    summary: parts.join("\n\n"),
    findings: [...failed, ...warned].map((r) => ({
      level: r.status === "fail" ? "failure" : "warning",
      title: `certificate ${r.target}`,
      message: `${r.target}: ${r.error ?? ""}`,
      ...(r.file ? { file: r.file, ...(r.line ? { line: r.line } : {}) } : {}),
    })),
    metrics: {
      targets: counted.length,
      failed: failed.length,
      warned: warned.length,
      superseded: superseded.length,
      "earliest-expiry": earliest,
      "min-days-left": chainDays.length > 0 ? Math.min(...chainDays) : null,
    },
  };
}
