import type { X509Certificate } from "node:crypto";
import { buildPath, isSelfSigned, type TrustStore } from "./chain.ts";

export const DAY_MS = 86_400_000;

/** Why a target is not fine. `expiring-soon` is the warning band; every other code fails the gate. */
export type CertProblemCode =
  | "expiring"
  | "expiring-soon"
  | "expired"
  | "not-yet-valid"
  | "self-signed"
  | "untrusted"
  | "incomplete-chain"
  | "wrong-host"
  | "unreachable"
  | "timeout"
  | "handshake-failed";

export interface CertProblem {
  code: CertProblemCode;
  message: string;
}

export interface CertThresholds {
  /** Below this many days left (leaf or any certificate of the verified chain) the gate fails. */
  minDays: number;
  /** Below this many days left it warns (no band when not above minDays). */
  warnDays: number;
}

export interface CertificateFacts {
  subject: string;
  issuer: string;
  sans: string[];
  serialNumber: string;
  fingerprint256: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
}

export interface ChainFacts {
  /** The earliest notAfter over the leaf and the intermediates of the verified path (not the trust anchor). */
  earliestExpiry: string;
  earliestExpiryDaysLeft: number;
  /** Subject of the certificate that expires first. */
  earliestExpirySubject: string;
  /** The path that was evaluated, leaf first, anchor last when one was reached. */
  path: { subject: string; notAfter: string; role: "leaf" | "intermediate" | "anchor" }[];
  trusted: boolean;
}

export interface Evaluation {
  status: "pass" | "warn" | "fail";
  problems: CertProblem[];
}

