/**
 * The import graph of src/ and the layer rules it must follow (docs/DESIGN "Layers").
 *
 * Pure: it takes file texts and returns data, no file system, so the layer test and a doc generator share it.
 * Imports are read with the TypeScript parser (not regular expressions), so text inside comments, strings,
 * template literals and regular expressions is never taken for an import.
 */
import path from "node:path";
import ts from "typescript";

export type ImportKind = "import" | "export" | "dynamic" | "import-type-node";

export interface ImportRef {
  specifier: string;
  /** 1-based line of the statement (or of the `import(` call). */
  line: number;
  kind: ImportKind;
  /**
   * True only when nothing is loaded at run time: `import type`, `export type`, `typeof import("x")`.
   * `import { type A } from "x"` is NOT type-only: under `verbatimModuleSyntax` and Node's type stripping
   * it stays `import {} from "x"` and still evaluates the module.
   */
  typeOnly: boolean;
  /** Every name is marked `type` inline (`import { type A }`): the fix is usually to write `import type`. */
  inlineTypeNamesOnly: boolean;
}

function namesAllInlineType(elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

function stringLiteralText(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** Every `import ... from "x"`, `import "x"`, `export ... from "x"`, `import("x")` (literal only) and `import("x")` type. */
export function parseImports(sourceText: string, fileName = "input.ts"): ImportRef[] {
  const sf = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const specifier = stringLiteralText(node.moduleSpecifier);
      if (specifier !== undefined) {
        const clause = node.importClause;
        const typeOnly = clause?.isTypeOnly ?? false;
        const bindings = clause?.namedBindings;
        const inline =
          !typeOnly && clause !== undefined && clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings)
            ? namesAllInlineType(bindings.elements)
            : false;
        found.push({ specifier, line: lineOf(node), kind: "import", typeOnly, inlineTypeNamesOnly: inline });
      }
    } else if (ts.isExportDeclaration(node)) {
      const specifier = stringLiteralText(node.moduleSpecifier);
      if (specifier !== undefined) {
        const clause = node.exportClause;
        const inline = !node.isTypeOnly && clause !== undefined && ts.isNamedExports(clause) ? namesAllInlineType(clause.elements) : false;
        found.push({ specifier, line: lineOf(node), kind: "export", typeOnly: node.isTypeOnly, inlineTypeNamesOnly: inline });
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const specifier = stringLiteralText(node.arguments[0]);
      if (specifier !== undefined) found.push({ specifier, line: lineOf(node), kind: "dynamic", typeOnly: false, inlineTypeNamesOnly: false });
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const specifier = ts.isLiteralTypeNode(arg) ? stringLiteralText(arg.literal) : undefined;
      if (specifier !== undefined) found.push({ specifier, line: lineOf(node), kind: "import-type-node", typeOnly: true, inlineTypeNamesOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * The repository path (posix, e.g. `src/core/result.ts`) a relative specifier names, or null when no file matches.
 * Non-relative specifiers (packages, `node:`) return undefined: they are not part of the graph.
 */
export function resolveSpecifier(fromFile: string, specifier: string, exists: (file: string) => boolean): string | null | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const candidates = [base];
  if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, ".$1ts"));
  if (!/\.[cm]?[jt]s$/.test(base)) candidates.push(`${base}.ts`, `${base}/index.ts`);
  return candidates.find(exists) ?? null;
}

export interface Edge extends ImportRef {
  from: string;
  to: string;
}

export interface Graph {
  files: string[];
  edges: Edge[];
  unresolved: (ImportRef & { from: string })[];
}

/** The file graph of the given sources (keys: posix repository paths). */
export function buildGraph(sources: ReadonlyMap<string, string>): Graph {
  const files = [...sources.keys()].sort();
  const exists = (f: string): boolean => sources.has(f);
  const edges: Edge[] = [];
  const unresolved: Graph["unresolved"] = [];
  for (const from of files) {
    for (const ref of parseImports(sources.get(from) ?? "", from)) {
      const to = resolveSpecifier(from, ref.specifier, exists);
      if (to === undefined) continue;
      if (to === null) unresolved.push({ ...ref, from });
      else edges.push({ ...ref, from, to });
    }
  }
  return { files, edges, unresolved };
}

// ---------------------------------------------------------------------------------------------------------------
// Cycles

/** Strongly connected components (Tarjan), each sorted, in a stable order. Singletons only with a self-loop. */
export function stronglyConnected(nodes: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (next.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Cycles, each as [a, b, ..., a] starting at its smallest node, grouped by strongly connected component.
 * Not every elementary cycle (a tangled component has thousands): for each edge of a component, the shortest
 * cycle through it, so every edge that takes part in a cycle is shown at least once, in a short cycle.
 */
export function findCycles(nodes: readonly string[], next: ReadonlyMap<string, readonly string[]>): { component: string[]; cycles: string[][] }[] {
  return stronglyConnected(nodes, next).map((component) => {
    const inComp = new Set(component);
    const succ = (v: string): string[] => [...new Set(next.get(v) ?? [])].filter((w) => inComp.has(w)).sort();
    const shortestPath = (from: string, to: string): string[] => {
      const prev = new Map<string, string>([[from, from]]);
      const queue = [from];
      while (queue.length) {
        const v = queue.shift()!;
        if (v === to) break;
        for (const w of succ(v)) {
          if (prev.has(w)) continue;
          prev.set(w, v);
          queue.push(w);
        }
      }
      const out = [to];
      while (out[0] !== from) out.unshift(prev.get(out[0]!)!);
      return out;
    };
    const covered = new Set<string>();
    const seen = new Set<string>();
    const cycles: string[][] = [];
    for (const u of component) {
      for (const v of succ(u)) {
        if (covered.has(`${u}\0${v}`)) continue;
        const ring = [u, ...(u === v ? [] : shortestPath(v, u))]; // u, v, ..., u (or u, u for a self-loop)
        if (u === v) ring.push(u);
        const open = ring.slice(0, -1);
        const min = open.indexOf([...open].sort()[0]!);
        const cycle = [...open.slice(min), ...open.slice(0, min), open[min]!];
        for (let i = 0; i + 1 < cycle.length; i++) covered.add(`${cycle[i]}\0${cycle[i + 1]}`);
        const key = cycle.join("\0");
        if (seen.has(key)) continue;
        seen.add(key);
        cycles.push(cycle);
      }
    }
    return { component, cycles: cycles.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join())) };
  });
}

export function adjacency(edges: readonly { from: string; to: string }[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list);
  }
  return next;
}

/** `src/<folder>/` for a file in a folder of src/, or the file itself for a file directly in src/ (src/cli.ts). */
export function folderOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file;
}

