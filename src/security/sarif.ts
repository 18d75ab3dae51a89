import { UserError } from "../core/errors.ts";
import { ShapeReader, type Json } from "./json-shape.ts";
import { oneLine, repositoryPath } from "./paths.ts";
import { scoreOf, severityOfScore } from "./severity.ts";
import type { ParsedReport, SecurityFinding, Severity } from "./types.ts";

/** Without a security-severity, the SARIF level decides; level `none` and `note` are informational. */
const severityOfLevel = new Map<string, Severity>([
  ["error", "high"],
  ["warning", "medium"],
  ["note", "low"],
  ["none", "low"],
]);

interface Rule {
  id?: string;
  properties?: Record<string, Json>;
  level?: string;
  title?: string;
}

interface ToolComponent {
  name: string | undefined;
  rules: Rule[];
}

function readRules(shape: ShapeReader, value: Json, path: string): Rule[] {
  return shape.optionalArray(value, path).map((raw, index) => {
    const rule = shape.object(raw, `${path}[${index}]`);
    const properties = shape.isObject(rule.properties) ? rule.properties : undefined;
    const configuration = shape.isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : undefined;
    const short = shape.isObject(rule.shortDescription) ? rule.shortDescription.text : undefined;
    return {
      ...(typeof rule.id === "string" ? { id: rule.id } : {}),
      ...(properties ? { properties } : {}),
      ...(typeof configuration?.level === "string" ? { level: configuration.level } : {}),
      ...(typeof short === "string" ? { title: short } : {}),
    };
  });
}

/**
 * Finds a result's rule as SARIF 2.1.0 §3.27.6-7 describe: `rule` (a reference with index/id and an
 * optional toolComponent) or `ruleIndex`, else `ruleId` by id in the driver and then the extensions.
 * A hierarchical ruleId ("a/b") falls back to its parent ids.
 */
function findRule(shape: ShapeReader, result: Record<string, Json>, driver: ToolComponent, extensions: ToolComponent[]): Rule | undefined {
  const driverRules = driver.rules;
  const extensionRules = extensions.map((e) => e.rules);
  const reference = shape.isObject(result.rule) ? result.rule : undefined;
  const component = reference && shape.isObject(reference.toolComponent) ? reference.toolComponent : undefined;
  const named = typeof component?.name === "string" ? [driver, ...extensions].find((c) => c.name === component.name) : undefined;
  const rules = typeof component?.index === "number" ? extensionRules[component.index] ?? [] : named ? named.rules : driverRules;
  const index = typeof reference?.index === "number" ? reference.index : typeof result.ruleIndex === "number" ? result.ruleIndex : undefined;
  if (index !== undefined && index >= 0 && rules[index]) return rules[index];
  const id = typeof reference?.id === "string" ? reference.id : typeof result.ruleId === "string" ? result.ruleId : undefined;
  if (!id) return undefined;
  const all = component ? rules : [...driverRules, ...extensionRules.flat()];
  for (let candidate = id; candidate; candidate = candidate.includes("/") ? candidate.slice(0, candidate.lastIndexOf("/")) : "") {
    const found = all.find((rule) => rule.id === candidate);
    if (found) return found;
  }
  return undefined;
}

function isSuppressed(shape: ShapeReader, result: Record<string, Json>): boolean {
  if (!Array.isArray(result.suppressions) || result.suppressions.length === 0) return false;
  // A suppression under review or rejected does not hide the result.
  return result.suppressions.some((s) => shape.isObject(s) && (s.status === undefined || s.status === "accepted"));
}

