import { UserError } from "../core/errors.ts";
import { resolveCertOptions, runCertGate } from "../certs/gate.ts";
import { loadPolicy } from "../policy/load.ts";
import { gateText } from "../report/text.ts";
import type { CommandSpec } from "./command.ts";
import { configOption, numberOption } from "./options.ts";

export const certsCommand: CommandSpec = {
  name: "certs",
  summary: "Check TLS certificates of servers and PEM files against an expiry threshold",
  usage: "<host[:port]>... [--file PEM]... [options]",
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
  options: {
    "min-days": { type: "string", valueName: "N", description: "Fail below N days left (default 30)" },
    "warn-days": { type: "string", valueName: "N", description: "Warn below N days left (default 45)" },
    ca: { type: "string", valueName: "FILE", description: "PEM file of extra trusted CA certificates" },
    servername: { type: "string", valueName: "NAME", description: "TLS server name (SNI) and the name to check; one target only" },
    timeout: { type: "string", valueName: "MS", description: "Milliseconds for connect + handshake (default 10000)" },
    retries: { type: "string", valueName: "N", description: "Attempts after a network failure (default 2)" },
    concurrency: { type: "string", valueName: "N", description: "Targets checked at the same time (default 8)" },
    budget: { type: "string", valueName: "MS", description: "Milliseconds for all targets together (default 120000)" },
    file: { type: "string", valueName: "PEM", multiple: true, description: "A PEM file or bundle to check (repeatable)" },
    config: configOption,
  },
  positionals: { min: 0 },
  async run(input) {
    const { options: o } = input;
    if (typeof o.servername === "string" && !o.servername.trim()) throw new UserError("--servername: empty name");
    const { policy } = await loadPolicy({ cwd: input.cwd, ...(typeof o.config === "string" ? { file: o.config } : {}) });
    const options = resolveCertOptions(policy.gates.certs, {
      targets: input.positionals,
      files: Array.isArray(o.file) ? o.file : [],
      minDays: numberOption(input, "min-days", { min: 0, max: 100000, integer: true }),
      warnDays: numberOption(input, "warn-days", { min: 0, max: 100000, integer: true }),
      timeoutMs: numberOption(input, "timeout", { min: 100, max: 600000, integer: true }),
      retries: numberOption(input, "retries", { min: 0, max: 10, integer: true }),
      concurrency: numberOption(input, "concurrency", { min: 1, max: 64, integer: true }),
      budgetMs: numberOption(input, "budget", { min: 100, max: 3600000, integer: true }),
      ...(typeof o.ca === "string" ? { caFile: o.ca } : {}),
      ...(typeof o.servername === "string" ? { servername: o.servername } : {}),
    });
    const { reports, result } = await runCertGate(options, { cwd: input.cwd, now: input.now });
    const details = reports.map((r) => {
      const days = r.daysLeft === null ? "" : ` ${r.daysLeft} days left (chain until ${r.earliestExpiry?.slice(0, 10)})`;
      const mark = r.superseded ? "superseded" : r.status;
      return `${mark.padEnd(10)} ${r.target}${days}${r.error ? `: ${r.error}` : ""}`;
    });
    return { exitCode: result.status === "fail" ? 1 : 0, json: reports, text: gateText({ ...result, findings: [] }, { details }) };
  },
};
