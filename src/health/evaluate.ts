import { isDeepStrictEqual } from "node:util";
import { statusMatches, type Endpoint } from "./expectations.ts";
import { valueAt } from "./json-path.ts";

/** What one attempt observed; a network failure has no status. */
export interface Observation {
  status: number | null;
  headers: Record<string, string>;
  body: Buffer;
  bodyTruncated: boolean;
  latencyMs: number;
  redirects: string[];
  /** The network failure, when there is no response. */
  error?: string;
}

export interface AttemptVerdict {
  ok: boolean;
  failures: string[];
  /** The version the endpoint reported, when it is configured to report one. */
  version: string | null;
}

/** Tags are often "v1.2.3" while applications report "1.2.3": compare without that one letter. */
export function sameVersion(reported: string, expected: string): boolean {
  const bare = (v: string): string => v.trim().replace(/^v(?=\d)/, "");
  return bare(reported) === bare(expected);
}

/** Text from a response in a message: quoted, shortened and on one line, never interpreted. */
function quote(text: string, max = 60): string {
  const line = text.replace(/[\r\n\t]+/g, " ");
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}

/** A JSON value as JSON text (already one line), shortened. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Judges one response against an endpoint's expectations. Body expectations are not judged on a body cut at
 * max-body-bytes: a prefix cannot prove that text is absent or that JSON holds a value.
 */
export function evaluateObservation(endpoint: Endpoint, observation: Observation, expectedVersion: string | undefined, maxBodyBytes: number): AttemptVerdict {
  if (observation.status === null) return { ok: false, failures: [observation.error ?? "no response"], version: null };
  const failures: string[] = [];
  if (!statusMatches(endpoint.status, observation.status)) failures.push(`status ${observation.status}, expected ${endpoint.statusText}`);
  if (endpoint.maxLatencyMs !== undefined && observation.latencyMs > endpoint.maxLatencyMs) {
    failures.push(`took ${observation.latencyMs} ms, more than the maximum of ${endpoint.maxLatencyMs} ms`);
  }

  const needsBody = endpoint.bodyContains !== undefined || endpoint.bodyMatches !== undefined || endpoint.json.length > 0 || endpoint.versionJsonPath !== undefined;
  let version: string | null = null;
  if (endpoint.versionHeader) {
    version = observation.headers[endpoint.versionHeader] ?? null;
  }
  if (needsBody && observation.bodyTruncated) {
    failures.push(`the body is larger than max-body-bytes (${maxBodyBytes} bytes); body expectations were not checked`);
  } else if (needsBody) {
    const text = observation.body.toString("utf8");
    if (endpoint.bodyContains !== undefined && !text.includes(endpoint.bodyContains)) failures.push(`the body does not contain ${quote(endpoint.bodyContains)}`);
    if (endpoint.bodyMatches && !endpoint.bodyMatches.test(text)) failures.push(`the body does not match /${endpoint.bodyMatches.source}/`);
    if (endpoint.json.length > 0 || endpoint.versionJsonPath) {
      let document: unknown;
      let parsed = true;
      try {
        document = JSON.parse(text);
      } catch {
        parsed = false;
        failures.push("the body is not valid JSON");
      }
      if (parsed) {
        for (const check of endpoint.json) {
          const actual = valueAt(document, check.segments);
          if (!isDeepStrictEqual(actual, check.expected)) failures.push(`${check.path} is ${describe(actual)}, expected ${describe(check.expected)}`);
        }
        if (endpoint.versionJsonPath) {
          const reported = valueAt(document, endpoint.versionJsonPath.segments);
          version = typeof reported === "string" || typeof reported === "number" ? String(reported) : null;
          if (version === null) failures.push(`no version at ${endpoint.versionJsonPath.path}`);
        }
      }
    }
  }
  if (endpoint.versionHeader && version === null && !endpoint.versionJsonPath) failures.push(`no ${endpoint.versionHeader} header`);
  if (expectedVersion !== undefined && version !== null && !sameVersion(version, expectedVersion)) {
    failures.push(`serving version ${quote(version)}, expected ${quote(expectedVersion)}`);
  }
  return { ok: failures.length === 0, failures, version };
}
