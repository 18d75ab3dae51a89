/** The one shape every gate returns; every renderer in src/report/ reads only this. */
export type GateStatus = "pass" | "fail" | "warn" | "skip";

export type FindingLevel = "failure" | "warning" | "notice";

export interface Finding {
  level: FindingLevel;
  message: string;
  /** Repository-relative path, forward slashes. */
  file?: string;
  line?: number;
  endLine?: number;
  title?: string;
}

export type MetricValue = string | number | boolean | null;

export interface GateResult {
  gate: string;
  status: GateStatus;
  /** One line: the verdict and its reason, e.g. "lines 91.2 % >= 80 %". */
  title: string;
  /** Markdown body with the detail a reviewer needs. */
  summary: string;
  findings: Finding[];
  /** Key figures, also the action's outputs. */
  metrics: Record<string, MetricValue>;
  /** The summary already shows every finding (a table of them): renderers list none again. */
  findingsShown?: boolean;
}

const severity: Record<GateStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The verdict of several gates: the worst status wins; all-skip stays skip. */
export function combineStatus(statuses: GateStatus[]): GateStatus {
  let worst: GateStatus = "skip";
  for (const status of statuses) if (severity[status] > severity[worst]) worst = status;
  return worst;
}
