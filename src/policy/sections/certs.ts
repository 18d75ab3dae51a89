import { gateEnabled, type JsonSchema } from "../json-schema.ts";

const strings = (description: string): JsonSchema => ({ type: "array", items: { type: "string", minLength: 1 }, default: [], description });

export const certsSection: JsonSchema = {
  type: "object",
  description: "The TLS certificate gate (action `cert-gate`, CLI `shipgate certs`).",
  additionalProperties: false,
  properties: {
    enabled: gateEnabled,
    targets: strings("Servers to check: `host`, `host:port`, `[IPv6]:port` or `https://host[:port]`; port 443 when omitted. `file:PATH` names a PEM file like `files`."),
    files: strings("PEM files or bundles whose every certificate is checked (relative to the repository root); superseded certificates of a rotated bundle are listed apart and do not count."),
    "min-days": {
      type: "integer",
      minimum: 0,
      default: 30,
      description: "Fail when the leaf or any intermediate of the verified chain has fewer days left than this.",
    },
    "warn-days": {
      type: "integer",
      minimum: 0,
      default: 45,
      description: "Warn (without failing) when fewer days than this are left; no warning band when not above `min-days`.",
    },
    "ca-file": {
      type: "string",
      minLength: 1,
      description: "A PEM file of additional trusted CA certificates (an internal CA), trusted alongside the system store.",
    },
    servername: {
      type: "string",
      minLength: 1,
      description: "The TLS server name (SNI) to send and to check the certificate against; defaults to each target's host.",
    },
    timeout: {
      type: "integer",
      minimum: 100,
      maximum: 600000,
      default: 10000,
      description: "Milliseconds allowed for one connection: TCP connect plus TLS handshake.",
    },
    retries: {
      type: "integer",
      minimum: 0,
      maximum: 10,
      default: 2,
      description: "Further attempts after a network failure (refused, reset, timed out); certificate problems are never retried.",
    },
    concurrency: { type: "integer", minimum: 1, maximum: 64, default: 8, description: "How many targets are checked at the same time." },
    budget: {
      type: "integer",
      minimum: 100,
      maximum: 3600000,
      default: 120000,
      description: "Milliseconds for all targets together, retries included; targets not answered by then fail as timed out.",
    },
  },
};
