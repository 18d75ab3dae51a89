/**
 * src/policy/simple-yaml.ts against the `yaml` package it stands in for: whenever the fast path answers, the
 * full parser finds no error in the text and gives the same value (isDeepStrictEqual: same key order does not
 * matter to it, but -0, NaN, prototypes and own properties do). Inputs: every policy the repository writes
 * (.github/shipgate.yml, the YAML blocks of the docs, the policy strings of the tests), a policy with every key
 * of the schema written by the package's own stringify in many styles, and thousands of seeded random texts
 * mixing what the fast path reads with what it must decline. The repository's policies must all be read by the
 * fast path: otherwise it saves nothing.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { Document, isCollection, parseDocument, visit, type ToStringOptions } from "yaml";
import { defaultPolicy } from "../../src/policy/load.ts";
import { policySchema } from "../../src/policy/schema.ts";
import { parseSimpleYaml } from "../../src/policy/simple-yaml.ts";
import { PROCEDURE_POLICY } from "../window/fixtures.ts";
import { fullInstance } from "./support/full-instance.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Whether the fast path read `text`; a disagreement with the full parser fails the test. */
function agreesWithYaml(text: string): boolean {
  const simple = parseSimpleYaml(text);
  if (!simple) return false;
  const doc = parseDocument(text, { uniqueKeys: true });
  const full = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;
  // isDeepStrictEqual first: the diffing matchers are slow over thousands of texts.
  if (doc.errors.length === 0 && isDeepStrictEqual(simple.value, full)) return true;
  expect({ text, errors: doc.errors.map((error) => error.message) }).toEqual({ text, errors: [] });
  expect({ text, value: simple.value }).toStrictEqual({ text, value: full });
  return true;
}

function markdownFiles(): string[] {
  const docs = readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md"));
  return ["README.md", ...docs.map((file) => path.join("docs", file))];
}

