/** What the health checks need of the world: HTTP requests (src/net/http.ts) and a clock for the time budget. */
import type { HttpFailure, HttpRequest, HttpResponse } from "../net/http.ts";

export interface HealthDeps {
  request: (request: HttpRequest) => Promise<HttpResponse | HttpFailure>;
  monotonic: () => number;
  sleep: (ms: number) => Promise<void>;
}
