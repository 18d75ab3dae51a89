import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.ts";
import { policySchema } from "./schema.ts";
import type { LoadedPolicy, Policy } from "./types.ts";
import type { JsonSchema } from "./json-schema.ts";

export const DEFAULT_POLICY_PATH = ".github/shipgate.yml";
const MAX_POLICY_BYTES = 1024 * 1024;

/** The schema's defaults, as the validator's useDefaults would fill them into an empty file. */
export function defaultPolicy(schema: JsonSchema = policySchema): Policy {
  const fill = (node: JsonSchema, value: unknown): unknown => {
    if (node.type !== "object" || !node.properties) return value;
    const object = { ...(value as Record<string, unknown>) };
    for (const [key, child] of Object.entries(node.properties)) {
      if (object[key] === undefined && child.default !== undefined) object[key] = structuredClone(child.default);
      if (object[key] !== undefined) object[key] = fill(child, object[key]);
    }
    return object;
  };
  return fill(schema, {}) as Policy;
}

/**
 * The file's text; bytes that are not UTF-8 are an error naming their line, never silently replaced by U+FFFD
 * (which would, for example, create a label or mention a team that does not exist).
 */
function utf8Text(bytes: Buffer, where: string): string {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        decoder.decode(slice);
      } catch {
        throw new UserError(`${where}:${line}: the policy file is not UTF-8 text`);
      }
      if (end === -1) throw new UserError(`${where}: the policy file is not UTF-8 text`);
      start = end + 1;
    }
  }
}

/**
 * Loads the policy file. An explicitly named file must exist; the default path may be absent,
 * in which case only the built-in defaults apply.
 */
export async function loadPolicy(options: { file?: string; cwd: string }): Promise<LoadedPolicy> {
  const explicit = Boolean(options.file);
  const relative = options.file || DEFAULT_POLICY_PATH;
  const absolute = path.resolve(options.cwd, relative);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new UserError(`${relative}: the policy file is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !explicit) {
      return { policy: defaultPolicy(), source: null };
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new UserError(`${relative}: the policy file is a symbolic link that leads back to itself (a loop)`);
    throw new UserError(`${relative}: cannot read the policy file: ${code ?? (error as Error).message}`);
  }
  if (size > MAX_POLICY_BYTES) throw new UserError(`${relative}: the policy file is ${size} bytes; at most ${MAX_POLICY_BYTES} are accepted`);
  const source = utf8Text(await readFile(absolute), relative);
  // The validator and the YAML parser load only when there is a file to read: an action configured by inputs
  // alone starts without them.
  const { parsePolicyText } = await import("./validate.ts");
  return { policy: await parsePolicyText(source, relative), source: relative };
}
