import { readFileSync } from "node:fs";
import path from "node:path";
import { buildClientSchema, parse, validate, type IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import { ALL_QUERIES } from "../../src/github/queries.ts";

// GitHub's published GraphQL schema: the simulator's resolvers do not check queries, this does.
const introspection = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../node_modules/@octokit/graphql-schema/schema.json"), "utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
const schema = buildClientSchema(introspection.data ?? introspection);

describe("GraphQL documents against GitHub's schema", () => {
  for (const [name, query] of Object.entries(ALL_QUERIES)) {
    it(`${name} is valid`, () => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    });
  }

  it("catches a misspelt field (the check can fail)", () => {
    const broken = ALL_QUERIES.TEAMS.replace("nodes { login }", "nodes { logon }");
    expect(validate(schema, parse(broken)).map((e) => e.message).join("\n")).toMatch(/logon/);
  });
});
