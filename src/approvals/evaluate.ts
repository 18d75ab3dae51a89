import { UserError } from "../core/errors.ts";
import type { Finding, GateResult } from "../core/result.ts";
import type { ApprovalsPolicy } from "../policy/types.ts";
import { cell } from "../report/markdown.ts";
import { ownerName, parseCodeowners, ruleFor, type Owner } from "./codeowners.ts";
import { compileFilePatterns, coversFile, type FilePatterns } from "./file-patterns.ts";
import { decisiveReviews, type Review, type ReviewerDecision } from "./reviews.ts";

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Everything the gate needs, fetched beforehand; logins and team slugs in any case. */
export interface ApprovalsInput {
  pullRequest: {
    author: string;
    headSha: string;
    /** The account that made the most recent push, when known. */
    lastPusher?: string | null;
    /** Where the pusher comes from, said to the reader when it is a guess ("the latest commit's committer"). */
    lastPusherFrom?: string;
  };
  /**
   * Older commits whose pull-request diff equals the head's (a rebase or a merge of the base that changed nothing
   * in the diff): GitHub keeps approvals of them when it dismisses stale approvals.
   */
  sameDiffAsHead?: string[];
  /**
   * Code owners ("@login", "@org/team", lower case) known to lack write access or not to exist: GitHub assigns them
   * no review, so they are not required. Owners not listed are taken as valid.
   */
  ownerAccess?: Record<string, boolean>;
  reviews: Review[];
  changedFiles: string[];
  /** The CODEOWNERS file in effect (see selectCodeowners), or null when the repository has none. */
  codeowners: { path: string; text: string } | null;
  /** Members of each team the rules name, keyed "org/team". */
  teams: Record<string, string[]>;
  /** Each reviewer's permission on the repository. */
  permissions: Record<string, Permission>;
  /** Verified email -> login, for owners given by email. */
  emails?: Record<string, string>;
}

export interface TeamRule {
  paths: string[];
  /** "@org/team" or "org/team". */
  team: string;
  count: number;
  /** The layer that requires it (a ruleset), for the message; the policy file's own rules have none. */
  source?: string;
}

export interface ApprovalsSettings {
  required: number;
  /** GitHub's stale-approval dismissal: an approval counts only on a commit whose diff is the head's. */
  requireHeadCommit: boolean;
  /** GitHub's require_last_push_approval. */
  lastPushApproval: boolean;
  requireWriteAccess: boolean;
  /** as-github: bots with write access count (GitHub Actions' own never); allowed-only: only allowedBots. */
  bots: "as-github" | "allowed-only";
  /** Bot logins whose approvals count with bots "allowed-only" (e.g. "release-bot[bot]"). */
  allowedBots: string[];
  codeowners: boolean;
  teamRules: TeamRule[];
  blockOnChangeRequests: boolean;
  /** Read the base branch's rulesets and branch protection and apply the most restrictive with these settings. */
  githubRules: boolean;
}

const WRITE: ReadonlySet<Permission> = new Set(["admin", "maintain", "write"]);
const FILES_LISTED = 5;
/** GitHub ignores a CODEOWNERS file above this size. */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

interface ReviewerVerdict {
  decision: ReviewerDecision;
  /** Why the approval does not count; undefined when it counts (or is not an approval). */
  excludedBecause?: string;
}

function lowerKeys<T>(record: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase().replace(/^@/, ""), value]));
}

