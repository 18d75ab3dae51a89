/** The certificate gate's front door: action `cert-gate`, `shipgate certs`, the preflight's certs entry. */
import type { Capability } from "../core/capability.ts";
import { checkNameOption, configOption, checkRunTokenOption } from "../core/common-options.ts";
import { list, pathOf, text, wholeNumber } from "../core/options.ts";
import type { Policy } from "../policy/types.ts";
import { gateText } from "../report/text.ts";
import { runCertGate, type CertGateRun } from "./run.ts";
import { resolveCertOptions, type CertGateOptions } from "./settings.ts";
import { certIncidentSubjects } from "./subjects.ts";

const options = {
  targets: {
    type: list("TARGET", "host, host:port, [IPv6]:port, https://host[:port] or file:PATH targets"),
    positional: true,
    policy: "gates.certs.targets",
    description: "Servers to check: host, host:port, [IPv6]:port, https://host[:port], or file:PATH (port 443 when omitted). Overrides gates.certs.targets of the policy file.",
  },
  files: {
    type: list("PEM", "PEM files"),
    flag: "file",
    policy: "gates.certs.files",
    description: "PEM files or bundles whose every certificate is checked. Overrides gates.certs.files.",
  },
  "min-days": { type: wholeNumber({ min: 0 }), policy: "gates.certs.min-days", description: "Fail below this many days left. Default from the policy file, else 30." },
  "warn-days": { type: wholeNumber({ min: 0 }), policy: "gates.certs.warn-days", description: "Warn below this many days left. Default from the policy file, else 45." },
  "ca-file": {
    type: pathOf("FILE"),
    flag: "ca",
    policy: "gates.certs.ca-file",
    description: "A PEM file of extra trusted CA certificates (an internal CA), trusted alongside the system store.",
  },
  servername: {
    type: text("NAME", "a TLS server name"),
    policy: "gates.certs.servername",
    description: "TLS server name (SNI) to send and to check the certificate against; only with a single target.",
  },
  timeout: { type: wholeNumber({ min: 100, max: 600_000 }, "MS"), policy: "gates.certs.timeout", description: "Milliseconds for one connection (TCP connect plus TLS handshake). Default 10000." },
  retries: { type: wholeNumber({ min: 0, max: 10 }), policy: "gates.certs.retries", description: "Further attempts after a network failure; certificate problems are never retried. Default 2." },
  concurrency: { type: wholeNumber({ min: 1, max: 64 }), policy: "gates.certs.concurrency", description: "How many targets are checked at the same time. Default 8." },
  budget: { type: wholeNumber({ min: 100, max: 3_600_000 }, "MS"), policy: "gates.certs.budget", description: "Milliseconds for all targets together, retries included. Default 120000." },
  config: configOption,
  token: checkRunTokenOption,
  "check-name": checkNameOption("shipgate / certs"),
};

function detailLines(run: CertGateRun): string[] {
  return run.reports.map((r) => {
    const days = r.daysLeft === null ? "" : ` ${r.daysLeft} days left (chain until ${r.earliestExpiry?.slice(0, 10)})`;
    const mark = r.superseded ? "superseded" : r.status;
    return `${mark.padEnd(10)} ${r.target}${days}${r.error ? `: ${r.error}` : ""}`;
  });
}

const metric = (value: unknown): string => (value === null || value === undefined ? "" : String(value));

export const certsDoor: Capability<typeof options, { options: CertGateOptions; cwd: string }, CertGateRun, Policy> = {
  name: "certs",
  options,
  action: {
    name: "cert-gate",
    title: "shipgate cert-gate",
    description:
      "Fails when a TLS certificate of a server or a PEM file is expired, not yet valid, untrusted, for the wrong host, has an incomplete chain, or has fewer than min-days left (the leaf or any intermediate of the verified chain). Unreachable or timed-out servers fail too. Permissions: contents read for the policy file and PEM files; checks write for the check run (only with `token`).",
    checkName: "shipgate / certs",
    branding: { icon: "lock", color: "green" },
    outputs: {
      "failed-targets": "Comma-separated targets that failed (file certificates as file:PATH#N).",
      "min-days-left": "The fewest whole days left over all counted certificates and their chains; empty when none was read.",
      "earliest-expiry": "The earliest expiry (ISO 8601) over all counted certificates and their chains; empty when none was read.",
      "incident-subjects":
        'The targets as subjects for the incident action\'s mode `reconcile`: a JSON list of `{ "key", "title", "failed", "details" }` with the key `cert:<target>` (file certificates `cert:file:PATH#N`; superseded ones are left out).',
      results: "JSON list with one object per target or file certificate (host, port, ok, daysLeft, notAfter, earliestExpiry, subject, issuer, sans, error, ...).",
    },
  },
  command: {
    details: [
      "Targets: host, host:port, [IPv6]:port, https://host[:port], file:PATH. Port 443 when omitted.",
      "Each server's chain is verified against the system trust store plus --ca, and against the host name",
      "(or --servername). Fails when the leaf or an intermediate of the verified chain has fewer than --min-days",
      "days left, or is expired, not yet valid, self-signed, untrusted, for another host, incomplete, or the",
      "server is unreachable or times out. Network failures are retried (--retries); certificate problems are not.",
      "Settings not given here come from gates.certs in the policy file.",
      "",
      "--json prints a list of { host, port, ok, daysLeft, notAfter, earliestExpiry, subject, issuer, sans, error, ... }.",
    ].join("\n"),
  },
  settings(values, scope) {
    const certs = resolveCertOptions(scope.policy.gates.certs, {
      targets: values.targets,
      files: values.files,
      minDays: values["min-days"],
      warnDays: values["warn-days"],
      caFile: values["ca-file"],
      servername: values.servername,
      timeoutMs: values.timeout,
      retries: values.retries,
      concurrency: values.concurrency,
      budgetMs: values.budget,
    });
    // Without a root option the root is the door's base directory, so typed paths and the policy's resolve alike;
    // file targets keep the path as written, since it names them in outputs and incident keys.
    return { options: certs, cwd: scope.root };
  },
  run: (settings, invocation) => runCertGate(settings.options, { cwd: settings.cwd, now: invocation.now }),
  present(run) {
    const { reports, result } = run;
    return {
      results: [result],
      outputs: {
        "failed-targets": reports.filter((r) => !r.ok).map((r) => r.target).join(","),
        "min-days-left": metric(result.metrics["min-days-left"]),
        "earliest-expiry": metric(result.metrics["earliest-expiry"]),
        "incident-subjects": JSON.stringify(certIncidentSubjects(reports)),
        results: JSON.stringify(reports),
      },
      json: reports,
      text: gateText({ ...result, findings: [] }, { details: detailLines(run) }),
    };
  },
  preflight: (policy) => policy.gates.certs.enabled && policy.gates.certs.targets.length + policy.gates.certs.files.length > 0,
};
