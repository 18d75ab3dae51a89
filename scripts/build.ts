/**
 * The one build: bundles an ESM file per action (the `main:` of each action.yml) and dist/cli.js,
 * sharing lazily loaded chunks, and writes the policy JSON Schema. `--outdir DIR` builds elsewhere
 * (the dist check compares such a build with the committed dist/).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { build, type Plugin } from "esbuild";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { policySchema } from "../src/policy/schema.ts";
import { POLICY_VALIDATOR_OPTIONS } from "../src/policy/schema-validator.ts";

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
 * The policy validator compiled here, once, instead of by every run that reads a policy file (compiling the
 * schema took most of such a run's time): src/policy/schema-validator.ts is replaced by Ajv's standalone code
 * for the same schema and options.
 */
const precompiledPolicyValidator: Plugin = {
  name: "precompiled-policy-validator",
  setup(pluginBuild) {
    const validatorFile = path.join(root, "src/policy/schema-validator.ts");
    pluginBuild.onLoad({ filter: /schema-validator\.ts$/ }, (args) => {
      if (args.path !== validatorFile) return undefined;
      const ajv = new Ajv2020({ ...POLICY_VALIDATOR_OPTIONS, code: { source: true, esm: true } });
      const code = standaloneCode.default(ajv, ajv.compile(policySchema));
      return { contents: `${code}\nexport function policyValidator() { return validate; }\n`, loader: "js", resolveDir: root };
    });
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
  plugins: [replacedActionsCoreParts, precompiledPolicyValidator],
});
await writeFile(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }, null, 2) + "\n");
if (!values.outdir) {
  await mkdir(path.join(root, "schema"), { recursive: true });
  await writeFile(path.join(root, "schema/shipgate.schema.json"), JSON.stringify(policySchema, null, 2) + "\n");
}