/** Node's one-RDN-per-line form on one line, in the certificate's order (as `openssl x509 -subject` shows it). */
export function formatName(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

/** Node's "DNS:a, IP Address:1.2.3.4" as a list, IP entries written "IP:". */
export function sansOf(certificate: X509Certificate): string[] {
  const raw = certificate.subjectAltName;
  if (!raw) return [];
  return raw
    .split(/, (?=[A-Za-z][A-Za-z ]*:)/)
    .map((entry) => entry.replace(/^IP Address:/, "IP:"))
    .filter(Boolean);
}

export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

export function factsOf(certificate: X509Certificate, now: Date): CertificateFacts {
  return {
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    sans: sansOf(certificate),
    serialNumber: certificate.serialNumber,
    fingerprint256: certificate.fingerprint256,
    notBefore: certificate.validFromDate.toISOString(),
    notAfter: certificate.validToDate.toISOString(),
    daysLeft: daysLeft(certificate.validToDate, now),
  };
}

function statusOf(problems: CertProblem[]): Evaluation["status"] {
  if (problems.some((p) => p.code !== "expiring-soon")) return "fail";
  return problems.length > 0 ? "warn" : "pass";
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Time problems of one certificate on its own: not yet valid, expired, below the thresholds. */
function timeProblems(certificate: X509Certificate, role: string, now: Date, thresholds: CertThresholds): CertProblem[] {
  const name = formatName(certificate.subject);
  const notAfter = certificate.validToDate;
  if (certificate.validFromDate.getTime() > now.getTime()) {
    return [{ code: "not-yet-valid", message: `the ${role} ${name} is not valid before ${certificate.validFromDate.toISOString()}` }];
  }
  if (notAfter.getTime() <= now.getTime()) {
    return [{ code: "expired", message: `the ${role} ${name} expired on ${notAfter.toISOString()}` }];
  }
  const left = notAfter.getTime() - now.getTime();
  const days = daysLeft(notAfter, now);
  if (left < thresholds.minDays * DAY_MS) {
    return [{ code: "expiring", message: `the ${role} ${name} expires in ${days} days (${isoDay(notAfter)}), below the minimum of ${thresholds.minDays}` }];
  }
  if (left < thresholds.warnDays * DAY_MS) {
    return [{ code: "expiring-soon", message: `the ${role} ${name} expires in ${days} days (${isoDay(notAfter)}), within the warning band of ${thresholds.warnDays}` }];
  }
  return [];
}

export interface ConnectionEvaluation extends Evaluation {
  leaf: CertificateFacts;
  chain: ChainFacts;
}

/**
 * Evaluates what a server presented: builds and verifies the path to a trust anchor, checks the name the client
 * asked for, and the validity period of the leaf and of every intermediate on the verified path.
 */
export function evaluatePresentedChain(input: {
  presented: X509Certificate[];
  store: TrustStore;
  /** The DNS name or IP literal the certificate must be valid for. */
  expectedName: string;
  hostnameError: (name: string, certificate: X509Certificate) => string | undefined;
  now: Date;
  thresholds: CertThresholds;
}): ConnectionEvaluation {
  const [leaf, ...rest] = input.presented;
  if (!leaf) throw new Error("evaluatePresentedChain needs at least the leaf certificate");
  const path = buildPath(leaf, rest, input.store);
  const problems: CertProblem[] = [];

  if (!path.anchor) {
    const top = path.certificates[path.certificates.length - 1]!;
    if (top === leaf && isSelfSigned(leaf)) {
      problems.push({ code: "self-signed", message: `the certificate is self-signed (${formatName(leaf.subject)}) and not in the trust store` });
    } else if (isSelfSigned(top)) {
      problems.push({ code: "untrusted", message: `the chain ends at ${formatName(top.subject)}, which is not in the trust store` });
    } else {
      problems.push({
        code: "incomplete-chain",
        message: `incomplete chain: the issuer ${formatName(top.issuer)} of ${formatName(top.subject)} was neither presented by the server nor found in the trust store`,
      });
    }
  }

  const nameError = input.hostnameError(input.expectedName, leaf);
  if (nameError) problems.push({ code: "wrong-host", message: `wrong host: ${nameError}` });

  path.certificates.forEach((certificate, i) => {
    // A leaf that is itself a trust anchor still counts: it is what the server presents.
    problems.push(...timeProblems(certificate, i === 0 ? "certificate" : "intermediate", input.now, input.thresholds));
  });

  const counted = path.certificates;
  const first = counted.reduce((a, b) => (b.validToDate.getTime() < a.validToDate.getTime() ? b : a));
  const pathFacts: ChainFacts["path"] = counted.map((c, i) => ({ subject: formatName(c.subject), notAfter: c.validToDate.toISOString(), role: i === 0 ? "leaf" : "intermediate" }));
  if (path.anchor && path.anchor !== leaf) pathFacts.push({ subject: formatName(path.anchor.subject), notAfter: path.anchor.validToDate.toISOString(), role: "anchor" });

  return {
    status: statusOf(problems),
    problems: orderProblems(problems),
    leaf: factsOf(leaf, input.now),
    chain: {
      earliestExpiry: first.validToDate.toISOString(),
      earliestExpiryDaysLeft: daysLeft(first.validToDate, input.now),
      earliestExpirySubject: formatName(first.subject),
      path: pathFacts,
      trusted: path.anchor !== null,
    },
  };
}

/** The most telling problem first: a certificate that is not valid at all before one that merely expires soon. */
const order: CertProblemCode[] = [
  "unreachable", "timeout", "handshake-failed", "expired", "not-yet-valid", "self-signed", "untrusted",
  "incomplete-chain", "wrong-host", "expiring", "expiring-soon",
];
function orderProblems(problems: CertProblem[]): CertProblem[] {
  return [...problems].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}

export interface FileCertificateEvaluation extends Evaluation {
  facts: CertificateFacts;
  /** Serial number of the newer certificate with the same subject that replaces this one, or null. */
  supersededBy: string | null;
}

/**
 * A rotated bundle keeps the old certificate next to its replacement. A certificate is superseded by another with
 * the same subject that expires later, except a cross-sign (same subject and key, different issuer), which is a
 * second path, not a replacement.
 */
export function supersededBy(certificate: X509Certificate, all: X509Certificate[]): X509Certificate | null {
  let newest: X509Certificate | null = null;
  for (const other of all) {
    if (other === certificate || other.subject !== certificate.subject) continue;
    if (other.validToDate.getTime() <= certificate.validToDate.getTime()) continue;
    const sameKey = other.publicKey.equals(certificate.publicKey);
    if (sameKey && other.issuer !== certificate.issuer) continue;
    if (!newest || other.validToDate.getTime() > newest.validToDate.getTime()) newest = other;
  }
  return newest;
}

/** Every certificate of a PEM file on its own: validity period and thresholds (files carry no host to check). */
export function evaluateFileCertificates(certificates: X509Certificate[], now: Date, thresholds: CertThresholds): FileCertificateEvaluation[] {
  return certificates.map((certificate) => {
    const newer = supersededBy(certificate, certificates);
    const problems = newer ? [] : timeProblems(certificate, "certificate", now, thresholds);
    return { status: statusOf(problems), problems, facts: factsOf(certificate, now), supersededBy: newer ? newer.serialNumber : null };
  });
}
