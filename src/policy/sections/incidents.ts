import { durationSchema, type JsonSchema } from "../json-schema.ts";
import { KEY_TEMPLATE_PATTERN } from "../../core/key-template.ts";

const duration = (description: string, defaultValue?: string): JsonSchema => durationSchema(description, "15m, 1h or 1d", defaultValue);

/** GitHub logins and teams: `alice`, `@alice`, `@acme/sre`. Validated so that a mention can never carry markup. */
const LOGIN_PATTERN = "^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$";
const ASSIGNEE_PATTERN = "^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$";
const SEVERITIES = ["P1", "P2", "P3", "P4"];

const patterns = (what: string): JsonSchema => ({
  type: "array",
  items: { type: "string", minLength: 1, maxLength: 200 },
  maxItems: 50,
  description: `${what} patterns, any of which must match (\`*\` any run of characters, \`?\` one character). Absent: any ${what.toLowerCase()}.`,
});

const severityRule: JsonSchema = {
  type: "object",
  description: "A severity rule: a failure that matches every condition it gives gets its severity. The first matching rule wins.",
  additionalProperties: false,
  required: ["severity"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100, description: "Name shown in the incident body as the reason for the severity." },
    environment: patterns("Environment"),
    workflow: patterns("Workflow"),
    branch: patterns("Branch"),
    severity: { type: "string", enum: SEVERITIES, description: "The severity of a matching failure." },
    assignees: {
      type: "array",
      items: { type: "string", pattern: ASSIGNEE_PATTERN },
      maxItems: 10,
      description: "Assignees for a matching failure instead of `on-call`.",
    },
  },
};

const sla = (response: string, description: string): JsonSchema => ({
  type: "object",
  description,
  additionalProperties: false,
  default: {},
  properties: {
    response: duration("Time from detection until someone responds (a comment that shipgate did not write).", response),
    resolution: duration("Time from detection until the incident is closed. Absent: resolution is not watched."),
  },
});

export const incidentsSection: JsonSchema = {
  type: "object",
  description: "Incident issues opened on failed workflows (action `incident`, CLI `shipgate incident`): severity, SLAs, deduplication, on-call and escalation.",
  additionalProperties: false,
  properties: {
    rules: {
      type: "array",
      items: severityRule,
      maxItems: 100,
      default: [{ name: "production deploy failure", environment: ["production"], severity: "P2" }],
      description: "Severity rules, first match wins. The default makes a failure in the `production` environment P2.",
    },
    "default-severity": { type: "string", enum: SEVERITIES, default: "P3", description: "Severity of a failure no rule matches." },
    sla: {
      type: "object",
      description: "Service-level agreements per severity.",
      additionalProperties: false,
      default: {},
      properties: {
        P1: sla("15m", "P1 (critical)."),
        P2: sla("1h", "P2 (major)."),
        P3: sla("4h", "P3 (minor)."),
        P4: sla("24h", "P4 (trivial)."),
      },
    },
    "dedup-key": {
      type: "string",
      pattern: KEY_TEMPLATE_PATTERN,
      maxLength: 200,
      default: "{workflow}/{environment}",
      description: "Template of the key that identifies one incident: a repeat failure with the same key comments on the open incident. Fields: {workflow}, {environment}, {branch}, {event}, {repository}.",
    },
    "flap-window": duration("A failure this soon after the incident with the same key was closed reopens it instead of opening a new one.", "1h"),
    "on-call": {
      type: "array",
      items: { type: "string", pattern: ASSIGNEE_PATTERN },
      maxItems: 10,
      default: [],
      description: "GitHub logins assigned to every new incident (unless its rule names assignees).",
    },
    escalation: {
      type: "array",
      items: { type: "string", pattern: LOGIN_PATTERN },
      maxItems: 20,
      default: [],
      description: "Logins or teams (`@org/team`) mentioned once when an incident breaches its SLA.",
    },
    "post-mortem": {
      type: "array",
      items: { type: "string", enum: SEVERITIES },
      uniqueItems: true,
      default: ["P1", "P2"],
      description: "Severities whose incidents get a post-mortem section and, when closed, a follow-up issue for the permanent fix and the post-mortem.",
    },
    labels: {
      type: "object",
      description: "Names of the labels shipgate uses.",
      additionalProperties: false,
      default: {},
      properties: {
        incident: { type: "string", minLength: 1, maxLength: 50, default: "incident", description: "Label of every incident issue (incidents are listed by it)." },
        "sla-breached": { type: "string", minLength: 1, maxLength: 50, default: "sla-breached", description: "Label added when an SLA has passed." },
        "follow-up": { type: "string", minLength: 1, maxLength: 50, default: "incident-follow-up", description: "Label of follow-up issues." },
      },
    },
  },
};
