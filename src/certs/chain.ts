import type { X509Certificate } from "node:crypto";

export interface TrustStore {
  /** Trust anchors by subject, for a quick look-up of a certificate's issuer. */
  bySubject: Map<string, X509Certificate[]>;
  fingerprints: Set<string>;
}

export function trustStore(anchors: X509Certificate[]): TrustStore {
  const bySubject = new Map<string, X509Certificate[]>();
  const fingerprints = new Set<string>();
  for (const anchor of anchors) {
    if (fingerprints.has(anchor.fingerprint256)) continue;
    fingerprints.add(anchor.fingerprint256);
    bySubject.set(anchor.subject, [...(bySubject.get(anchor.subject) ?? []), anchor]);
  }
  return { bySubject, fingerprints };
}

/** `child` names `parent` as issuer (name and key identifiers) and carries a valid signature by parent's key. */
export function isIssuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  if (!child.checkIssued(parent)) return false;
  try {
    return child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/** Signed by its own key. checkIssued is not used: it rejects a self-signed leaf whose key usage lacks keyCertSign. */
export function isSelfSigned(certificate: X509Certificate): boolean {
  if (certificate.subject !== certificate.issuer) return false;
  try {
    return certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

export interface CertPath {
  /** Leaf first; the trust anchor is not part of it (unless the leaf itself is trusted). */
  certificates: X509Certificate[];
  /** The trusted certificate that signed the last one, or null when the path does not reach the store. */
  anchor: X509Certificate | null;
}

/** Bounds the search: a hostile server can present many certificates that all claim to issue each other. */
const MAX_DEPTH = 8;
const MAX_STEPS = 512;

function earliest(path: X509Certificate[]): number {
  return Math.min(...path.map((c) => c.validToDate.getTime()));
}

/**
 * Builds the certification path from the leaf to a trust anchor through the presented certificates, checking
 * names and signatures ourselves. Of several complete paths (cross-signs) the one that stays valid longest wins,
 * then the shortest. Without a complete path, the longest partial one is returned with `anchor: null`.
 */
export function buildPath(leaf: X509Certificate, presented: X509Certificate[], store: TrustStore): CertPath {
  if (store.fingerprints.has(leaf.fingerprint256)) return { certificates: [leaf], anchor: leaf };
  const candidates = presented.filter((c) => c.fingerprint256 !== leaf.fingerprint256 && !store.fingerprints.has(c.fingerprint256));
  const complete: CertPath[] = [];
  let longestPartial: X509Certificate[] = [leaf];
  let steps = 0;

  const extend = (path: X509Certificate[]): void => {
    if (++steps > MAX_STEPS) return;
    const top = path[path.length - 1]!;
    for (const anchor of store.bySubject.get(top.issuer) ?? []) {
      if (isIssuedBy(top, anchor)) complete.push({ certificates: path, anchor });
    }
    if (path.length > longestPartial.length) longestPartial = path;
    if (path.length >= MAX_DEPTH) return;
    for (const next of candidates) {
      if (path.includes(next) || !isIssuedBy(top, next)) continue;
      extend([...path, next]);
    }
  };
  extend([leaf]);

  if (complete.length === 0) return { certificates: longestPartial, anchor: null };
  complete.sort((a, b) => earliest(b.certificates) - earliest(a.certificates) || a.certificates.length - b.certificates.length);
  return complete[0]!;
}
