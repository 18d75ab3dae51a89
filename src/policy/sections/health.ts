import type { JsonSchema } from "../json-schema.ts";

const statusItem: JsonSchema = {
  anyOf: [
    { type: "integer", minimum: 100, maximum: 599 },
    { type: "string", pattern: "^\\s*\\d{3}(\\s*-\\s*\\d{3})?(\\s*,\\s*\\d{3}(\\s*-\\s*\\d{3})?)*\\s*$" },
  ],
};

/** One endpoint to check; the rollout checks its canary (or idle colour) with the same shape. */
export const healthEndpoint: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["url"],
  properties: {
    name: { type: "string", minLength: 1, description: "A short name for reports and the `failed-endpoints` output; defaults to the URL." },
    url: { type: "string", minLength: 1, pattern: "^https?://", description: "The http:// or https:// URL to request." },
    method: { type: "string", enum: ["GET", "HEAD"], default: "GET", description: "The request method; health checks only read." },
    headers: {
      type: "object",
      additionalProperties: { type: "string" },
      default: {},
      description: "Extra request headers (for secrets, prefer the action's environment and a header the server reads from it).",
    },
    status: {
      anyOf: [statusItem, { type: "array", items: statusItem, minItems: 1 }],
      default: "200-299",
      description: "Expected status: a code (200), a range (\"200-299\"), a comma list (\"200,204\") or a list of these.",
    },
    "body-contains": { type: "string", minLength: 1, description: "Text the response body must contain." },
    "body-matches": {
      type: "string",
      minLength: 1,
      maxLength: 1000,
      description: "A JavaScript regular expression (written by the policy author) the response body must match.",
    },
    json: {
      type: "object",
      description: "JSON paths (`status`, `checks[0].state`, `[\"key.with.dots\"]`) and the values they must equal in the JSON body.",
    },
    "version-json-path": {
      type: "string",
      minLength: 1,
      description: "Where the JSON body carries the deployed version; it must equal the expected release version.",
    },
    "version-header": {
      type: "string",
      minLength: 1,
      pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
      description: "A response header carrying the deployed version; it must equal the expected release version.",
    },
    "max-latency": { type: "integer", minimum: 1, description: "Slowest acceptable response in milliseconds (request sent to body read)." },
    "follow-redirects": { type: "boolean", description: "Overrides the top-level `follow-redirects` for this endpoint." },
  },
};

export const healthSection: JsonSchema = {
  type: "object",
  description: "Post-deploy health checks and smoke tests (action `health-check`, CLI `shipgate health`).",
  additionalProperties: false,
  properties: {
    endpoints: { type: "array", items: healthEndpoint, default: [], description: "The endpoints to check, each with its expectations." },
    version: {
      type: "string",
      minLength: 1,
      description: "The release version that must be serving (checked where an endpoint sets `version-json-path` or `version-header`); the action input `version` overrides it.",
    },
    timeout: { type: "integer", minimum: 100, maximum: 600000, default: 10000, description: "Milliseconds for one request, redirects included." },
    retries: {
      type: "integer",
      minimum: 0,
      maximum: 100,
      default: 5,
      description: "Further attempts of an endpoint that fails any expectation (a deploy warms up), within `budget`.",
    },
    backoff: { type: "integer", minimum: 0, maximum: 600000, default: 1000, description: "Milliseconds before the first retry; doubled before each next one." },
    "max-backoff": { type: "integer", minimum: 0, maximum: 600000, default: 15000, description: "The longest pause between two attempts, in milliseconds." },
    budget: {
      type: "integer",
      minimum: 100,
      maximum: 3600000,
      default: 180000,
      description: "Milliseconds for all endpoints together, retries included; no attempt starts after it.",
    },
    concurrency: { type: "integer", minimum: 1, maximum: 64, default: 4, description: "How many endpoints are checked at the same time." },
    "follow-redirects": {
      type: "boolean",
      default: false,
      description: "Follow 3xx redirects (up to `max-redirects`) and judge the final response; otherwise judge the 3xx itself.",
    },
    "max-redirects": { type: "integer", minimum: 0, maximum: 20, default: 5, description: "The most redirects followed for one request." },
    "max-body-bytes": {
      type: "integer",
      minimum: 1024,
      maximum: 104857600,
      default: 1048576,
      description: "The most body bytes read per response; a longer body fails the body expectations instead of being read on.",
    },
    "ca-file": { type: "string", minLength: 1, description: "A PEM file of additional CA certificates trusted for https:// endpoints." },
  },
};
