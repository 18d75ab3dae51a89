/**
 * The certificate gate's use case, shared by `shipgate certs`, the `cert-gate` action and the preflight: reads
 * PEM files, checks servers and renders one GateResult.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import type { GateResult } from "../core/result.ts";
import { checkHosts, fileReports, type CertReport } from "./check.ts";
import { parsePemCertificates } from "./pem.ts";
import type { CertCheckDeps } from "./ports.ts";
import { certGateResult } from "./result.ts";
import type { CertGateOptions } from "./settings.ts";
import { parseTarget, type FileTarget, type HostTarget } from "./target.ts";

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
