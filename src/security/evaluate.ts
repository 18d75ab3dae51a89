import { UserError } from "../core/errors.ts";
import { parsePathPattern, matchesPath, type PathPattern } from "../core/path-pattern.ts";
import type { Finding, GateResult, GateStatus } from "../core/result.ts";
import { securitySummary } from "./summary.ts";
import { SEVERITIES, type ParsedReport, type SecurityFinding, type Severity } from "./types.ts";

/** An accepted risk from the policy file: which finding, why, and until when. */
export interface Acceptance {
  id: string;
  package?: string;
  path?: string;
  reason: string;
  /** YYYY-MM-DD (UTC); the acceptance holds through that day. */
  expires: string;
}

export interface SecuritySettings {
  /** Most findings allowed per severity; an absent severity is unlimited. */
  thresholds: Partial<Record<Severity, number>>;
  accept: Acceptance[];
}

export interface SecurityOptions {
  now: Date;
  /** On pull requests: only findings in these files carry a file/line annotation. */
  changedFiles?: Set<string>;
  /** How many findings the result lists; the counts always cover all of them. */
  listLimit?: number;
}

export type FindingState = "counted" | "accepted" | "expired-acceptance";

export interface EvaluatedFinding extends SecurityFinding {
  state: FindingState;
  acceptance?: Acceptance;
}

export interface SecurityEvaluation {
  result: GateResult;
  findings: EvaluatedFinding[];
  counts: Record<Severity, number>;
  accepted: number;
}

interface CompiledAcceptance {
  acceptance: Acceptance;
  where: string;
  pathPattern?: PathPattern;
  /** The first instant it no longer holds. */
  endsAt: number;
  used: boolean;
}

function compileAcceptance(acceptance: Acceptance, index: number): CompiledAcceptance {
  const where = `gates.security.accept[${index}]`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(acceptance.expires);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const start = Date.UTC(year, month - 1, day);
  const date = new Date(start);
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new UserError(`${where}.expires: expected a date YYYY-MM-DD, got ${JSON.stringify(acceptance.expires)}`);
  }
  if (!acceptance.reason?.trim()) throw new UserError(`${where}.reason: every accepted finding needs a reason`);
  let pathPattern: PathPattern | undefined;
  if (acceptance.path !== undefined) {
    const parsed = parsePathPattern(acceptance.path);
    if (!parsed.ok) throw new UserError(`${where}.path: ${parsed.error}`);
    pathPattern = parsed.pattern;
  }
  return { acceptance, where, ...(pathPattern ? { pathPattern } : {}), endsAt: start + 24 * 3600 * 1000, used: false };
}

function accepts(compiled: CompiledAcceptance, finding: SecurityFinding): boolean {
  const { acceptance, pathPattern } = compiled;
  const id = acceptance.id.toLowerCase();
  if (finding.id.toLowerCase() !== id && !finding.aliases.some((alias) => alias.toLowerCase() === id)) return false;
  if (acceptance.package !== undefined && finding.package !== acceptance.package) return false;
  if (pathPattern && (!finding.file || !matchesPath(pathPattern, finding.file))) return false;
  return true;
}

function describe(finding: SecurityFinding): string {
  const pkg = finding.package ? ` in ${finding.package}${finding.version ? `@${finding.version}` : ""}` : "";
  return `${finding.severity} ${finding.id}${pkg}: ${finding.title}`;
}

function emptyCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

/**
 * The security gate's verdict: findings not accepted count against the per-severity thresholds; an
 * acceptance that has expired no longer hides its finding and fails the gate by itself.
 */
