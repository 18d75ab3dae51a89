import { UserError } from "../core/errors.ts";
import type { HealthEndpointPolicy, HealthStatusSpec } from "../policy/types.ts";
import { JsonPathError, parseJsonPath, type PathSegment } from "./json-path.ts";

/** Inclusive status ranges; a single code is a range of one. */
export type StatusMatcher = [number, number][];

export interface Endpoint {
  name: string;
  url: string;
  method: "GET" | "HEAD";
  headers: Record<string, string>;
  status: StatusMatcher;
  /** The expectation as written, for messages. */
  statusText: string;
  bodyContains?: string;
  bodyMatches?: RegExp;
  json: { path: string; segments: PathSegment[]; expected: unknown }[];
  versionJsonPath?: { path: string; segments: PathSegment[] };
  versionHeader?: string;
  maxLatencyMs?: number;
  followRedirects: boolean;
}

/** "200-299,304" or 200 or a list of them -> ranges; `where` names the key in errors. */
export function parseStatusSpec(spec: HealthStatusSpec, where: string): StatusMatcher {
  const items = Array.isArray(spec) ? spec : [spec];
  const ranges: StatusMatcher = [];
  for (const item of items) {
    for (const part of String(item).split(",")) {
      const match = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(part);
      if (!match) throw new UserError(`${where}: "${part.trim()}" is not a status code or range like 200-299`);
      const low = Number(match[1]);
      const high = match[2] ? Number(match[2]) : low;
      if (low < 100 || high > 599 || low > high) throw new UserError(`${where}: "${part.trim()}" is not a range of HTTP status codes (100-599, low-high)`);
      ranges.push([low, high]);
    }
  }
  return ranges;
}

export function statusMatches(matcher: StatusMatcher, status: number): boolean {
  return matcher.some(([low, high]) => status >= low && status <= high);
}

function compilePattern(pattern: string, where: string): RegExp {
  try {
    // The pattern is the policy author's; it is never built from response text.
    return new RegExp(pattern);
  } catch (error) {
    throw new UserError(`${where}: not a valid regular expression: ${(error as Error).message}`);
  }
}

function path(text: string, where: string): PathSegment[] {
  try {
    return parseJsonPath(text);
  } catch (error) {
    if (error instanceof JsonPathError) throw new UserError(`${where}: ${error.message}`);
    throw error;
  }
}

/** Validates and compiles one endpoint of the policy (or of the command line); errors name the key path. */
export function compileEndpoint(policy: HealthEndpointPolicy, where: string, defaults: { followRedirects: boolean }): Endpoint {
  let url: URL;
  try {
    url = new URL(policy.url);
  } catch {
    throw new UserError(`${where}.url: "${policy.url}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UserError(`${where}.url: only http:// and https:// URLs are checked`);
  if (url.username || url.password) throw new UserError(`${where}.url: credentials in the URL are not accepted; use headers`);
  const endpoint: Endpoint = {
    name: policy.name ?? url.href,
    url: url.href,
    method: policy.method ?? "GET",
    headers: policy.headers ?? {},
    status: parseStatusSpec(policy.status ?? "200-299", `${where}.status`),
    statusText: Array.isArray(policy.status) ? policy.status.join(",") : String(policy.status ?? "200-299"),
    json: Object.entries(policy.json ?? {}).map(([key, expected]) => ({ path: key, segments: path(key, `${where}.json`), expected })),
    followRedirects: policy["follow-redirects"] ?? defaults.followRedirects,
  };
  if (policy["body-contains"] !== undefined) endpoint.bodyContains = policy["body-contains"];
  if (policy["body-matches"] !== undefined) endpoint.bodyMatches = compilePattern(policy["body-matches"], `${where}.body-matches`);
  if (policy["version-json-path"] !== undefined && policy["version-header"] !== undefined) {
    throw new UserError(`${where}: set either version-json-path or version-header, not both`);
  }
  if (policy["version-json-path"] !== undefined) {
    endpoint.versionJsonPath = { path: policy["version-json-path"], segments: path(policy["version-json-path"], `${where}.version-json-path`) };
  }
  if (policy["version-header"] !== undefined) endpoint.versionHeader = policy["version-header"].toLowerCase();
  if (policy["max-latency"] !== undefined) endpoint.maxLatencyMs = policy["max-latency"];
  const needsBody = endpoint.bodyContains !== undefined || endpoint.bodyMatches || endpoint.json.length > 0 || endpoint.versionJsonPath;
  if (needsBody && endpoint.method === "HEAD") throw new UserError(`${where}: HEAD requests have no body to check; use GET`);
  return endpoint;
}