export function parseSarif(data: Record<string, Json>, report: string, options: { sourceRoot?: string } = {}): ParsedReport {
  const shape: ShapeReader = new ShapeReader(report);
  if (data.version !== undefined && data.version !== "2.1.0") {
    throw new UserError(`${report}: SARIF version ${JSON.stringify(data.version)} is not supported; expected 2.1.0`);
  }
  const findings: SecurityFinding[] = [];
  const tools = new Set<string>();
  let suppressed = 0;
  shape.array(data.runs, "runs").forEach((rawRun, runIndex) => {
    const at = `runs[${runIndex}]`;
    const run = shape.object(rawRun, at);
    const tool = shape.object(run.tool, `${at}.tool`);
    const driver = shape.object(tool.driver, `${at}.tool.driver`);
    const toolName = shape.string(driver.name, `${at}.tool.driver.name`);
    tools.add(toolName);
    for (const [i, invocation] of shape.optionalArray(run.invocations, `${at}.invocations`).entries()) {
      if (shape.isObject(invocation) && invocation.executionSuccessful === false) {
        throw new UserError(`${report}: ${at}.invocations[${i}]: ${toolName} reports that its analysis did not succeed`);
      }
    }
    // An absent results array means the tool produced none (it failed), not that it found nothing.
    if (run.results === undefined || run.results === null) {
      throw new UserError(`${report}: ${at}: ${toolName} wrote no results array (the analysis did not complete)`);
    }
    const driverComponent: ToolComponent = { name: toolName, rules: readRules(shape, driver.rules, `${at}.tool.driver.rules`) };
    const extensions: ToolComponent[] = shape.optionalArray(tool.extensions, `${at}.tool.extensions`).map((raw, i) => {
      const extension = shape.object(raw, `${at}.tool.extensions[${i}]`);
      return { name: typeof extension.name === "string" ? extension.name : undefined, rules: readRules(shape, extension.rules, `${at}.tool.extensions[${i}].rules`) };
    });
    const artifacts = shape.optionalArray(run.artifacts, `${at}.artifacts`);
    const baseUris = shape.isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    // Large reports repeat the same few thousand files; resolve each once.
    const resolved = new Map<string, string | undefined>();
    const resolve = (uri: string, baseId: Json): string | undefined => {
      const key = `${String(baseId)}\u0000${uri}`;
      if (!resolved.has(key)) resolved.set(key, resolveUri(uri, baseId, baseUris, options.sourceRoot));
      return resolved.get(key);
    };
    shape.array(run.results, `${at}.results`).forEach((rawResult, resultIndex) => {
      const where = `${at}.results[${resultIndex}]`;
      const result = shape.object(rawResult, where);
      const kind = result.kind ?? "fail";
      if (kind !== "fail" || result.baselineState === "absent") return;
      if (isSuppressed(shape, result)) {
        suppressed++;
        return;
      }
      const rule = findRule(shape, result, driverComponent, extensions);
      const rawLevel: Json = result.level ?? rule?.level ?? "warning";
      const levelSeverity = typeof rawLevel === "string" ? severityOfLevel.get(rawLevel) : undefined;
      if (!levelSeverity) shape.fail(`${where}.level`, "one of none, note, warning, error");
      const resultProperties = shape.isObject(result.properties) ? result.properties : {};
      const score = scoreOf(resultProperties["security-severity"]) ?? scoreOf(rule?.properties?.["security-severity"]);
      const severity = (score !== undefined ? severityOfScore(score) : undefined) ?? levelSeverity;
      const id = (typeof result.ruleId === "string" && result.ruleId) || rule?.id || "(no rule id)";
      const message = shape.isObject(result.message) && typeof result.message.text === "string" ? result.message.text : undefined;
      const finding: SecurityFinding = { tool: toolName, report, id, aliases: [], severity, title: oneLine(message ?? rule?.title ?? id) };
      Object.assign(finding, locationOf(shape, result, artifacts, resolve));
      findings.push(finding);
    });
  });
  return { report, format: "sarif", tool: [...tools].join(", ") || "SARIF", findings, suppressed };
}

/**
 * A relative URI is relative to its uriBaseId. When the run says where that base was (originalUriBaseIds)
 * and it lies inside the source root, the path is resolved through it (a base of <root>/src/ adds src/);
 * otherwise the URI is taken as relative to the repository root, which is what code scanning assumes.
 */
function resolveUri(uri: string, baseId: Json, baseUris: Record<string, Json>, sourceRoot?: string): string | undefined {
  const base = typeof baseId === "string" ? baseUris[baseId] : undefined;
  const baseUri = base && typeof base === "object" && !Array.isArray(base) ? (base as Record<string, Json>).uri : undefined;
  if (typeof baseUri === "string" && /^file:/i.test(baseUri) && !/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    try {
      const resolved = repositoryPath(new URL(uri, baseUri.endsWith("/") ? baseUri : `${baseUri}/`).href, sourceRoot);
      if (resolved) return resolved;
    } catch {
      // An unusable base: fall back to the URI alone.
    }
  }
  return repositoryPath(uri, sourceRoot);
}

function locationOf(
  shape: ShapeReader,
  result: Record<string, Json>,
  artifacts: Json[],
  resolve: (uri: string, baseId: Json) => string | undefined,
): Pick<SecurityFinding, "file" | "line" | "endLine"> {
  const first = Array.isArray(result.locations) ? result.locations[0] : undefined;
  const physical = shape.isObject(first) && shape.isObject(first.physicalLocation) ? first.physicalLocation : undefined;
  const artifact = physical && shape.isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  if (!artifact) return {};
  let uri = typeof artifact.uri === "string" ? artifact.uri : undefined;
  let baseId = artifact.uriBaseId;
  if (uri === undefined && typeof artifact.index === "number") {
    const entry = artifacts[artifact.index];
    const location = shape.isObject(entry) && shape.isObject(entry.location) ? entry.location : undefined;
    if (typeof location?.uri === "string") uri = location.uri;
    baseId = location?.uriBaseId;
  }
  const file = uri === undefined ? undefined : resolve(uri, baseId);
  if (!file) return {};
  const region = shape.isObject(physical!.region) ? physical!.region : undefined;
  const line = typeof region?.startLine === "number" && Number.isInteger(region.startLine) && region.startLine > 0 ? region.startLine : undefined;
  const endLine = typeof region?.endLine === "number" && Number.isInteger(region.endLine) && line !== undefined && region.endLine >= line ? region.endLine : undefined;
  return { file, ...(line ? { line } : {}), ...(endLine ? { endLine } : {}) };
}