export function evaluateSecurity(reports: ParsedReport[], settings: SecuritySettings, options: SecurityOptions): SecurityEvaluation {
  const now = options.now.getTime();
  const compiled = settings.accept.map(compileAcceptance);
  const evaluated: EvaluatedFinding[] = reports.flatMap((report) => report.findings).map((finding) => {
    const matching = compiled.filter((c) => accepts(c, finding));
    matching.forEach((c) => (c.used = true));
    const active = matching.find((c) => now < c.endsAt);
    if (active) return { ...finding, state: "accepted", acceptance: active.acceptance };
    const expired = matching[0];
    return expired ? { ...finding, state: "expired-acceptance", acceptance: expired.acceptance } : { ...finding, state: "counted" };
  });
  evaluated.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));

  const counts = emptyCounts();
  const acceptedCounts = emptyCounts();
  for (const finding of evaluated) (finding.state === "accepted" ? acceptedCounts : counts)[finding.severity]++;
  const exceeded = SEVERITIES.filter((s) => settings.thresholds[s] !== undefined && counts[s] > settings.thresholds[s]!);
  // An expired acceptance fails the gate while a finding it covered is not covered by a current one.
  const expiredInUse = compiled.filter((c) => now >= c.endsAt && evaluated.some((f) => f.state === "expired-acceptance" && accepts(c, f)));
  const expiredUnused = compiled.filter((c) => now >= c.endsAt && !expiredInUse.includes(c));
  const unusedActive = compiled.filter((c) => !c.used && now < c.endsAt);
  const accepted = SEVERITIES.reduce((sum, s) => sum + acceptedCounts[s], 0);
  const total = SEVERITIES.reduce((sum, s) => sum + counts[s], 0);

  const findings: Finding[] = [];
  for (const c of expiredInUse) {
    findings.push({
      level: "failure",
      message: `the acceptance of ${c.acceptance.id} (${c.where}) expired on ${c.acceptance.expires}; its findings count again. Reason given: ${c.acceptance.reason}`,
    });
  }
  for (const c of expiredUnused) {
    findings.push({ level: "warning", message: `the acceptance of ${c.acceptance.id} (${c.where}) expired on ${c.acceptance.expires} and no finding depends on it; remove it from the policy` });
  }
  for (const c of unusedActive) findings.push({ level: "notice", message: `the acceptance of ${c.acceptance.id} (${c.where}) matches no finding` });

  const limit = options.listLimit ?? 200;
  for (const finding of evaluated.slice(0, limit)) findings.push(toGateFinding(finding, exceeded, options.changedFiles));
  if (evaluated.length > limit) findings.push({ level: "notice", message: `${evaluated.length - limit} more findings are not listed here; see the reports` });

  const status: GateStatus = exceeded.length > 0 || expiredInUse.length > 0 ? "fail" : expiredUnused.length > 0 ? "warn" : "pass";
  const reasons = [
    ...exceeded.map((s) => `${counts[s]} ${s} (at most ${settings.thresholds[s]})`),
    ...(expiredInUse.length > 0 ? [`${expiredInUse.length} expired acceptance${expiredInUse.length === 1 ? "" : "s"}`] : []),
  ];
  const title =
    reasons.length > 0
      ? reasons.join(", ")
      : total === 0
        ? `no findings${accepted > 0 ? ` (${accepted} accepted)` : ""}`
        : `${total} finding${total === 1 ? "" : "s"} within thresholds${accepted > 0 ? ` (${accepted} accepted)` : ""}`;

  const result: GateResult = {
    gate: "security",
    status,
    title,
    summary: securitySummary({
      reports,
      thresholds: settings.thresholds,
      counts,
      accepted: acceptedCounts,
      exceeded,
      findings: evaluated,
      acceptanceNotes: findings.filter((f) => !f.file && f.message.startsWith("the acceptance")).map((f) => `${f.level === "failure" ? "❌" : f.level === "warning" ? "⚠️" : "ℹ️"} ${f.message}`),
    }),
    findings,
    findingsShown: true,
    metrics: { ...counts, accepted, expired: expiredInUse.length, total, reports: reports.length },
  };
  return { result, findings: evaluated, counts, accepted };
}

function toGateFinding(finding: EvaluatedFinding, exceeded: Severity[], changedFiles: Set<string> | undefined): Finding {
  const annotate = annotatedFile(finding) !== undefined && (!changedFiles || changedFiles.has(annotatedFile(finding)!));
  const location = finding.file && !annotate ? ` (${finding.file}${finding.line ? `:${finding.line}` : ""})` : "";
  const source = ` [${finding.tool}, ${finding.report}]`;
  if (finding.state === "accepted") {
    return { level: "notice", message: `accepted until ${finding.acceptance!.expires}: ${describe(finding)}${location}${source}`, ...where(finding, annotate) };
  }
  const level = exceeded.includes(finding.severity) || finding.state === "expired-acceptance" ? "failure" : "notice";
  return { level, title: `${finding.severity}: ${finding.id}`, message: `${describe(finding)}${location}${source}`, ...where(finding, annotate) };
}

/**
 * The file an annotation goes on: the finding's own (a manifest or lockfile has no line: its first line), else the
 * report it came from, when that is a path in the repository.
 */
function annotatedFile(finding: SecurityFinding): string | undefined {
  if (finding.file) return finding.file;
  return /^(\/|[A-Za-z]:[\\/]|\.\.\/)/.test(finding.report) ? undefined : finding.report;
}

function where(finding: SecurityFinding, annotate: boolean): Pick<Finding, "file" | "line" | "endLine"> {
  const file = annotatedFile(finding);
  if (!annotate || !file) return {};
  if (!finding.file || !finding.line) return { file, line: 1 };
  return { file, line: finding.line, ...(finding.endLine ? { endLine: finding.endLine } : {}) };
}
