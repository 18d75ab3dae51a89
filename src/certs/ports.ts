/** What the certificate checks need of the world: TLS connections (src/net/tls.ts) and a clock for the time budget. */
import type { X509Certificate } from "node:crypto";
import type { TlsFailure, TlsSuccess, TlsTarget } from "../net/tls.ts";

export interface CertCheckDeps {
  connect: (target: TlsTarget) => Promise<TlsSuccess | TlsFailure>;
  hostnameError: (name: string, certificate: X509Certificate) => string | undefined;
  /** Milliseconds from a monotonic clock, for the time budget. */
  monotonic: () => number;
  sleep: (ms: number) => Promise<void>;
}
