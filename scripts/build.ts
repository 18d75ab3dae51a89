/**
 * The one build: bundles an ESM file per action (the `main:` of each action.yml) and dist/cli.js,
 * sharing lazily loaded chunks, and writes the policy JSON Schema. `--outdir DIR` builds elsewhere
 * (the dist check compares such a build with the committed dist/).
 */
import { build, type Plugin } from "esbuild";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { policySchema } from "../src/policy/schema.ts";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { outdir: { type: "string" } } });
const outdir = path.resolve(values.outdir ?? path.join(root, "dist"));

/** Every action.yml of the repository: the umbrella at the root and one per actions/<name>/. */
export async function actionFiles(): Promise<string[]> {
  const names = await readdir(path.join(root, "actions"));
  return ["action.yml", ...names.sort().map((name) => path.join("actions", name, "action.yml"))];
}

async function entryPoints(): Promise<Record<string, string>> {
  const entries: Record<string, string> = { cli: path.join(root, "src/cli.ts") };
  for (const file of await actionFiles()) {
    const meta = parse(await readFile(path.join(root, file), "utf8")) as { runs: { main: string } };
    const main = path.posix.normalize(path.posix.join(path.posix.dirname(file), meta.runs.main));
    const name = path.posix.basename(main, ".js");
    entries[name] = path.join(root, "src/actions", `${name}.ts`);
  }
  return entries;
}

/**
 * @actions/core imports an HTTP client (undici) for OIDC tokens and @actions/exec for platform details at load
 * time. No shipgate action uses either, and loading them doubled every action's cold start: replace those two
 * imports of @actions/core with modules that say so if they are ever called. It also imports node:crypto, for
 * one randomUUID() per output written to a file, as the random part of the heredoc delimiter: loading node:crypto
 * for it was about a tenth of a local action's start-up. The delimiter is made from Math.random instead. That is
 * no weaker where it matters: @actions/core refuses a name or value that contains the delimiter, so no value can
 * end the heredoc early, whoever guesses it; an unguessable delimiter only keeps such a value from being refused.
 */
const replacedActionsCoreParts: Plugin = {
  name: "replaced-actions-core-parts",
  setup(pluginBuild) {
    const fromActionsCore = (importer: string) => importer.includes(`${path.sep}@actions${path.sep}core${path.sep}`);
    const replacements: Record<string, string> = {
      "@actions/exec": 'export function getExecOutput() { throw new Error("@actions/exec is not bundled with shipgate"); }',
      "./oidc-utils.js": 'export class OidcClient { static getIDToken() { throw new Error("OIDC tokens are not used by shipgate"); } }',
      crypto: 'export function randomUUID() { return Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, "0")).join("-"); }',
    };
    pluginBuild.onResolve({ filter: /^(\.\/oidc-utils\.js|@actions\/exec|crypto)$/ }, (args) =>
      fromActionsCore(args.importer) ? { path: args.path, namespace: "replaced-actions-core-part" } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "replaced-actions-core-part" }, (args) => ({ contents: replacements[args.path], loader: "js" }));
  },
};

/**
 * Node's built-in modules loaded with require(), not import. An ES module import of a built-in builds its ES
 * namespace, which reads every export, lazy ones included: `import "node:http"` thereby loads undici for
 * http.WebSocket, about 30 ms, where require("node:http") takes 4 ms; node:crypto, node:util and node:fs cost a
 * few milliseconds each the same way. Bundled as a CommonJS module, a built-in's exports are read only when used.
 */
const builtinsThroughRequire: Plugin = {
  name: "builtins-through-require",
  setup(pluginBuild) {
    const builtins = new Set(builtinModules.filter((name) => !name.startsWith("_")));
    const filter = new RegExp(`^(node:)?(${[...builtins].map((name) => name.replace(/[/.]/g, "\\$&")).join("|")})$`);
    pluginBuild.onResolve({ filter }, (args) => {
      const name = `node:${args.path.replace(/^node:/, "")}`;
      // The module below requires the built-in itself: that require() is left to Node.
      if (args.namespace === "builtin-through-require") return { path: name, external: true };
      return { path: name, namespace: "builtin-through-require" };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "builtin-through-require" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
  },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: await entryPoints(),
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  minify: true,
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  // Some CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: 'import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);' },
  logLevel: "warning",
  plugins: [replacedActionsCoreParts, builtinsThroughRequire],
});
await writeFile(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }, null, 2) + "\n");
if (!values.outdir) {
  await mkdir(path.join(root, "schema"), { recursive: true });
  await writeFile(path.join(root, "schema/shipgate.schema.json"), JSON.stringify(policySchema, null, 2) + "\n");
}
