import type { CertsPolicy } from "../policy/types.ts";

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
