import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listActions, renderDoc } from "../../scripts/action-docs.ts";
import { actionMetadata } from "../../scripts/action-metadata.ts";
import { withLayerTable } from "../../scripts/import-graph.ts";
import { policyDoc } from "../../scripts/policy-docs.ts";
import { distDifferences } from "../../scripts/dist-diff.ts";
import { policySchema } from "../../src/policy/schema.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("generated files are current", () => {
  it("every action.yml is what its capability declares (run npm run docs)", async () => {
    for (const { file, text } of await actionMetadata()) expect(await readFile(path.join(root, file), "utf8"), file).toBe(text);
  });

  it("docs/<action>.md tables match each action.yml (run npm run docs)", async () => {
    for (const action of await listActions()) {
      const text = await readFile(path.join(root, action.docPath), "utf8");
      expect(text, action.docPath).toBe(renderDoc(text, action));
    }
  });

  it("docs/architecture.md shows the layer table the layer test enforces (run npm run docs)", async () => {
    const text = await readFile(path.join(root, "docs/architecture.md"), "utf8");
    expect(text).toContain("<!-- generated:layers -->\n| Layer");
    expect(text).toBe(withLayerTable(text));
  });

  it("docs/policy.md documents every key of the schema (run npm run docs)", async () => {
    expect(await readFile(path.join(root, "docs/policy.md"), "utf8")).toBe(policyDoc());
  });

  it("schema/shipgate.schema.json is the schema the loader uses (run npm run build)", async () => {
    expect(JSON.parse(await readFile(path.join(root, "schema/shipgate.schema.json"), "utf8"))).toEqual(policySchema);
  });

  it("dist/ is exactly what the build makes from src/ (run npm run build)", async () => {
    expect(await distDifferences()).toEqual([]);
  }, 120_000);

  it("every action runs on node24 from a bundle in dist/", async () => {
    const { parse } = await import("yaml");
    for (const action of await listActions()) {
      const file = action.id === "shipgate" ? "action.yml" : `actions/${action.id}/action.yml`;
      const meta = parse(await readFile(path.join(root, file), "utf8")) as { runs: { using: string; main: string } };
      expect(meta.runs.using, file).toBe("node24");
      const bundle = path.posix.normalize(path.posix.join(path.posix.dirname(file), meta.runs.main));
      expect(bundle, file).toMatch(/^dist\/[a-z-]+\.js$/);
      await expect(readFile(path.join(root, bundle)), bundle).resolves.toBeDefined();
    }
  });
});
