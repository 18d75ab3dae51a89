/**
 * Keeps src/policy/types.ts in step with the policy schema (src/policy/schema.ts and ./sections/), as types.ts claims.
 *
 * How: `KEYS` below lists every key of the policy, nested like the file, and is typed `KeyTree<Policy>`: a mapped type
 * that asks for exactly the keys of each interface (optional ones too), descending into objects and into the items of
 * arrays of objects; records with free keys (`headers`, `bumps`, ...) and scalars are `true`. So
 * - a key added to or removed from an interface of types.ts breaks `tsc` (missing or excess property in KEYS);
 * - a key added to or removed from the schema fails the runtime test, which builds the same tree from the schema's
 *   `properties` (and `items`, `oneOf`, `anyOf`) and compares it with KEYS;
 * - the loader is checked too: defaultPolicy() (built from the schema's defaults) has the type Policy, has every
 *   section, and holds only keys that KEYS knows.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { JsonSchema } from "../../src/policy/json-schema.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import { policySchema } from "../../src/policy/schema.ts";
import type { Policy } from "../../src/policy/types.ts";

type Leaf = true;
/** For each key of T (optional or not): a subtree for an object or an array of objects, `true` otherwise. */
type KeyTree<T> = { [K in keyof T]-?: KeyNode<NonNullable<T[K]>> };
type KeyNode<V> = [V] extends [readonly (infer E)[]] ? ElementNode<E> : [V] extends [object] ? (string extends keyof V ? Leaf : KeyTree<V>) : Leaf;
type ElementNode<E> = [E] extends [object] ? (string extends keyof E ? Leaf : KeyTree<E>) : Leaf;

interface Tree {
  [key: string]: Tree | Leaf;
}

const KEYS: KeyTree<Policy> = {
  gates: {
    coverage: {
      enabled: true,
      reports: true,
      format: true,
      lines: true,
      branches: true,
      functions: true,
      "per-file": true,
      patch: true,
      "max-drop": true,
      baseline: true,
      "worst-files": true,
    },
    certs: {
      enabled: true,
      targets: true,
      files: true,
      "min-days": true,
      "warn-days": true,
      "ca-file": true,
      servername: true,
      timeout: true,
      retries: true,
      concurrency: true,
      budget: true,
    },
    security: {
      enabled: true,
      reports: true,
      "max-critical": true,
      "max-high": true,
      "max-medium": true,
      "max-low": true,
      "max-unknown": true,
      accept: {
        id: true,
        package: true,
        path: true,
        reason: true,
        expires: true,
      },
      "max-report-mb": true,
    },
    approvals: {
      enabled: true,
      required: true,
      "require-head-commit": true,
      "require-last-push-approval": true,
      "exclude-last-pusher": true,
      "require-write-access": true,
      "allowed-bots": true,
      bots: true,
      "github-rules": true,
      codeowners: true,
      "team-rules": {
        paths: true,
        team: true,
        count: true,
      },
      "block-on-change-requests": true,
    },
    "go-no-go": {
      enabled: true,
      "issue-rules": {
        name: true,
        labels: true,
        max: true,
      },
      "required-checks": true,
      "passing-conclusions": true,
      staging: {
        required: true,
        environment: true,
      },
    },
  },
  health: {
    endpoints: {
      name: true,
      url: true,
      method: true,
      headers: true,
      status: true,
      "body-contains": true,
      "body-matches": true,
      json: true,
      "version-json-path": true,
      "version-header": true,
      "max-latency": true,
      "follow-redirects": true,
    },
    version: true,
    timeout: true,
    retries: true,
    backoff: true,
    "max-backoff": true,
    budget: true,
    concurrency: true,
    "follow-redirects": true,
    "max-redirects": true,
    "max-body-bytes": true,
    "ca-file": true,
  },
  preflight: {
    comment: true,
  },
  rollback: {
    prometheus: {
      url: true,
      "bearer-token-env": true,
      "username-env": true,
      "password-env": true,
      timeout: true,
      retries: true,
    },
    observation: true,
    interval: true,
    rules: {
      name: true,
      query: true,
      above: true,
      "above-baseline": {
        factor: true,
        offset: true,
        query: true,
      },
      for: true,
      step: true,
      "min-samples": true,
      "no-data": true,
    },
  },
  rollout: {
    strategy: true,
    steps: { weight: true, bake: true, approve: true },
    interval: true,
    "max-wait": true,
    "command-timeout": true,
    commands: { traffic: true, rollback: true, deploy: true, smoke: true, retire: true },
    rules: {
      name: true,
      query: true,
      above: true,
      "above-baseline": { factor: true, offset: true, query: true },
      for: true,
      step: true,
      "min-samples": true,
      "no-data": true,
    },
    metrics: { name: true, canary: true, baseline: true, worse: true, tolerance: true, critical: true },
    judge: { confidence: true, "min-samples": true, "no-data": true, "pass-score": true, "marginal-score": true, "on-marginal": true },
    health: {
      name: true,
      url: true,
      method: true,
      headers: true,
      status: true,
      "body-contains": true,
      "body-matches": true,
      json: true,
      "version-json-path": true,
      "version-header": true,
      "max-latency": true,
      "follow-redirects": true,
    },
    "blue-green": { colours: true, bake: true, keep: true, approve: true },
    incident: true,
  },
  windows: {
    timezone: true,
    deploy: {
      name: true,
      days: true,
      weeks: true,
      start: true,
      end: true,
      timezone: true,
    },
    maintenance: {
      name: true,
      days: true,
      weeks: true,
      start: true,
      end: true,
      timezone: true,
    },
    freezes: {
      name: true,
      from: true,
      to: true,
      timezone: true,
    },
    wait: true,
    override: {
      enabled: true,
      label: true,
      comment: true,
      "disabled-environments": true,
    },
  },
  release: {
    "tag-prefix": true,
    "initial-version": true,
    "pre-major-breaking": true,
    "pre-major-features": true,
    bumps: true,
    prerelease: {
      branches: true,
      identifier: true,
    },
    packages: {
      name: true,
      path: true,
      "tag-format": true,
    },
    "squash-bullets": true,
    branches: {
      development: true,
      production: true,
      release: true,
      hotfix: true,
      "version-files": true,
      "delete-branch": true,
      "back-merge": true,
      changelog: true,
      "deploy-workflow": true,
      "deploy-inputs": true,
    },
    changelog: {
      file: true,
      sections: {
        type: true,
        section: true,
        hidden: true,
      },
      "issue-prefixes": true,
      urls: { commit: true, compare: true, issue: true, user: true },
    },
  },
  incidents: {
    rules: {
      name: true,
      environment: true,
      workflow: true,
      branch: true,
      severity: true,
      assignees: true,
    },
    "default-severity": true,
    sla: {
      P1: {
        response: true,
        resolution: true,
      },
      P2: {
        response: true,
        resolution: true,
      },
      P3: {
        response: true,
        resolution: true,
      },
      P4: {
        response: true,
        resolution: true,
      },
    },
    "dedup-key": true,
    "flap-window": true,
    "on-call": true,
    escalation: true,
    "post-mortem": true,
    labels: {
      incident: true,
      "sla-breached": true,
      "follow-up": true,
    },
  },
  analytics: {
    timezone: true,
    weeks: true,
    production: true,
    environments: true,
    "failure-window": true,
    lookback: true,
    "hotfix-refs": true,
    "max-deployments": true,
    report: {
      label: true,
      title: true,
    },
  },
  report: {
    mentions: true,
  },
  runbooks: {
    label: true,
    "release-checklist": true,
    list: {
      name: true,
      title: true,
      schedule: true,
      timezone: true,
      duration: true,
      due: true,
      owners: true,
      "on-missed": { label: true, comment: true, assignees: true, mention: true },
      generate: true,
      "access-review": { "secret-max-age-days": true, "deploy-key-max-age-days": true, "deploy-key-max-idle-days": true, "privileged-permissions": true, "production-environments": true },
      items: {
        id: true,
        text: true,
        gate: true,
        command: { argv: true, timeout: true },
        "restore-test": { argv: true, rto: true, rpo: true, timeout: true },
      },
    },
  },
};

