/** The grammar of an incident deduplication key template, e.g. "{workflow}/{environment}": shared by the policy schema and the incident capability. */
export const KEY_FIELDS = ["workflow", "environment", "branch", "event", "repository"] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

/** Literal text without braces, and {field} placeholders from KEY_FIELDS. */
export const KEY_TEMPLATE_PATTERN = `^([^{}]|\\{(${KEY_FIELDS.join("|")})\\})+$`;
