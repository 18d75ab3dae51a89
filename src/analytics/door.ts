/** The delivery analytics front door: action `dora-metrics`, `shipgate dora`. */
import type { Capability, Presentation } from "../core/capability.ts";
import { configOption, repositoryOption, rootOption, timeBudgetOption, tokenOption } from "../core/common-options.ts";
import { UserError } from "../core/errors.ts";
import { requireInstant } from "../core/instant.ts";
import { flag, list, matching, optionLabel, pathOf, resolvePath, text, wholeNumber } from "../core/options.ts";
import type { GateResult } from "../core/result.ts";
import { isKnownZone } from "../core/zone.ts";
import { gitHubAccessOf } from "../github/target.ts";
import type { Policy } from "../policy/types.ts";
import type { Figures } from "./evaluate.ts";
import { ANALYTICS_TOKEN_NEEDS } from "./ports.ts";
import { runAnalyticsOnGitHub, type AnalyticsOutcome, type AnalyticsRequest, type Skipped } from "./run.ts";
import { resolveAnalyticsSettings } from "./settings.ts";
import { completeWeeksBefore, minutesIntoWeek, parseWeekMoment, WEEK_MOMENT_FORMAT } from "./weeks.ts";

const options = {
  weeks: { type: wholeNumber({ min: 1, max: 26 }, "N"), policy: "analytics.weeks", description: "Complete weeks the figures cover, ending with the last complete week (overrides analytics.weeks, default 4)." },
  production: {
    type: list("NAME", "environment names"),
    policy: "analytics.production",
    description: "Production environments, one per line or comma-separated: DORA's metrics are computed for them (overrides analytics.production, default production).",
  },
  timezone: { type: text("ZONE", "an IANA time zone"), policy: "analytics.timezone", description: "IANA time zone whose Monday 00:00 starts a week (overrides analytics.timezone, default windows.timezone)." },
  at: { type: text("ISO"), description: "Compute as of this ISO-8601 instant with a zone (the weeks before the week holding it); default now." },
  "not-before": {
    type: matching(/^(mon|tue|wed|thu|fri|sat|sun) ([01][0-9]|2[0-3]):[0-5][0-9]$/i, "DAY HH:MM", WEEK_MOMENT_FORMAT),
    description:
      "Do nothing when the run's time, in the policy's time zone, is earlier in its week than this (e.g. `mon 09:00`): scheduled twice in UTC (cron knows no time zone), only the runs at or after 09:00 local time report, in summer and in winter.",
  },
  "report-issue": { type: flag, description: "Open or update this week's report issue (one per week, found by its marker); needs issues: write." },
  csv: { type: pathOf("FILE"), description: "Also write the figures per week and environment to this CSV file." },
  cache: {
    type: pathOf("FILE"),
    description: "Cache file between runs (restore and save it with a cache step): settled deployments and the commit graph are read from it, so a run reads only what is newer. Missing or unusable: everything is read, and the file is written.",
  },
  repository: repositoryOption,
  config: { ...configOption, description: "Policy file with the `analytics:` and `incidents:` sections (default .github/shipgate.yml, when present)." },
  root: { ...rootOption, flag: "dir" },
  token: { ...tokenOption, description: "Token that reads deployments, commits, workflow runs, releases and issues (issues: write for the report issue)." },
  "time-budget": timeBudgetOption,
};

type Key = keyof typeof options;

const hours = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 36_000) / 100);

function headline(f: Figures): string[] {
  return [
    `deployment frequency: ${f.deploymentFrequency.deployments} (${f.deploymentFrequency.perDay}/day, ${f.deploymentFrequency.level})`,
    `change lead time: median ${hours(f.leadTime.medianMs) ?? "–"} h, p90 ${hours(f.leadTime.p90Ms) ?? "–"} h (${f.leadTime.level ?? "no data"})`,
    `change failure rate: ${f.changeFailureRate.percent ?? "–"} % (${f.changeFailureRate.count} of ${f.changeFailureRate.of}, ${f.changeFailureRate.level ?? "no data"})`,
    `failed deployment recovery time: median ${hours(f.recoveryTime.medianMs) ?? "–"} h (${f.recoveryTime.level ?? "no data"})`,
    `rework rate: ${f.reworkRate.percent ?? "–"} % (${f.reworkRate.count} of ${f.reworkRate.of})`,
    `deployment success rate: ${f.successRate.percent ?? "–"} % (${f.successRate.count} of ${f.successRate.of}); duration median ${hours(f.duration.medianMs) ?? "–"} h`,
    `incidents: ${f.incidents.all.opened} opened, SLA hit rate ${f.incidents.all.sla.percent ?? "–"} %`,
  ];
}