/** Folder-to-folder edges (intra-folder imports left out), with the file imports that make each edge. */
export function folderEdges(edges: readonly Edge[]): Map<string, Edge[]> {
  const byPair = new Map<string, Edge[]>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    byPair.set(key, [...(byPair.get(key) ?? []), e]);
  }
  return byPair;
}

// ---------------------------------------------------------------------------------------------------------------
// Layers

export type Layer = "entry" | "capability" | "adapter" | "report" | "policy" | "core";

export interface LayerRule {
  layer: Layer;
  /** Files (`src/cli.ts`) and folders (`src/actions/`) in the layer. A path in no layer is a capability. */
  members: readonly string[];
  /** Layers it may import (value or type). */
  may: readonly Layer[];
  /** Layers it may import with type-only imports (`import type`, `export type`) and nothing else. */
  mayTypeOnly: readonly Layer[];
  why: string;
}

const ALL: readonly Layer[] = ["entry", "capability", "adapter", "report", "policy", "core"];

/** The layers, top to bottom. The one table of the rules: the test and the docs read it. */
export const LAYERS: readonly LayerRule[] = [
  {
    layer: "entry",
    members: ["src/cli.ts", "src/doors.ts", "src/actions/", "src/cli/"],
    may: ALL,
    mayTypeOnly: [],
    why: "generic doors (actions, CLI commands) derived from the capabilities' declarations",
  },
  {
    layer: "capability",
    // Listed for the docs; any folder of src/ not listed in another layer is a capability too.
    members: [
      "src/analytics/", "src/approvals/", "src/certs/", "src/changelog/", "src/coverage/", "src/go-no-go/", "src/health/", "src/incident/",
      "src/preflight/", "src/release/", "src/release-branch/", "src/rollback-guard/", "src/rollout/", "src/runbooks/", "src/security/", "src/version/", "src/window/",
    ],
    // Capabilities may import each other (preflight composes them); the cycle checks keep that acyclic.
    may: ["capability", "adapter", "report", "policy", "core"],
    mayTypeOnly: [],
    why: "one declaration, use cases and pure logic per capability; never the doors above it",
  },
  {
    layer: "adapter",
    members: ["src/github/", "src/git/", "src/net/", "src/process/"],
    may: ["adapter", "report", "core"],
    // Ports are declared by the capabilities in ports.ts (and settings types by the policy): an adapter implements them.
    mayTypeOnly: ["capability", "policy"],
    why: "adapters behind ports: they implement the capabilities' port types but never call a capability",
  },
  {
    layer: "report",
    members: ["src/report/"],
    may: ["report", "core"],
    mayTypeOnly: [],
    why: "renders the one result shape of src/core/; knows no capability, adapter or policy",
  },
  {
    layer: "policy",
    members: ["src/policy/"],
    may: ["policy", "core"],
    mayTypeOnly: [],
    why: "the policy file: schema, loading, validation, defaults; knows no capability, adapter or renderer",
  },
  {
    layer: "core",
    members: ["src/core/"],
    may: ["core"],
    mayTypeOnly: [],
    why: "the result shape, error kinds, run contract and shared grammars; imports nothing outside src/core/",
  },
];

