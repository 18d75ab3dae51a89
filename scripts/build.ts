/**
 * The one build: bundles an ESM file per action (the `main:` of each action.yml) and dist/cli.js, and writes the
 * policy JSON Schema. Each entry is bundled on its own: what it imports statically is in its one file, what it
 * imports lazily is in chunks/, and entries share a chunk only where its bytes are the same. `--outdir DIR` builds elsewhere
 * (the dist check compares such a build with the committed dist/).
 */
import { build, type OutputFile, type Plugin } from "esbuild";
import { chmod, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
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
 * Node's built-in modules taken with process.getBuiltinModule(), not ES imports: an ES import of a built-in builds
 * its namespace, which reads every export, lazy ones included. `import "node:http"` thereby loads undici for
 * http.WebSocket, about 30 ms, where the module itself takes 4 ms; node:crypto, node:util and node:fs cost a few
 * milliseconds each the same way. So each `import … from "node:x"` esbuild writes becomes a `const` that reads
 * only the names used. The banner gives every file that function, and `require` for the CommonJS dependencies
 * that require() built-ins; before Node 22.3 both fall back to createRequire.
 */
const BANNER = 'import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;';
const BUILTIN_IMPORT = /import\s*([\w$]+)?\s*,?\s*(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*"(node:(?!module")[\w/]+)";?/g;
const BUILTIN_DYNAMIC_IMPORT = /\bimport\("(node:[\w/]+)"\)/g;

function withBuiltinsTaken(code: string, file: string): string {
  const taken = code
    .replace(BUILTIN_IMPORT, (_, defaultName: string | undefined, named: string | undefined, namespace: string | undefined, module: string) => {
      const builtin = `__shipgateBuiltin(${JSON.stringify(module)})`;
      const whole = [defaultName, namespace];
      const names: string[] = [];
      for (const specifier of (named ?? "").split(",").map((part) => part.trim()).filter(Boolean)) {
        const [name, local = name] = specifier.split(/\s+as\s+/) as [string, string?];
        if (name === "default") whole.push(local);
        else names.push(name === local ? name : `${name}:${local}`);
      }
      const declarations = whole.filter((local) => local !== undefined).map((local) => `${local}=${builtin}`);
      if (names.length > 0) declarations.push(`{${names.join(",")}}=${builtin}`);
      return `const ${declarations.join(",")};`;
    })
    // import() gives a namespace: the module's exports, and the module itself as `default`.
    .replace(BUILTIN_DYNAMIC_IMPORT, (_, module: string) => `Promise.resolve(__shipgateBuiltin(${JSON.stringify(module)})).then((m)=>Object.create(m,{default:{value:m}}))`);
  const left = /from\s*"node:(?!module")|\bimport\("node:/.exec(taken);
  if (left) throw new Error(`${file}: an import of a Node built-in the build cannot rewrite, at offset ${left.index}`);
  return taken;
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
/**
 * One build for all entries would share chunks between them, and every module a shared chunk holds runs when it is
 * loaded, whether the entry loading it needs it or not; an action then also reads 20-30 files where it needs a few.
 * Built one by one, the heavier actions start 10-20 ms sooner, for a dist/ about four times as large.
 */
const builds = await Promise.all(
  Object.entries(await entryPoints()).map(([name, entry]) =>
    build({
      entryPoints: { [name]: entry },
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node24",
      minify: true,
      legalComments: "none",
      chunkNames: "chunks/[name]-[hash]",
      banner: { js: BANNER },
      logLevel: "warning",
      plugins: [replacedActionsCoreParts],
      write: false,
    }),
  ),
);
const outputFiles = new Map<string, OutputFile>();
for (const output of builds.flatMap((result) => result.outputFiles)) {
  const same = outputFiles.get(output.path);
  if (same && same.hash !== output.hash) throw new Error(`${path.relative(outdir, output.path)}: two entries' builds give it different contents`);
  outputFiles.set(output.path, output);
}
for (const output of outputFiles.values()) {
  await mkdir(path.dirname(output.path), { recursive: true });
  await writeFile(output.path, output.path.endsWith(".js") ? withBuiltinsTaken(output.text, path.relative(outdir, output.path)) : output.contents);
  // An entry with a #! line is a command (dist/cli.js, the package's bin), as esbuild makes it when it writes.
  if (output.text.startsWith("#!")) await chmod(output.path, 0o755);
}
await writeFile(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }, null, 2) + "\n");
if (!values.outdir) {
  await mkdir(path.join(root, "schema"), { recursive: true });
  await writeFile(path.join(root, "schema/shipgate.schema.json"), JSON.stringify(policySchema, null, 2) + "\n");
}