function resultOf(outcome: AnalyticsOutcome): GateResult {
  const { analytics } = outcome;
  const last = analytics.production.weeks.at(-1)!;
  const items = analytics.actionItems.length;
  return {
    gate: "dora-metrics",
    status: items > 0 ? "warn" : "pass",
    title: `${last.week}: ${last.deploymentFrequency.deployments} production deployments, change failure rate ${last.changeFailureRate.percent ?? "–"} %, ${items} action item(s)`,
    summary: outcome.report.body,
    findings: analytics.actionItems.map((item) => ({ level: item.kind === "sla-breach" ? "warning" : "notice", message: item.message })),
    metrics: {
      week: last.week,
      "deployment-frequency": analytics.production.period.deploymentFrequency.perDay,
      "change-failure-rate": analytics.production.period.changeFailureRate.percent,
      requests: outcome.requests,
    },
  };
}

export const analyticsDoor: Capability<typeof options, AnalyticsRequest, AnalyticsOutcome | Skipped, Policy> = {
  name: "analytics",
  options,
  action: {
    name: "dora-metrics",
    title: "shipgate DORA metrics and weekly delivery report",
    description: [
      "Computes DORA's five software delivery metrics (deployment frequency, change lead time, change failure rate, failed",
      "deployment recovery time, rework rate) with their DORA levels, deployment success rate and duration, and incidents per",
      "severity with their SLA hit rate, per week and environment, from GitHub data alone: deployments and their statuses,",
      "workflow runs, releases, commits and shipgate's incident issues. Writes the weekly report (week-over-week deltas,",
      "action items, Mermaid charts) to the job summary and, with report-issue, to one issue per week.",
      "Permissions: deployments: read, contents: read, actions: read, issues: read (write with report-issue).",
    ].join(" "),
    branding: { icon: "bar-chart-2", color: "blue" },
    outputs: {
      week: "The ISO week reported on, e.g. 2026-W10.",
      "issue-number": "Number of the week's report issue; empty without report-issue.",
      "issue-url": "Web URL of the week's report issue; empty without report-issue.",
      "issue-action": "`opened`, `updated` or `unchanged`; empty without report-issue.",
      "deployment-frequency": "Production deployments per day over the period.",
      "lead-time-hours": "Median change lead time over the period, in hours; empty without data.",
      "change-failure-rate": "Change failure rate over the period, in percent; empty without data.",
      "recovery-time-hours": "Median failed deployment recovery time over the period, in hours; empty without data.",
      "rework-rate": "Rework rate over the period, in percent; empty without data.",
      "success-rate": "Deployment success rate over the period, in percent; empty without data.",
      "action-items": "How many action items the report lists.",
    },
  },
  command: {
    details: [
      "Reads the last --weeks complete weeks (Monday 00:00 in analytics.timezone) before --at (default now), plus",
      "analytics.lookback before them, from GITHUB_TOKEN's view of --repo OWNER/NAME. Definitions: docs/analytics.md.",
      "--report-issue opens or updates the week's report issue (labelled analytics.report.label; re-running updates it).",
      "JSON: { status, week, period, production: { period, weeks }, environments: [{ environment, production, period, weeks }],",
      "actionItems, points: { deployments, changes, recoveries, incidents, skipped }, issue, requests, csv, report }.",
      "Every figure is in the JSON with the data points it came from; --csv FILE writes the figures per week and environment.",
    ].join("\n"),
  },
  async settings(values, scope, invocation) {
    const label = (key: Key): string => optionLabel(invocation.door, key, options[key]);
    const { token, repository } = await gitHubAccessOf(values, { token: label("token"), repository: label("repository") }, "delivery analytics", ANALYTICS_TOKEN_NEEDS, invocation, scope.root);
    const settings = resolveAnalyticsSettings(scope.policy, scope.policySource ?? "built-in defaults (no .github/shipgate.yml)");
    if (values.weeks !== undefined) settings.weeks = values.weeks;
    if (values.production) settings.production = values.production;
    if (values.timezone !== undefined) {
      if (!isKnownZone(values.timezone)) throw new UserError(`${label("timezone")}: "${values.timezone}" is not an IANA time zone (e.g. Europe/Paris, UTC)`);
      settings.timezone = values.timezone;
    }
    const now = values.at === undefined ? invocation.now : requireInstant(values.at, label("at"));
    const notBefore = values["not-before"] === undefined ? undefined : parseWeekMoment(values["not-before"]);
    const skip =
      notBefore !== undefined && minutesIntoWeek(now.getTime(), settings.timezone) < notBefore
        ? `it is before ${values["not-before"]} in ${settings.timezone} (${label("not-before")}): the report is made by a later run`
        : undefined;
    const at = values.at === undefined ? "" : ` --at ${now.toISOString()}`;
    return {
      settings,
      weeks: completeWeeksBefore(now.getTime(), settings.weeks, settings.timezone),
      now,
      repository,
      token,
      ...(values.csv !== undefined ? { csv: resolvePath(invocation.cwd, values.csv) } : {}),
      ...(values.cache !== undefined ? { cache: resolvePath(invocation.cwd, values.cache) } : {}),
      publish: values["report-issue"] === true,
      ...(skip ? { skip } : {}),
      audit: `shipgate dora --repo ${repository.owner}/${repository.repo} --weeks ${settings.weeks}${at} --json`,
    };
  },
  run: runAnalyticsOnGitHub,
  present(outcome): Presentation {
    if ("skipped" in outcome) {
      const result: GateResult = { gate: "dora-metrics", status: "skip", title: `nothing done: ${outcome.skipped}`, summary: "", findings: [], metrics: {} };
      return { results: [result], outputs: { week: "", "issue-number": "", "issue-url": "", "issue-action": "", "action-items": 0 }, json: { status: "skip", skipped: outcome.skipped }, text: result.title };
    }
    const { analytics, issue } = outcome;
    const result = resultOf(outcome);
    const period = analytics.production.period;
    const last = analytics.production.weeks.at(-1)!;
    const text = [
      `${result.title}`,
      `Period ${analytics.period.start} to ${analytics.period.end} (${analytics.period.weeks} weeks, ${analytics.period.timezone}):`,
      ...headline(period).map((line) => `  ${line}`),
      ...(issue ? [`Report issue #${issue.number} ${issue.action}: ${issue.url}`] : []),
      ...(outcome.csv ? [`CSV written to ${outcome.csv}`] : []),
      ...(outcome.cache ? [`${outcome.cache.note}; ${outcome.cache.file} written`] : []),
      ...analytics.actionItems.map((item) => `action: ${item.message}`),
    ].join("\n");
    return {
      results: [result],
      outputs: {
        week: last.week,
        "issue-number": issue?.number ?? "",
        "issue-url": issue?.url ?? "",
        "issue-action": issue?.action ?? "",
        "deployment-frequency": period.deploymentFrequency.perDay,
        "lead-time-hours": hours(period.leadTime.medianMs) ?? "",
        "change-failure-rate": period.changeFailureRate.percent ?? "",
        "recovery-time-hours": hours(period.recoveryTime.medianMs) ?? "",
        "rework-rate": period.reworkRate.percent ?? "",
        "success-rate": period.successRate.percent ?? "",
        "action-items": analytics.actionItems.length,
      },
      json: {
        status: result.status,
        week: last.week,
        period: analytics.period,
        production: analytics.production,
        environments: analytics.environments,
        actionItems: analytics.actionItems,
        points: analytics.points,
        issue,
        requests: outcome.requests,
        cache: outcome.cache,
        csv: outcome.csv,
        report: outcome.report,
      },
      text,
    };
  },
};
