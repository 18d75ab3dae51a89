import { FileBuilder } from "./file-builder.ts";
import { addCounter, emptyCounter, type Counter, type CoverageReport, type FileCoverage } from "./model.ts";
import { XmlLocation, type XmlAttributes, type XmlHandler } from "./xml.ts";
import { readXml } from "./xml-scan.ts";

/**
 * Clover XML (istanbul, OpenClover, PHPUnit).
 *
 * Totals are the <metrics> of the <project>: statements are lines (istanbul writes its line totals
 * there), conditionals are branches, methods are functions. Per file, the file's own <metrics> and its
 * stmt/cond <line> elements. Per-line branches are not kept: producers disagree on what a cond line's
 * truecount/falsecount mean (istanbul: branches covered/uncovered; OpenClover: times true/false).
 */
interface Metrics {
  lines: Counter;
  branches: Counter;
  functions: Counter;
}

export async function parseClover(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  const location: XmlLocation = new XmlLocation(displayName);
  let projectMetrics: Metrics | null = null;
  let sawProject = false;
  const builders = new Map<string, { builder: FileBuilder; metrics: Metrics | null }>();
  let current: { builder: FileBuilder; metrics: Metrics | null } | null = null;

  const pair = (attributes: XmlAttributes, covered: string, total: string): Counter => {
    const coveredValue = attributes.number(covered) ?? 0;
    const totalValue = attributes.number(total) ?? 0;
    if (coveredValue > totalValue) location.fail(`${covered}="${coveredValue}" is more than ${total}="${totalValue}"`);
    return { covered: coveredValue, total: totalValue };
  };
  const metricsOf = (attributes: XmlAttributes): Metrics => ({
    lines: pair(attributes, "coveredstatements", "statements"),
    branches: pair(attributes, "coveredconditionals", "conditionals"),
    functions: pair(attributes, "coveredmethods", "methods"),
  });

  const handler: XmlHandler = {
    open(name, attributes, parent, depth) {
      if (depth === 1) {
        if (name !== "coverage") location.fail(`root element <${name}> is not Clover's <coverage>`);
      } else if (name === "project" && depth === 2) {
        sawProject = true;
      } else if (name === "metrics" && parent === "project") {
        projectMetrics ??= metricsOf(attributes);
      } else if (name === "file") {
        const path = attributes.get("path") ?? attributes.get("name");
        if (path === undefined || path === "") location.fail("<file> without a path or name attribute");
        current = builders.get(path) ?? { builder: new FileBuilder(path, lineDetail), metrics: null };
        builders.set(path, current);
      } else if (current !== null && parent === "file") {
        if (name === "metrics") {
          const metrics = metricsOf(attributes);
          if (current.metrics === null) current.metrics = metrics;
          else for (const key of ["lines", "branches", "functions"] as const) addCounter(current.metrics[key], metrics[key]);
        } else if (name === "line" && (attributes.is("type", "stmt") || attributes.is("type", "cond"))) {
          const line = attributes.number("num");
          const count = attributes.number("count") ?? attributes.number("truecount") ?? 0;
          if (line === undefined) location.fail("<line> without a num attribute");
          if (!current.builder.addLine(line, count)) location.fail(`line number ${line} is out of range`);
        }
      }
    },
    close(name) {
      if (name === "file") {
        current?.builder.compact();
        current = null;
      }
    },
    wantsText: () => false,
    text() {},
  };
  await readXml(file, location, handler);
  if (!sawProject) location.fail("Clover report without a <project> element");

  const files: FileCoverage[] = [];
  const summed: Metrics = { lines: emptyCounter(), branches: emptyCounter(), functions: emptyCounter() };
  for (const { builder, metrics } of builders.values()) {
    const fileCoverage = builder.build(metrics ?? { branches: null, functions: null });
    files.push(fileCoverage);
    addCounter(summed.lines, fileCoverage.lines);
    if (fileCoverage.branches) addCounter(summed.branches, fileCoverage.branches);
    if (fileCoverage.functions) addCounter(summed.functions, fileCoverage.functions);
  }
  const totals: Metrics = projectMetrics ?? summed;
  return { format: "clover", totals, files, source: displayName, roots: [], warnings: [] };
}
