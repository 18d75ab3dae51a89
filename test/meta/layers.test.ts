/**
 * The layers of docs/DESIGN.md "Layers", enforced by the build: no import cycle between files or folders of src/,
 * and every import of src/ follows the table LAYERS in scripts/import-graph.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  adjacency,
  buildGraph,
  findCycles,
  folderEdges,
  isPortEdge,
  folderOf,
  layerOf,
  layerViolations,
  parseImports,
  resolveSpecifier,
  type Edge,
  type ImportRef,
} from "../../scripts/import-graph.ts";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Imports that may break a layer rule, each with the reason. At most 3; cycles can never be excepted.
 * An entry that no longer matches a violation fails the test: remove it when the import is gone.
 */
const ALLOWED: readonly { from: string; to: string; reason: string }[] = [
  // (empty: no exception so far)
];

function sourcesOfSrc(): Map<string, string> {
  const files = readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" })
    .map((f) => path.posix.join("src", f.split(path.sep).join("/")))
    .filter((f) => f.endsWith(".ts"))
    .sort();
  return new Map(files.map((f) => [f, readFileSync(path.join(root, f), "utf8")]));
}

const at = (e: Edge): string => `${e.from}:${e.line} -> ${e.to}${e.typeOnly ? " (type-only)" : e.kind === "dynamic" ? " (dynamic)" : ""}`;

describe("parseImports", () => {
  type Found = Pick<ImportRef, "specifier" | "line" | "kind" | "typeOnly"> & { inline?: true };
  const cases: [name: string, source: string, found: Found[]][] = [
    ["default and named imports", `import a from "./a.ts";\nimport { b, c as d } from "../b.ts";`, [
      { specifier: "./a.ts", line: 1, kind: "import", typeOnly: false },
      { specifier: "../b.ts", line: 2, kind: "import", typeOnly: false },
    ]],
    ["side-effect and namespace imports", `import "./setup.ts";\nimport * as ns from './ns.ts';`, [
      { specifier: "./setup.ts", line: 1, kind: "import", typeOnly: false },
      { specifier: "./ns.ts", line: 2, kind: "import", typeOnly: false },
    ]],
    ["multi-line import: the line of the statement", `const x = 1;\nimport {\n  a,\n  b,\n} from\n  "./multi.ts";`, [
      { specifier: "./multi.ts", line: 2, kind: "import", typeOnly: false },
    ]],
    ["import type and export type", `import type { A } from "./a.ts";\nexport type { B } from "./b.ts";`, [
      { specifier: "./a.ts", line: 1, kind: "import", typeOnly: true },
      { specifier: "./b.ts", line: 2, kind: "export", typeOnly: true },
    ]],
    ["inline `type` names still load the module", `import { type A, type B } from "./a.ts";\nimport { type C, d } from "./c.ts";`, [
      { specifier: "./a.ts", line: 1, kind: "import", typeOnly: false, inline: true },
      { specifier: "./c.ts", line: 2, kind: "import", typeOnly: false },
    ]],
    ["re-exports", `export * from "./all.ts";\nexport * as ns from "./ns.ts";\nexport { x, y as z } from "./xy.ts";\nexport { local };`, [
      { specifier: "./all.ts", line: 1, kind: "export", typeOnly: false },
      { specifier: "./ns.ts", line: 2, kind: "export", typeOnly: false },
      { specifier: "./xy.ts", line: 3, kind: "export", typeOnly: false },
    ]],
    ["dynamic import with a literal, not with an expression", `async function f(name: string) {\n  const m = await import("../github/client.ts");\n  await import(\`./tpl.ts\`);\n  await import(name);\n  await import("./" + name);\n}`, [
      { specifier: "../github/client.ts", line: 2, kind: "dynamic", typeOnly: false },
      { specifier: "./tpl.ts", line: 3, kind: "dynamic", typeOnly: false },
    ]],
    ["import types in type positions", `let c: typeof import("./c.ts");\ntype T = import("./t.ts").T;`, [
      { specifier: "./c.ts", line: 1, kind: "import-type-node", typeOnly: true },
      { specifier: "./t.ts", line: 2, kind: "import-type-node", typeOnly: true },
    ]],
    ["line comments are not imports", `// import a from "./a.ts";\nconst x = 1; // import("./b.ts")\n/// export * from "./c.ts"`, []],
    ["block and JSDoc comments are not imports", `/* import a from "./a.ts"; */\n/**\n * @example\n * import { b } from "./b.ts";\n * @type {import("./c.ts").C}\n */\nconst x = 1;`, []],
    ["strings and templates are not imports", `const a = 'import a from "./a.ts"';\nconst b = "export * from './b.ts'";\nconst c = \`import("./c.ts") \${a} import d from "./d.ts"\`;`, []],
    ["a regular expression with quotes does not hide the next import", `const re = /from "['"]/;\nimport e from "./e.ts";`, [
      { specifier: "./e.ts", line: 2, kind: "import", typeOnly: false },
    ]],
    ["a comment inside a multi-line import", `import {\n  a, // from "./no.ts"\n  /* b */ c,\n} from "./yes.ts";`, [
      { specifier: "./yes.ts", line: 1, kind: "import", typeOnly: false },
    ]],
    ["package and node: imports are found too (the graph leaves them out)", `import { readFile } from "node:fs/promises";\nimport semver from "semver";`, [
      { specifier: "node:fs/promises", line: 1, kind: "import", typeOnly: false },
      { specifier: "semver", line: 2, kind: "import", typeOnly: false },
    ]],
  ];

  it.each(cases)("%s", (_name, source, found) => {
    const got = parseImports(source).map(({ specifier, line, kind, typeOnly, inlineTypeNamesOnly }) => ({
      specifier, line, kind, typeOnly, ...(inlineTypeNamesOnly ? { inline: true as const } : {}),
    }));
    expect(got).toEqual(found);
  });
});