function schemaNode(schema: JsonSchema): Tree | Leaf {
  const alternatives = [schema, ...(schema.anyOf ?? [])];
  const object = alternatives.find((alternative) => alternative.properties);
  if (object) return schemaTree(object);
  for (const alternative of alternatives) {
    const items = alternative.items && schemaNode(alternative.items);
    if (items && items !== true) return items;
  }
  return true;
}

function schemaTree(schema: JsonSchema): Tree {
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, schemaNode(value)]));
}

/** The key paths of a value, descending into plain objects and arrays of objects as KEYS does. */
function valuePaths(value: unknown, tree: Tree | Leaf, prefix: string, paths: string[]): string[] {
  if (tree === true || value === null || typeof value !== "object") return paths;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
    for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
      const path = `${prefix}${key}`;
      paths.push(path);
      const subtree = tree[key];
      if (subtree !== undefined) valuePaths(child, subtree, `${path}.`, paths);
    }
  }
  return paths;
}

function treePaths(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, child]) => [`${prefix}${key}`, ...(child === true ? [] : treePaths(child, `${prefix}${key}.`))]);
}

describe("src/policy/types.ts and the policy schema", () => {
  it("name the same keys in every section, nested the same way", () => {
    expect(treePaths(schemaTree(policySchema)).sort()).toEqual(treePaths(KEYS as Tree).sort());
    expect(schemaTree(policySchema)).toEqual(KEYS);
  });

  it("defaultPolicy() is a Policy holding only keys of the schema", () => {
    const policy = defaultPolicy();
    expectTypeOf(policy).toEqualTypeOf<Policy>();
    const known = new Set(treePaths(KEYS as Tree));
    expect(valuePaths(policy, KEYS as Tree, "", []).filter((path) => !known.has(path))).toEqual([]);
    // Every section of the schema is in the defaults.
    expect(Object.keys(policy).sort()).toEqual(Object.keys(KEYS).sort());
    expect(Object.keys(policy.gates).sort()).toEqual(Object.keys(KEYS.gates).sort());
  });
});
