import { UserError } from "../core/errors.ts";
import { detectFormat, FORMATS } from "./detect.ts";
import { parseGo } from "./go.ts";
import { parseLcov } from "./lcov.ts";
import type { CoverageFormat, CoverageReport } from "./model.ts";

export interface ParseOptions {
  /** "auto" (default) tells the format from the content. */
  format?: "auto" | CoverageFormat;
  /** Keep per-line hits (default true): patch coverage and per-file floors need them. */
  lineDetail?: boolean;
  /** The file's name in messages (default: `file` as given). */
  displayName?: string;
}

type FormatParser = (file: string, displayName: string, lineDetail: boolean) => Promise<CoverageReport>;

/** XML and JSON parsers load on demand: a CLI run over an lcov file never pays for them. */
const PARSERS: Record<CoverageFormat, () => Promise<FormatParser>> = {
  lcov: async () => parseLcov,
  go: async () => parseGo,
  cobertura: async () => (await import("./cobertura.ts")).parseCobertura,
  clover: async () => (await import("./clover.ts")).parseClover,
  jacoco: async () => (await import("./jacoco.ts")).parseJacoco,
  istanbul: async () => (await import("./istanbul.ts")).parseIstanbul,
};

/**
 * Parses one coverage report, streaming it (memory does not grow with the file's size beyond the
 * per-line detail kept). Every problem with the file is a UserError naming it, and the line where
 * that applies ("coverage/lcov.info:1234: ...").
 */
export async function parseCoverageFile(file: string, options: ParseOptions = {}): Promise<CoverageReport> {
  const displayName = options.displayName ?? file;
  const requested = options.format ?? "auto";
  if (requested !== "auto" && !FORMATS.includes(requested)) {
    throw new UserError(`unknown coverage format "${String(requested)}"; expected auto, ${FORMATS.join(", ")}`);
  }
  const format = requested === "auto" ? await detectFormat(file, displayName) : requested;
  const parse = await PARSERS[format]();
  return parse(file, displayName, options.lineDetail ?? true);
}
