/**
 * Metrics for the real-Prometheus tests, as OpenMetrics text: 40 minutes of samples every 15 s, starting about
 * three hours ago (inside the TSDB's retention, outside the head block). The deploy happens at minute 20; the
 * guard observes minutes 21..30. Each `case` label is one scenario:
 *
 * - healthy:  error ratio 0.002 throughout
 * - spike:    error ratio 0.05 from deploy + 2m30s on (sustained)
 * - blip:     error ratio 0.05 for two scrapes at deploy + 4m, otherwise 0.002
 * - idle:     counters flat from before the deploy: rate/rate is 0/0 = NaN
 * - nodata:   no series at all
 * - latency:  p95 0.2 s until deploy + 2m30s, then 0.5 s (more than double)
 * - stable:   p95 0.2 s throughout (the named baseline series)
 * - inf:      p95 0.2 s, then +Inf from deploy + 2m30s (the quantile is in the last bucket)
 */
export const SCRAPE_SECONDS = 15;
const MINUTES = 40;
export const DEPLOY_MINUTE = 20;

export interface Timeline {
  /** First sample, whole minute. */
  origin: Date;
  deploy: Date;
  openMetrics: string;
}

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function buildTimeline(now: Date): Timeline {
  const origin = new Date(Math.floor((now.getTime() - 3 * 3600_000) / 60_000) * 60_000);
  const deploy = minutesAfter(origin, DEPLOY_MINUTE);
  const deploySeconds = DEPLOY_MINUTE * 60;
  const steps = (MINUTES * 60) / SCRAPE_SECONDS;
  const times = Array.from({ length: steps + 1 }, (_, i) => i * SCRAPE_SECONDS);
  const stamp = (offset: number): string => String(origin.getTime() / 1000 + offset);

  /** Per-scrape increments of requests and errors; the counters are their running sums. */
  const traffic: Record<string, (offset: number) => { requests: number; errors: number }> = {
    healthy: () => ({ requests: 100, errors: 0.2 }),
    spike: (t) => ({ requests: 100, errors: t > deploySeconds + 140 ? 5 : 0.2 }),
    blip: (t) => ({ requests: 100, errors: t === deploySeconds + 240 || t === deploySeconds + 255 ? 5 : 0.2 }),
    idle: (t) => (t < deploySeconds - 600 ? { requests: 100, errors: 0.2 } : { requests: 0, errors: 0 }),
  };
  const latency: Record<string, (offset: number) => string> = {
    latency: (t) => (t >= deploySeconds + 150 ? "0.5" : "0.2"),
    stable: () => "0.2",
    inf: (t) => (t >= deploySeconds + 150 ? "+Inf" : "0.2"),
  };

  const lines = ["# TYPE http_requests counter", "# HELP http_requests Requests served."];
  for (const [scenario, increment] of Object.entries(traffic)) {
    for (const code of ["200", "500"]) {
      let total = 0;
      for (const t of times) {
        const step = t === 0 ? { requests: 1000, errors: 2 } : increment(t);
        total += code === "500" ? step.errors : step.requests - step.errors;
        lines.push(`http_requests_total{case="${scenario}",code="${code}"} ${Number(total.toFixed(6))} ${stamp(t)}`);
      }
    }
  }
  lines.push("# TYPE http_request_duration_p95_seconds gauge", "# HELP http_request_duration_p95_seconds 95th percentile of request latency.");
  for (const [scenario, value] of Object.entries(latency)) {
    for (const t of times) lines.push(`http_request_duration_p95_seconds{case="${scenario}"} ${value(t)} ${stamp(t)}`);
  }
  lines.push("# EOF", "");
  return { origin, deploy, openMetrics: lines.join("\n") };
}

/** The error ratio of one scenario, as a team would write it. */
export function errorRatioQuery(scenario: string): string {
  return `sum(rate(http_requests_total{case="${scenario}",code=~"5.."}[1m])) / sum(rate(http_requests_total{case="${scenario}"}[1m]))`;
}

export function latencyQuery(scenario: string): string {
  return `max(http_request_duration_p95_seconds{case="${scenario}"})`;
}
