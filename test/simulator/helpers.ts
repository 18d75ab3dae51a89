import { restEndpointMethods, type Api } from "@octokit/plugin-rest-endpoint-methods";
import { createOctokit } from "../../src/github/client.ts";
import type { Octokit } from "../../src/github/client.ts";
import type { Simulator } from "./index.ts";

/**
 * The real client of src/github/client.ts, pointed at a simulator, with waits shrunk to milliseconds and, unless
 * `throttleWrites` says otherwise, without the 1-3 s spacing of writes (rate-limit handling stays).
 */
export function clientFor(sim: Simulator, settings: { token?: string; baseUrl?: string; timeoutMs?: number; retries?: number; throttleWrites?: boolean } = {}): Octokit {
  return createOctokit({
    token: settings.token ?? "test-token",
    baseUrl: settings.baseUrl ?? sim.url,
    timeoutMs: settings.timeoutMs ?? 5000,
    retries: settings.retries ?? 3,
    retryAfterBaseMs: 1,
    throttleWrites: settings.throttleWrites ?? false,
  });
}

/**
 * The same client with every route of octokit's table, for tests that arrange or read state through routes
 * shipgate never calls (src/github/rest-routes.ts); the client passed in keeps shipgate's own methods.
 */
export function everyRoute<T extends Octokit>(octokit: T): T & Api {
  return Object.assign(Object.create(octokit) as T, restEndpointMethods(octokit));
}

/** clientFor with every route of octokit's table. */
export function apiFor(sim: Simulator, settings: Parameters<typeof clientFor>[1] = {}): Octokit & Api {
  return everyRoute(clientFor(sim, settings));
}

/** A unified-diff hunk adding `count` lines at the start of a new file. */
export function addedFilePatch(count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `+line ${i + 1}`);
  return [`@@ -0,0 +1,${count} @@`, ...lines].join("\n");
}