describe("resolveSpecifier, findCycles, layerViolations", () => {
  const files = new Set(["src/a/x.ts", "src/a/index.ts", "src/b/y.ts"]);
  const exists = (f: string): boolean => files.has(f);

  it.each([
    ["src/b/y.ts", "../a/x.ts", "src/a/x.ts"],
    ["src/b/y.ts", "../a/x.js", "src/a/x.ts"],
    ["src/b/y.ts", "../a/x", "src/a/x.ts"],
    ["src/b/y.ts", "../a", "src/a/index.ts"],
    ["src/b/y.ts", "./missing.ts", null],
    ["src/b/y.ts", "semver", undefined],
    ["src/b/y.ts", "node:path", undefined],
  ] as const)("%s imports %s -> %s", (from, spec, to) => {
    expect(resolveSpecifier(from, spec, exists)).toBe(to);
  });

  it("finds each elementary cycle, from its smallest node", () => {
    const next = adjacency([
      { from: "a", to: "b" }, { from: "b", to: "a" }, { from: "b", to: "c" }, { from: "c", to: "a" },
      { from: "d", to: "d" }, { from: "e", to: "a" },
    ]);
    expect(findCycles(["a", "b", "c", "d", "e"], next)).toEqual([
      { component: ["a", "b", "c"], cycles: [["a", "b", "a"], ["a", "b", "c", "a"]] },
      { component: ["d"], cycles: [["d", "d"]] },
    ]);
  });

  it("places files in layers; unlisted folders are capabilities", () => {
    expect(["src/cli.ts", "src/cli/main.ts", "src/actions/x.ts", "src/coverage/a.ts", "src/brand-new/a.ts", "src/github/c.ts", "src/report/m.ts", "src/policy/sections/s.ts", "src/core/r.ts"].map(layerOf))
      .toEqual(["entry", "entry", "entry", "capability", "capability", "adapter", "report", "policy", "core"]);
  });

  it("adapters may import the port types of a capability's ports.ts, nothing else of it; capabilities never import the doors", () => {
    const sources = new Map([
      ["src/github/ok.ts", `import type { Port } from "../coverage/ports.ts";\nimport { retry } from "../core/retry.ts";`],
      ["src/github/bad.ts", `import { type Port } from "../coverage/ports.ts";`],
      ["src/github/typed.ts", `import type { Model } from "../coverage/model.ts";`],
      ["src/coverage/ports.ts", `import { flag } from "../cli/options.ts";\nimport { y } from "../window/y.ts";`],
      ["src/coverage/model.ts", ``],
      ["src/window/y.ts", `export const y = 1;`],
      ["src/core/retry.ts", `import { render } from "../report/m.ts";`],
      ["src/report/m.ts", ``],
      ["src/cli/options.ts", `import { x } from "../coverage/ports.ts";`],
    ]);
    const messages = layerViolations(buildGraph(sources).edges).map((v) => v.message);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/^src\/core\/retry\.ts:1 imports src\/report\/m\.ts \(value import.*rule "core -> report" broken/);
    expect(messages[1]).toMatch(/^src\/coverage\/ports\.ts:1 imports src\/cli\/options\.ts .*rule "capability -> entry" broken/);
    expect(messages[2]).toMatch(/^src\/github\/bad\.ts:1 imports src\/coverage\/ports\.ts .*write `import type`.*rule "adapter -> capability \(value import; only type-only allowed\)"/);
    expect(messages[3]).toMatch(/^src\/github\/typed\.ts:1 imports src\/coverage\/model\.ts \(type-only import.*rule "adapter -> capability/);
    expect(buildGraph(sources).edges.filter(isPortEdge).map((e) => e.from)).toEqual(["src/github/ok.ts"]);
  });
});

describe("layers of src/ (docs/DESIGN.md, table LAYERS in scripts/import-graph.ts)", () => {
  const graph = buildGraph(sourcesOfSrc());

  it("every relative import names a file of src/", () => {
    // package.json is the one file outside src/ that src/ reads (the CLI's --version); esbuild inlines it.
    const unresolved = graph.unresolved.filter((u) => u.specifier !== "../../package.json");
    expect(unresolved.map((u) => `${u.from}:${u.line} imports "${u.specifier}": no such file`)).toEqual([]);
  });

  it("no import cycle between files (type-only and dynamic imports count)", () => {
    const report = findCycles(graph.files, adjacency(graph.edges)).flatMap(({ cycles }) => cycles.map((c) => `file cycle: ${c.join(" -> ")}`));
    expect(report).toEqual([]);
  });

  it("no import cycle between folders (src/<folder>/ as a node; an adapter's import of a port type is not a dependency)", () => {
    const byPair = folderEdges(graph.edges.filter((edge) => !isPortEdge(edge)));
    const folders = [...new Set(graph.files.map(folderOf))];
    const next = adjacency([...byPair.keys()].map((k) => ({ from: k.split(" -> ")[0]!, to: k.split(" -> ")[1]! })));
    const report = findCycles(folders, next).flatMap(({ cycles, component }) => [
      `folders in one cycle: ${component.join(", ")}`,
      ...cycles.map((c) => {
        const edges = c.slice(1).map((to, i) => {
          const via = byPair.get(`${c[i]} -> ${to}`) ?? [];
          return `  ${c[i]} -> ${to}: ${via.map(at).join("; ")}`;
        });
        return [`folder cycle: ${c.join(" -> ")}`, ...edges].join("\n");
      }),
    ]);
    expect(report).toEqual([]);
  });

  const violations = layerViolations(graph.edges);
  const excepted = (v: { edge: Edge }): boolean => ALLOWED.some((a) => a.from === v.edge.from && a.to === v.edge.to);

  it("every import follows the layer rules", () => {
    const byRule = new Map<string, string[]>();
    for (const v of violations.filter((x) => !excepted(x))) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v.message]);
    const report = [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, messages]) => `${rule} (${messages.length}):\n  ${messages.join("\n  ")}`);
    expect(report).toEqual([]);
  });

  it("the allow-list is short, explained, and every exception still occurs", () => {
    expect(ALLOWED.length).toBeLessThanOrEqual(3);
    for (const a of ALLOWED) expect(a.reason.trim(), `${a.from} -> ${a.to}`).not.toBe("");
    const stale = ALLOWED.filter((a) => !violations.some((v) => v.edge.from === a.from && v.edge.to === a.to));
    expect(stale.map((a) => `${a.from} -> ${a.to} is allowed but no longer breaks a rule: remove it from ALLOWED`)).toEqual([]);
  });
});
