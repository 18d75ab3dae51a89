import type { X509Certificate } from "node:crypto";
import { mapLimit } from "../core/map-limit.ts";
import type { TlsFailure, TlsSuccess } from "../net/tls.ts";
import { trustStore, type TrustStore } from "./chain.ts";
import { evaluateFileCertificates, evaluatePresentedChain, type CertProblem, type CertThresholds } from "./evaluate.ts";
import type { PemCertificate } from "./pem.ts";
import type { CertCheckDeps } from "./ports.ts";
import type { FileTarget, HostTarget } from "./target.ts";

/** One row of `shipgate certs --json` and of the cert-gate table. */
export interface CertReport {
  target: string;
  host: string | null;
  port: number | null;
  file: string | null;
  /** For file targets: the certificate's position in the file and its line. */
  index: number | null;
  line: number | null;
  ok: boolean;
  status: "pass" | "warn" | "fail";
  /** Leaf days left (whole days, negative once expired). */
  daysLeft: number | null;
  notBefore: string | null;
  notAfter: string | null;
  /** Earliest notAfter over the leaf and the intermediates of the verified chain. */
  earliestExpiry: string | null;
  /** Whole days until earliestExpiry: what min-days is compared with. */
  earliestExpiryDaysLeft: number | null;
  earliestExpirySubject: string | null;
  subject: string | null;
  issuer: string | null;
  sans: string[];
  serialNumber: string | null;
  fingerprint256: string | null;
  chain: { subject: string; notAfter: string; role: "leaf" | "intermediate" | "anchor" }[];
  trusted: boolean | null;
  /** File targets: a newer certificate with the same subject replaces this one; it does not count. */
  superseded: boolean;
  supersededBy: string | null;
  problems: CertProblem[];
  /** All problems in one line, null when fine. */
  error: string | null;
  attempts: number;
}

export interface CertCheckSettings extends CertThresholds {
  servername?: string;
  timeoutMs: number;
  /** Further attempts after a network failure (never after a certificate problem). */
  retries: number;
  concurrency: number;
  /** Total time for all targets, including retries. */
  budgetMs: number;
  /** Trust anchors: the system store plus the CA file. */
  anchors: X509Certificate[];
}

const RETRY_BASE_MS = 250;

function emptyReport(target: string, host: string | null, port: number | null, file: string | null): CertReport {
  return {
    target, host, port, file, index: null, line: null, ok: false, status: "fail", daysLeft: null, notBefore: null, notAfter: null,
    earliestExpiry: null, earliestExpiryDaysLeft: null, earliestExpirySubject: null, subject: null, issuer: null, sans: [], serialNumber: null, fingerprint256: null,
    chain: [], trusted: null, superseded: false, supersededBy: null, problems: [], error: null, attempts: 0,
  };
}

function withProblems(report: CertReport, problems: CertProblem[], status: CertReport["status"]): CertReport {
  return { ...report, problems, status, ok: status !== "fail", error: problems.length > 0 ? problems.map((p) => p.message).join("; ") : null };
}

/** Connects with a bounded retry on network failures, inside the overall deadline. */
async function connectWithRetry(target: HostTarget, settings: CertCheckSettings, deps: CertCheckDeps, deadline: number): Promise<{ result: TlsSuccess | TlsFailure; attempts: number }> {
  let attempts = 0;
  for (;;) {
    const remaining = deadline - deps.monotonic();
    if (remaining <= 0) {
      const result: TlsFailure = { ok: false, kind: "timeout", transient: false, message: `the total time budget of ${settings.budgetMs} ms ran out before ${target.label} answered` };
      return { result, attempts };
    }
    attempts++;
    const result = await deps.connect({
      host: target.host,
      port: target.port,
      ...(settings.servername ? { servername: settings.servername } : {}),
      // Whole milliseconds: the monotonic clock is fractional, and the timeout is shown in messages.
      timeoutMs: Math.max(1, Math.round(Math.min(settings.timeoutMs, remaining))),
    });
    if (result.ok || !result.transient || attempts > settings.retries) return { result, attempts };
    const pause = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), deadline - deps.monotonic());
    if (pause <= 0) return { result, attempts };
    await deps.sleep(pause);
  }
}

async function checkHost(target: HostTarget, settings: CertCheckSettings, store: TrustStore, deps: CertCheckDeps, deadline: number, now: Date): Promise<CertReport> {
  const base = emptyReport(target.label, target.host, target.port, null);
  const { result, attempts } = await connectWithRetry(target, settings, deps, deadline);
  if (!result.ok) {
    const code = result.kind === "handshake" ? "handshake-failed" : result.kind;
    return withProblems({ ...base, attempts }, [{ code, message: result.message }], "fail");
  }
  const evaluation = evaluatePresentedChain({
    presented: result.chain,
    store,
    expectedName: settings.servername ?? target.host,
    hostnameError: deps.hostnameError,
    now,
    thresholds: settings,
  });
  const { leaf, chain } = evaluation;
  return withProblems(
    {
      ...base,
      attempts,
      daysLeft: leaf.daysLeft,
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
      earliestExpiry: chain.earliestExpiry,
      earliestExpiryDaysLeft: chain.earliestExpiryDaysLeft,
      earliestExpirySubject: chain.earliestExpirySubject,
      subject: leaf.subject,
      issuer: leaf.issuer,
      sans: leaf.sans,
      serialNumber: leaf.serialNumber,
      fingerprint256: leaf.fingerprint256,
      chain: chain.path,
      trusted: chain.trusted,
    },
    evaluation.problems,
    evaluation.status,
  );
}

/** Reports for every certificate of a parsed PEM file. */
export function fileReports(target: FileTarget, certificates: PemCertificate[], thresholds: CertThresholds, now: Date): CertReport[] {
  const evaluations = evaluateFileCertificates(certificates.map((c) => c.certificate), now, thresholds);
  return evaluations.map((evaluation, i) => {
    const { certificate, index, line } = certificates[i]!;
    const { facts } = evaluation;
    const base = emptyReport(`${target.label}#${index}`, null, null, target.path);
    return withProblems(
      {
        ...base,
        index,
        line,
        daysLeft: facts.daysLeft,
        notBefore: facts.notBefore,
        notAfter: facts.notAfter,
        earliestExpiry: facts.notAfter,
        earliestExpiryDaysLeft: facts.daysLeft,
        earliestExpirySubject: facts.subject,
        subject: facts.subject,
        issuer: facts.issuer,
        sans: facts.sans,
        serialNumber: certificate.serialNumber,
        fingerprint256: facts.fingerprint256,
        superseded: evaluation.supersededBy !== null,
        supersededBy: evaluation.supersededBy,
      },
      evaluation.problems,
      evaluation.status,
    );
  });
}

/** Checks host targets concurrently (bounded) within one total time budget; results keep the input order. */
export async function checkHosts(targets: HostTarget[], settings: CertCheckSettings, deps: CertCheckDeps, now: Date): Promise<CertReport[]> {
  const deadline = deps.monotonic() + settings.budgetMs;
  const store = trustStore(settings.anchors);
  return mapLimit(targets, settings.concurrency, (target) => checkHost(target, settings, store, deps, deadline, now));
}