export function layerOf(file: string): Layer {
  for (const rule of LAYERS) {
    if (rule.layer === "capability") continue;
    if (rule.members.some((m) => (m.endsWith("/") ? file.startsWith(m) : file === m))) return rule.layer;
  }
  return "capability";
}

export function ruleOf(layer: Layer): LayerRule {
  return LAYERS.find((r) => r.layer === layer)!;
}

export interface Violation {
  edge: Edge;
  fromLayer: Layer;
  toLayer: Layer;
  /** Stable name of the rule broken, to group violations: "adapter -> capability (value import)". */
  rule: string;
  message: string;
}

function describeImport(e: Edge): string {
  if (e.typeOnly) return "type-only import";
  if (e.kind === "dynamic") return "dynamic import";
  return "value import";
}

/**
 * An adapter implementing a capability's port: a type-only import of `src/<capability>/ports.ts`. It is the one
 * import from an adapter up to a capability, and the cycle checks leave it out: it loads nothing at run time,
 * and the capability owns the port so that the adapter can stay below it (dependency inversion).
 */
export function isPortEdge(edge: Edge): boolean {
  return edge.typeOnly && layerOf(edge.from) === "adapter" && layerOf(edge.to) === "capability" && edge.to.endsWith("/ports.ts");
}

/** The imports that break the layer table. */
export function layerViolations(edges: readonly Edge[]): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    const fromLayer = layerOf(edge.from);
    const toLayer = layerOf(edge.to);
    const rule = ruleOf(fromLayer);
    if (rule.may.includes(toLayer)) continue;
    if (edge.typeOnly && rule.mayTypeOnly.includes(toLayer) && (toLayer !== "capability" || isPortEdge(edge))) continue;
    const typeOnlyWouldDo = rule.mayTypeOnly.includes(toLayer);
    const name = `${fromLayer} -> ${toLayer}${typeOnlyWouldDo ? " (value import; only type-only allowed)" : ""}`;
    const allowed = [rule.may.join(", "), rule.mayTypeOnly.length ? `type-only: ${rule.mayTypeOnly.join(", ")}` : ""].filter(Boolean).join("; ");
    const hint = edge.inlineTypeNamesOnly ? " (every name is `type`, but the module is still loaded: write `import type`/`export type`)" : "";
    out.push({
      edge,
      fromLayer,
      toLayer,
      rule: name,
      message:
        `${edge.from}:${edge.line} imports ${edge.to} (${describeImport(edge)}, "${edge.specifier}")${hint}: ` +
        `rule "${name}" broken: ${fromLayer} (${folderOf(edge.from)}) may import ${allowed}; ${edge.to} is ${toLayer}`,
    });
  }
  return out;
}

/** Markdown table of the layers, for the docs. */
export function renderLayerTable(): string {
  const lines = ["| Layer | Members | May import | Type-only imports from | Why |", "| --- | --- | --- | --- | --- |"];
  for (const r of LAYERS) {
    const members = r.members.map((m) => `\`${m}\``).join(", ") + (r.layer === "capability" ? ", any other folder of `src/`" : "");
    const typeOnly = r.mayTypeOnly.map((l) => (l === "capability" ? "capability (its ports.ts only)" : l)).join(", ") || "-";
    lines.push(`| ${r.layer} | ${members} | ${r.may.join(", ")} | ${typeOnly} | ${r.why} |`);
  }
  return lines.join("\n") + "\n";
}

/** docs/architecture.md with its layer table regenerated between the `generated:layers` markers. */
export function withLayerTable(doc: string): string {
  return doc.replace(/<!-- generated:layers -->[^]*?<!-- \/generated:layers -->/, () => `<!-- generated:layers -->\n${renderLayerTable()}<!-- /generated:layers -->`);
}