/** Every YAML block of the docs, named by file and position. */
function docBlocks(): [string, string][] {
  return markdownFiles().flatMap((file) =>
    [...readFileSync(path.join(root, file), "utf8").matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(([, block], index): [string, string] => [`${file} block ${index + 1}`, block!]),
  );
}

const sections = new Set(Object.keys(policySchema.properties!));

/** A text the full parser reads as a policy: a mapping of the schema's sections. */
function isPolicy(text: string): boolean {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return false;
  const data: unknown = doc.toJS();
  return data !== null && typeof data === "object" && !Array.isArray(data) && Object.keys(data).length > 0 && Object.keys(data).every((key) => sections.has(key));
}

/** The one-line double-quoted string literals of the test files that hold YAML (a line break and a colon or dash). */
function testStrings(): string[] {
  const files = readdirSync(path.join(root, "test"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  const found = new Set<string>();
  for (const file of files) {
    for (const [literal] of readFileSync(path.join(root, "test", file), "utf8").matchAll(/"(?:[^"\\\n]|\\.)*\\n(?:[^"\\\n]|\\.)*"/g)) {
      try {
        const text = JSON.parse(literal) as string;
        if (/:|- /.test(text)) found.add(text);
      } catch {
        // A JavaScript escape that JSON does not have: not needed here.
      }
    }
  }
  return [...found];
}

describe("the fast YAML path reads the repository's policies as the yaml package does", () => {
  const own = readFileSync(path.join(root, ".github/shipgate.yml"), "utf8");

  it("the repository's own policy", () => {
    expect(agreesWithYaml(own)).toBe(true);
  });

  it("every YAML block of the docs; every policy among them", () => {
    const blocks = docBlocks();
    expect(blocks.length).toBeGreaterThan(40);
    const policies = blocks.filter(([, text]) => isPolicy(text));
    expect(policies.length).toBeGreaterThan(10);
    for (const [, text] of blocks) agreesWithYaml(text);
    expect(policies.filter(([, text]) => !agreesWithYaml(text)).map(([name]) => name)).toEqual([]);
  });

  it("every YAML string of the tests; every policy among them", () => {
    // As validate.ts gives it: without a byte order mark.
    const strings = [...testStrings(), PROCEDURE_POLICY].map((text) => text.replace(/^\uFEFF/, ""));
    expect(strings.length).toBeGreaterThan(200);
    for (const text of strings) agreesWithYaml(text);
    const policies = strings.filter(isPolicy);
    expect(policies.filter((text) => !agreesWithYaml(text))).toEqual([]);
  });
});

describe("the fast YAML path on chosen edge cases", () => {
  const read = [
    "a: |\n  x", "a: |-\n  x\n  y\n", "a: >\n  x\n  y", "- |\n  x\n- >-\n  y\n", "a:\n  - q: >-\n      sum(x)\n      / y\n    b: 1\n", "a: |\n  # kept\n  x: y\n# gone\nb: 1\n",
    "a: 1_000\n", "a: 0x1F\n", "a: 0o17\n", "a: +1\n", "a: -0\n", "a: 007\n", "a: 1e3\n", "a: .5\n", "a: 5.\n", "a: .inf\n", "a: -.Inf\n", "a: .NaN\n", "a: ~\n",
    "a: yes\n", "a: on\n", "a: 2024-01-01\n", "a: 10:00\n", "a: 1:30\n", "a: a #b\n", "a: a#b\n", "a: 'it''s'\n", 'a: "x"\n', "a: [a, b]\n", "a: {a: 1}\n",
    "a: é日本🎉\n", "a: 9007199254740993\n", "a: 123456789012345678901234567890\n", "__proto__: 1\n", "a: { __proto__: 1 }\n", "toString: x\n", "---\na: 1\n",
    "a:\n- x\n- y\nb: 2\n", "a: 1\r\nb: 2\r\n", "", "# only\n", "---\n", "a:\n", "- \n- x\n", "[a, {b: c}]\n", "'a': 1\n", '"a b": 1\n', "a: x\u00a0\n",
    "windows: { timezone: UTC, deploy: [{ name: off-peak, days: [tue], start: '10:00' }] }\n",
  ];
  const declined = [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |2\n  x\n", "a: |+\n  x\n", "? a\n: b\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n", "---\n---\n", "a: 1\r", "a: 1\rb: 2\n", "a: 1\na: 2\n", "a: 1\n'a': 2\n",
    "1: x\n", "true: x\n", "<<: {a: 1}\n", 'a: "x\\ty"\n', "a: b\n  c\n", "a: 'x\n  y'\n", "a: [x,\n  y]\n", "a:\tb\n", "\ta: 1\n", "a: b: c\n",
    "a: |\n  x\n\n  y\n", "a: >\n  x\n    y\n",
  ];

  it.each(read)("reads %j as the yaml package does", (text) => {
    expect(agreesWithYaml(text)).toBe(true);
  });

  it.each(declined)("leaves %j to the yaml package", (text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });
});

/** `data` written by the yaml package with its collections in flow style from `flowDepth` down, long lines not folded unless asked. */
function written(data: unknown, options: ToStringOptions, flowDepth = Infinity): string {
  const doc = new Document(data);
  visit(doc, {
    Map: (_, node, ancestors) => void (node.flow = ancestors.filter(isCollection).length >= flowDepth),
    Seq: (_, node, ancestors) => void (node.flow = ancestors.filter(isCollection).length >= flowDepth),
  });
  return doc.toString({ lineWidth: 0, ...options });
}

describe("the fast YAML path reads what the yaml package writes", () => {
  const full = fullInstance(policySchema);
  const styles: ToStringOptions[] = [
    {},
    { indent: 4 },
    { indentSeq: false },
    { indent: 4, indentSeq: false },
    { collectionStyle: "flow" },
    { collectionStyle: "flow", flowCollectionPadding: false },
    { defaultStringType: "QUOTE_SINGLE" },
    { defaultStringType: "QUOTE_DOUBLE" },
    { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" },
    { defaultKeyType: "QUOTE_SINGLE" },
    { defaultKeyType: "QUOTE_DOUBLE", defaultStringType: "QUOTE_SINGLE" },
    { lineWidth: 80 },
    { lineWidth: 20, minContentWidth: 0 },
    { nullStr: "~", trueStr: "True", falseStr: "FALSE" },
  ];

  it("a policy with every key of the schema, and the default policy, in every style and flow depth", () => {
    let read = 0;
    let texts = 0;
    for (const data of [full, defaultPolicy()]) {
      for (const style of styles) {
        for (const flowDepth of [Infinity, 0, 1, 2, 3]) {
          texts++;
          if (agreesWithYaml(written(data, style, flowDepth))) read++;
        }
      }
    }
    // Only long lines folded by a lineWidth make multi-line scalars, which the fast path declines.
    expect(read).toBeGreaterThan(texts * 0.8);
  });

  it("each value of that policy replaced by a tricky scalar", () => {
    const next = random(7);
    let read = 0;
    for (let round = 0; round < 600; round++) {
      const data = structuredClone(full);
      for (let n = 1 + Math.floor(next() * 4); n > 0; n--) replaceSomeValue(data, pick(next, TRICKY_VALUES), next);
      if (agreesWithYaml(written(data, pick(next, styles), pick(next, [Infinity, 1, 2, 3])))) read++;
    }
    expect(read).toBeGreaterThan(300);
  });
});

/** Deterministic, seeded: mulberry32. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T,>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const TRICKY_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 1.5, 1e21, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "", " ", "x", "10:00", "1:30",
  "007", "0x1F", "0o17", "+1", "-0", "1e3", ".5", "5.", ".inf", "-.Inf", ".NaN", "~", "null", "True", "yes", "on", "2024-01-01", "a: b", "a #b", "a#b",
  "it's", '"x"', "- a", "[a, b]", "{a: 1}", "é", "日本語", "🎉", "\u00a0x\u00a0", "a\\b", "line\nbreak", "\t", "@org/team", "*.md", "&a", "!t", "|", ">",
  "%x", "`x`", "?", ":", "-", "<<", "__proto__", [], {}, ["a", 1], { __proto__: null, k: "v" }, { "a b": 1, "1": 2 },
];

/** Sets a random value inside `data` (a mapping or sequence anywhere in it) to `value`. */
function replaceSomeValue(data: unknown, value: unknown, next: () => number): void {
  let node = data as Record<string, unknown>;
  for (;;) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = pick(next, keys);
    const child = node[key];
    if (child === null || typeof child !== "object" || next() < 0.3) {
      node[key] = structuredClone(value);
      return;
    }
    node = child as Record<string, unknown>;
  }
}

// The random texts: a tree of mappings, sequences and scalars, written with random styles and spacing, then
// sometimes damaged line by line with what the fast path must decline or that changes what the text means.

const PLAIN_SCALARS = [
  "1_000", "0x1F", "0X1F", "0xg", "0o17", "0o8", "0b101", "+1", "-0", "-0.0", "+0.", "007", "0", "1e3", "1E+3", "1e", "-.5e-3", "0.1e1", ".5", "5.", "1.50",
  ".inf", "-.Inf", "+.INF", ".Inf", ".NaN", ".nan", "-.nan", "~", "null", "Null", "NULL", "nULL", "true", "TRUE", "tRUE", "False", "yes", "on", "off", "y",
  "2024-01-01", "2024-01-01T10:00:00Z", "10:00", "1:30", "12:30:45", "9007199254740993", "123456789012345678901234567890", "-9007199254740993", "1.7976931348623159e308",
  "a: b", "a #b", "a#b", "a # b", "a:", "a:b", "it's", "'it''s'", '"x"', '"a\\tb"', "'a", "- a", "-a", "--", "-", ".", "..", "[a, b]", "{a: 1}", "a,b", "a]", "a}",
  "é", "日本語", "🎉", "x\u00a0", "@x", "`x`", "%x", "!x", "&x", "*x", "|", ">", "? a", "?a", ":a", "a  b", "<<", "__proto__", "https://x.test/y?z=1#f", "infra/**",
  "*.md", "@org/team", "quarterly, first Monday", "a'b", 'a"b', "#a", "a\\b", "🎉: x",
];

const KEYS = ["a", "b", "c", "name", "team-rules", "lines", "__proto__", "constructor", "toString", "1", "true", "null", "~", "a b", "a:b", "-k", "<<", "k#1", "日本", "🎉", "?k", "k "];

type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { scalar: string } | { block: string; lines: string[] };

const BLOCK_HEADERS = ["|", "|-", ">", ">-", "|+", ">+", "|2", ">1-", "| # c", ">-  #c", "|#"];

function blockScalar(next: () => number): Tree {
  const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, [...PLAIN_SCALARS, "# not a comment", "  more indented", "", "key: value", "- item"]));
  return { block: pick(next, BLOCK_HEADERS), lines };
}

function tree(next: () => number, depth: number): Tree {
  const roll = next();
  if (depth > 0 && roll < 0.1) return blockScalar(next);
  if (depth > 3 || roll < 0.45) return { scalar: pick(next, PLAIN_SCALARS) };
  const size = Math.floor(next() * 4);
  if (roll < 0.75) return { map: Array.from({ length: size + 1 }, () => [pick(next, KEYS), tree(next, depth + 1)]) };
  return { seq: Array.from({ length: size }, () => tree(next, depth + 1)) };
}

function scalarText(source: string, next: () => number, inFlow: boolean): string {
  const roll = next();
  if (roll < 0.15) return `'${source.replace(/'/g, "''")}'`;
  if (roll < 0.25) return `"${source.replace(/"/g, "")}"`;
  return inFlow ? source.replace(/[,[\]{}]/g, "") || "x" : source;
}

function flowText(node: Tree, next: () => number): string {
  const space = () => pick(next, ["", " ", "  "]);
  if ("scalar" in node) return scalarText(node.scalar, next, true);
  if ("block" in node) return scalarText(node.lines.join(" "), next, true);
  if ("seq" in node) return `[${space()}${node.seq.map((item) => flowText(item, next)).join(`,${pick(next, [" ", "", "  "])}`)}${space()}]`;
  return `{${space()}${node.map.map(([key, value]) => `${scalarText(key, next, true)}:${pick(next, [" ", "  ", ""])}${flowText(value, next)}`).join(", ")}${space()}}`;
}

function comment(next: () => number): string {
  return next() < 0.15 ? pick(next, [" # c", "  #: - [x", " #", "#no"]) : "";
}

/** The lines of `node` written in block style at `indent`, after `lead` (a key and colon, or a dash). */
function blockLines(node: Tree, indent: number, next: () => number): string[] {
  const pad = " ".repeat(indent);
  if ("scalar" in node) return [`${pad}${scalarText(node.scalar, next, false)}${comment(next)}`];
  if ("block" in node) return node.lines.map((line) => (line === "" ? "" : `${pad}${line}`));
  const step = 1 + Math.floor(next() * 4);
  if ("seq" in node) {
    if (node.seq.length === 0) return [`${pad}[]`];
    return node.seq.flatMap((item) => {
      if ("block" in item) return [`${pad}-${pick(next, [" ", "  "])}${item.block}`, ...blockLines(item, indent + step, next)];
      if ("scalar" in item || next() < 0.3) return [`${pad}-${pick(next, [" ", "  "])}${"scalar" in item ? scalarText(item.scalar, next, false) : flowText(item, next)}${comment(next)}`];
      if (next() < 0.5) return [`${pad}-${comment(next)}`, ...blockLines(item, indent + step, next)];
      // Compact: the item's first line after the dash.
      const spaces = 1 + Math.floor(next() * 3);
      const [first, ...rest] = blockLines(item, indent + 1 + spaces, next);
      return [`${pad}-${" ".repeat(spaces)}${first!.trimStart()}`, ...rest];
    });
  }
  return node.map.flatMap(([key, value]) => {
    const lead = `${pad}${scalarText(key, next, false)}:`;
    if ("block" in value) return [`${lead} ${value.block}`, ...blockLines(value, pick(next, [indent, indent + step, indent + step]), next)];
    if ("scalar" in value) return [`${lead}${pick(next, [" ", " ", "  "])}${scalarText(value.scalar, next, false)}${comment(next)}`];
    if (next() < 0.3) return [`${lead} ${flowText(value, next)}${comment(next)}`];
    const below = "seq" in value && next() < 0.3 ? indent : indent + step;
    return [`${lead}${comment(next)}`, ...blockLines(value, below, next)];
  });
}

const DAMAGE = ["&a ", "*a", "!t ", "!!str ", "| ", "> ", "? ", "%YAML 1.2", "---", "...", "\t", " ", "  ", ":", ": ", "- ", "#", " #", "'", '"', "\\", "[", "]", "{", "}", ",", "<<: x", "\r", "\u2028", "\u00a0"];

function damaged(lines: string[], next: () => number): string[] {
  const out = [...lines];
  for (let n = Math.floor(next() * 3); n > 0 && out.length > 0; n--) {
    const at = Math.floor(next() * out.length);
    const line = out[at]!;
    const roll = next();
    if (roll < 0.4) {
      const where = Math.floor(next() * (line.length + 1));
      out[at] = line.slice(0, where) + pick(next, DAMAGE) + line.slice(where);
    } else if (roll < 0.6) out[at] = line.startsWith(" ") ? line.slice(1) : ` ${line}`;
    else if (roll < 0.75) out.splice(at, 0, line);
    else if (roll < 0.85) out.splice(at + 1, 0, `${" ".repeat(Math.floor(next() * 6))}${pick(next, PLAIN_SCALARS)}`);
    else out.splice(at, 1);
  }
  return out;
}

function randomText(next: () => number): string {
  let lines = blockLines(tree(next, 0), next() < 0.1 ? 2 : 0, next);
  if (next() < 0.5) lines = damaged(lines, next);
  const extra: string[] = [];
  for (const line of lines) {
    if (next() < 0.08) extra.push(pick(next, ["", "   ", "# note", "  # indented note", "#"]));
    extra.push(next() < 0.05 ? `${line}  ` : line);
  }
  if (next() < 0.1) extra.unshift(pick(next, ["---", "--- ", "# head", "--- # c", "%YAML 1.2\n---"]));
  const eol = next() < 0.15 ? "\r\n" : "\n";
  return extra.join(eol) + (next() < 0.8 ? eol : "");
}

describe("the fast YAML path on seeded random texts", () => {
  it("agrees with the yaml package whenever it answers, and answers often", () => {
    const next = random(2026);
    let read = 0;
    const total = 30000;
    for (let round = 0; round < total; round++) if (agreesWithYaml(randomText(next))) read++;
    expect(read).toBeGreaterThan(total * 0.25);
    expect(read).toBeLessThan(total * 0.95);
  });
});