function fileList(files: string[]): string {
  const shown = files.slice(0, FILES_LISTED).join(", ");
  return files.length > FILES_LISTED ? `${shown} and ${files.length - FILES_LISTED} more` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** GitHub Actions' own identity (GITHUB_TOKEN): GitHub does not count its approvals. */
const ACTIONS_BOT = "github-actions";

function compileTeamRules(rules: TeamRule[]): { rule: TeamRule; slug: string; patterns: FilePatterns }[] {
  return rules.map((rule, i) => {
    const where = rule.source ?? `gates.approvals.team-rules[${i}]`;
    const slug = rule.team.toLowerCase().replace(/^@/, "");
    if (!/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/.test(slug)) throw new UserError(`${where}.team: expected @org/team, got "${rule.team}"`);
    const compiled = compileFilePatterns(rule.paths);
    if (!compiled.ok) throw new UserError(`${where}.paths[${compiled.index}]: ${compiled.error}`);
    return { rule, slug, patterns: compiled.patterns };
  });
}

/**
 * The approvals gate: counts reviews exactly as GitHub does (see decisiveReviews), then checks the number
 * of approvals, code owners of every changed file, N-of-team rules and outstanding change requests.
 */
export function evaluateApprovals(input: ApprovalsInput, settings: ApprovalsSettings): GateResult {
  const teamRules = compileTeamRules(settings.teamRules);
  const author = input.pullRequest.author.toLowerCase();
  const lastPusher = input.pullRequest.lastPusher?.toLowerCase() ?? null;
  const headSha = input.pullRequest.headSha;
  const sameDiff = new Set(input.sameDiffAsHead ?? []);
  const isFresh = (commit: string) => commit === headSha || sameDiff.has(commit);
  const ownerAccess = lowerKeys(input.ownerAccess ?? {});
  const permissions = lowerKeys(input.permissions);
  const teams = new Map([...lowerKeys(input.teams)].map(([slug, members]) => [slug, new Set(members.map((m) => m.toLowerCase()))]));
  const emails = lowerKeys(input.emails ?? {});
  // REST names apps "name[bot]", GraphQL just "name": compare without the suffix.
  const botName = (login: string) => login.toLowerCase().replace(/\[bot\]$/, "");
  const allowedBots = new Set(settings.allowedBots.map(botName));
  const findings: Finding[] = [];
  const reasons: string[] = [];

  const verdicts: ReviewerVerdict[] = [...decisiveReviews(input.reviews).values()].map((decision) => {
    const permission = permissions.get(decision.login) ?? "none";
    let excludedBecause: string | undefined;
    if (decision.state !== "APPROVED") excludedBecause = undefined;
    else if (decision.login === author) excludedBecause = "is the pull request's author";
    else if (decision.isBot && botName(decision.login) === ACTIONS_BOT) excludedBecause = "is GitHub Actions (GITHUB_TOKEN), whose approvals GitHub does not count";
    else if (decision.isBot && settings.bots === "allowed-only" && !allowedBots.has(botName(decision.login))) excludedBecause = "is a bot not listed in allowed-bots";
    else if (settings.requireWriteAccess && !WRITE.has(permission)) excludedBecause = `has no write access (${permission})`;
    else if (settings.requireHeadCommit && !isFresh(decision.review.commitId)) {
      excludedBecause = `approved ${decision.review.commitId.slice(0, 7)}, whose diff differs from the head commit ${headSha.slice(0, 7)}'s (a stale approval)`;
    }
    return { decision, ...(excludedBecause ? { excludedBecause } : {}) };
  });
  const approvers = verdicts.filter((v) => v.decision.state === "APPROVED" && !v.excludedBecause).map((v) => v.decision.login);
  for (const v of verdicts) if (v.excludedBecause) findings.push({ level: "notice", message: `the approval of @${v.decision.login} does not count: @${v.decision.login} ${v.excludedBecause}` });

  if (settings.lastPushApproval) {
    const from = input.pullRequest.lastPusherFrom ? ` (${input.pullRequest.lastPusherFrom})` : "";
    const approvedPush = verdicts.some((v) => v.decision.state === "APPROVED" && !v.excludedBecause && v.decision.login !== lastPusher && isFresh(v.decision.review.commitId));
    if (!lastPusher) {
      findings.push({ level: "failure", message: "the approval of the most recent push is required, but who pushed it is unknown" });
      reasons.push("last pusher unknown");
    } else if (!approvedPush) {
      findings.push({
        level: "failure",
        message: `the most recent push (${headSha.slice(0, 7)}, by @${lastPusher}${from}) needs an approval from someone other than @${lastPusher}, given after it; approvals of older commits do not count for it`,
      });
      reasons.push("last push not approved by another person");
    }
  }
  if (approvers.length < settings.required) {
    findings.push({ level: "failure", message: `${plural(settings.required, "approval")} required, ${approvers.length} counted${approvers.length ? ` (${approvers.map((a) => `@${a}`).join(", ")})` : ""}` });
    reasons.push(`${approvers.length} of ${settings.required} approvals`);
  }

  if (settings.blockOnChangeRequests) {
    const blocking = verdicts.filter((v) => v.decision.state === "CHANGES_REQUESTED" && v.decision.login !== author && (!settings.requireWriteAccess || WRITE.has(permissions.get(v.decision.login) ?? "none")));
    for (const v of blocking) findings.push({ level: "failure", message: `@${v.decision.login} requested changes (review ${v.decision.review.id} on ${v.decision.review.commitId.slice(0, 7)}) and has not approved or been dismissed since` });
    if (blocking.length > 0) reasons.push(`changes requested by ${blocking.map((v) => `@${v.decision.login}`).join(", ")}`);
  }

  const isMember = (slug: string, login: string) => teams.get(slug)?.has(login) ?? false;
  const ignoredOwners = new Set<string>();
  const validOwners = (owners: Owner[]): Owner[] =>
    owners.filter((owner) => {
      const valid = ownerAccess.get(ownerName(owner).toLowerCase().replace(/^@/, "")) !== false;
      if (!valid) ignoredOwners.add(ownerName(owner));
      return valid;
    });
  const ownerApproves = (owner: Owner, login: string): boolean =>
    owner.kind === "user" ? owner.login === login : owner.kind === "team" ? isMember(owner.slug, login) : emails.get(owner.email)?.toLowerCase() === login;

  let filesWithoutOwnerApproval = 0;
  if (settings.codeowners) {
    if (input.codeowners && Buffer.byteLength(input.codeowners.text) > MAX_CODEOWNERS_BYTES) {
      findings.push({ level: "warning", message: `${input.codeowners.path} is larger than 3 MB, so GitHub does not load it: no code-owner approvals are required`, file: input.codeowners.path });
    } else if (!input.codeowners) {
      // Many repositories have no CODEOWNERS; that is a fact to note, not a problem to warn about.
      findings.push({ level: "notice", message: "no CODEOWNERS file in .github/, the repository root or docs/: no code-owner approvals are required" });
    } else {
      const codeowners = parseCodeowners(input.codeowners.text, input.codeowners.path);
      for (const problem of codeowners.problems) findings.push({ level: "warning", message: problem.message, file: codeowners.path, line: problem.line });
      const missing = new Map<string, { owners: Owner[]; files: string[] }>();
      for (const file of input.changedFiles) {
        const rule = ruleFor(codeowners, file);
        const owners = validOwners(rule?.owners ?? []);
        if (owners.length === 0) continue;
        if (approvers.some((login) => owners.some((owner) => ownerApproves(owner, login)))) continue;
        const key = owners.map(ownerName).join(" ");
        const entry = missing.get(key) ?? { owners, files: [] };
        entry.files.push(file);
        missing.set(key, entry);
      }
      for (const { owners, files } of missing.values()) {
        filesWithoutOwnerApproval += files.length;
        const unknownTeams = owners.filter((o) => o.kind === "team" && !teams.has(o.slug)).map(ownerName);
        const note = unknownTeams.length > 0 ? ` (membership of ${unknownTeams.join(", ")} was not provided)` : "";
        findings.push({ level: "failure", message: `${plural(files.length, "file")} need${files.length === 1 ? "s" : ""} an approval from one of ${owners.map(ownerName).join(", ")}${note}: ${fileList(files)}` });
      }
      if (ignoredOwners.size > 0) {
        const names = [...ignoredOwners].sort().join(", ");
        findings.push({ level: "notice", message: `${names} ${ignoredOwners.size === 1 ? "is" : "are"} named in ${codeowners.path} but ${ignoredOwners.size === 1 ? "does" : "do"} not exist or lack${ignoredOwners.size === 1 ? "s" : ""} write access: GitHub assigns no code-owner review to them, so their approval is not required`, file: codeowners.path });
      }
      if (filesWithoutOwnerApproval > 0) reasons.push(`${plural(filesWithoutOwnerApproval, "file")} without a code-owner approval`);
    }
  }

  for (const { rule, slug, patterns } of teamRules) {
    const files = input.changedFiles.filter((file) => coversFile(patterns, file));
    if (files.length === 0) continue;
    const fromTeam = approvers.filter((login) => isMember(slug, login));
    if (fromTeam.length >= rule.count) continue;
    const note = teams.has(slug) ? "" : ` (membership of @${slug} was not provided)`;
    const by = rule.source ? ` (${rule.source})` : "";
    findings.push({ level: "failure", message: `${plural(rule.count, "approval")} from @${slug} required for ${rule.paths.join(", ")}${by}, ${fromTeam.length} counted${note}; files: ${fileList(files)}` });
    reasons.push(`${fromTeam.length} of ${rule.count} from @${slug}`);
  }

  const failed = findings.some((f) => f.level === "failure");
  const warned = findings.some((f) => f.level === "warning");
  const title = failed ? reasons.join("; ") : `${plural(approvers.length, "approval")}${approvers.length ? ` (${approvers.map((a) => `@${a}`).join(", ")})` : ""}`;
  return {
    gate: "approvals",
    status: failed ? "fail" : warned ? "warn" : "pass",
    title,
    summary: summaryOf(verdicts),
    findings,
    metrics: {
      approvals: approvers.length,
      required: settings.required,
      "changes-requested": verdicts.filter((v) => v.decision.state === "CHANGES_REQUESTED").length,
      "files-without-owner-approval": filesWithoutOwnerApproval,
      "changed-files": input.changedFiles.length,
    },
  };
}

function summaryOf(verdicts: ReviewerVerdict[]): string {
  if (verdicts.length === 0) return "No reviews yet.";
  const rows = verdicts.map(({ decision, excludedBecause }) => {
    const counts = decision.state === "APPROVED" ? (excludedBecause ? `no: ${excludedBecause}` : "yes") : "—";
    return `| @${cell(decision.login)} | ${decision.state.toLowerCase().replace("_", " ")} | ${decision.review.commitId.slice(0, 7)} | ${cell(counts)} |`;
  });
  return ["| Reviewer | Latest review | Commit | Counts |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The gate's settings from the policy file's gates.approvals section. */
export function approvalsSettingsOf(policy: ApprovalsPolicy): ApprovalsSettings {
  return {
    required: policy.required,
    requireHeadCommit: policy["require-head-commit"],
    lastPushApproval: policy["require-last-push-approval"] || policy["exclude-last-pusher"],
    requireWriteAccess: policy["require-write-access"],
    bots: policy.bots,
    allowedBots: policy["allowed-bots"],
    codeowners: policy.codeowners,
    teamRules: policy["team-rules"],
    blockOnChangeRequests: policy["block-on-change-requests"],
    githubRules: policy["github-rules"],
  };
}
