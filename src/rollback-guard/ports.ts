/** What the guard needs from a metrics server; src/net/prometheus.ts implements it. */
import type { QueryResult } from "../net/prometheus.ts";

export interface MetricsSource {
  instant(query: string, time: Date): Promise<QueryResult>;
  range(query: string, start: Date, end: Date, stepSeconds: number): Promise<QueryResult>;
}
