/**
 * TLS adapter: connects, completes the handshake and returns the certificates the server presented.
 * It never decides whether they are good: verification is done by src/certs/ on the returned chain,
 * so certificate problems are reported (not thrown) and never retried.
 */
import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls, { type DetailedPeerCertificate } from "node:tls";

export interface TlsTarget {
  host: string;
  port: number;
  /** SNI server name; omitted for IP literals unless given. */
  servername?: string;
  timeoutMs: number;
}

export type TlsFailureKind = "timeout" | "unreachable" | "handshake";

export interface TlsFailure {
  ok: false;
  kind: TlsFailureKind;
  /** Whether trying again may help (connection refused, reset, timed out). */
  transient: boolean;
  message: string;
}

export interface TlsSuccess {
  ok: true;
  /** DER certificates as presented and linked by issuer, leaf first (may end with a root from Node's store). */
  chain: X509Certificate[];
  protocol: string | null;
}

const transientCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "ECONNABORTED"]);
const unreachableCodes = new Set([...transientCodes, "ENOTFOUND", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);
/** A malicious server could link certificates in a loop or send hundreds; we read at most this many. */
const MAX_CHAIN = 16;

function failureOf(error: NodeJS.ErrnoException, target: TlsTarget): TlsFailure {
  const code = error.code ?? "";
  const where = `${target.host}:${target.port}`;
  if (unreachableCodes.has(code)) {
    return { ok: false, kind: "unreachable", transient: transientCodes.has(code), message: `cannot connect to ${where}: ${code}` };
  }
  return { ok: false, kind: "handshake", transient: false, message: `TLS handshake with ${where} failed: ${code || error.message}` };
}

/** Walks Node's issuerCertificate links (which stop at a self-signed certificate by pointing to itself). */
function chainOf(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw && chain.length < MAX_CHAIN) {
    const certificate = new X509Certificate(current.raw);
    if (seen.has(certificate.fingerprint256)) break;
    seen.add(certificate.fingerprint256);
    chain.push(certificate);
    current = current.issuerCertificate;
  }
  return chain;
}

/** Connects and hands back the presented chain; resolves with a failure instead of rejecting. */
export function fetchPeerChain(target: TlsTarget): Promise<TlsSuccess | TlsFailure> {
  return new Promise((resolve) => {
    const servername = target.servername ?? (isIP(target.host) ? undefined : target.host);
    let settled = false;
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      ...(servername ? { servername } : {}),
      // Verification happens in src/certs/ so that every problem is named instead of one handshake error.
      rejectUnauthorized: false,
    });
    const finish = (result: TlsSuccess | TlsFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    // One timer covers DNS, TCP connect and the handshake.
    const timer = setTimeout(() => {
      finish({ ok: false, kind: "timeout", transient: true, message: `no TLS handshake with ${target.host}:${target.port} within ${target.timeoutMs} ms` });
    }, target.timeoutMs);
    socket.once("secureConnect", () => {
      const chain = chainOf(socket.getPeerCertificate(true));
      if (chain.length === 0) {
        finish({ ok: false, kind: "handshake", transient: false, message: `${target.host}:${target.port} presented no certificate` });
        return;
      }
      finish({ ok: true, chain, protocol: socket.getProtocol() });
    });
    socket.once("error", (error) => finish(failureOf(error, target)));
    socket.once("close", () => finish({ ok: false, kind: "unreachable", transient: true, message: `${target.host}:${target.port} closed the connection during the TLS handshake` }));
  });
}

let anchorCache: X509Certificate[] | undefined;

/**
 * The trust store: Node's bundled Mozilla roots plus the operating system's store.
 * Certificates that Node cannot parse are skipped (a broken system store must not stop the gate).
 */
export function systemTrustAnchors(): X509Certificate[] {
  if (anchorCache) return anchorCache;
  const seen = new Set<string>();
  const anchors: X509Certificate[] = [];
  const pems = [...tls.getCACertificates("bundled"), ...safeSystemCertificates()];
  for (const pem of pems) {
    try {
      const certificate = new X509Certificate(pem);
      if (seen.has(certificate.fingerprint256)) continue;
      seen.add(certificate.fingerprint256);
      anchors.push(certificate);
    } catch {
      continue;
    }
  }
  anchorCache = anchors;
  return anchors;
}

function safeSystemCertificates(): string[] {
  try {
    return tls.getCACertificates("system");
  } catch {
    return [];
  }
}

/** Whether `certificate` is valid for `name` (a DNS name or an IP literal), per node:tls checkServerIdentity. */
export function hostnameError(name: string, certificate: X509Certificate): string | undefined {
  const error = tls.checkServerIdentity(name, certificate.toLegacyObject() as unknown as tls.PeerCertificate);
  return error ? error.message : undefined;
}
