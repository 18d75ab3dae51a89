import { FileBuilder } from "./file-builder.ts";
import { emptyCounter, addCounter, type Counter, type CoverageReport } from "./model.ts";
import { XmlLocation, type XmlAttributes, type XmlHandler } from "./xml.ts";
import { readXml } from "./xml-scan.ts";

/**
 * Cobertura XML (coverage.py, istanbul, gcovr, Cobertura itself, JaCoCo-to-Cobertura converters).
 *
 * Totals are the root element's lines-covered/lines-valid and branches-covered/branches-valid, the
 * producer's own numbers. Functions: the root's functions-covered/functions-valid where the producer
 * writes them (gcovr 5), else the <method> elements (istanbul's c8, nyc, jest and vitest; gcovr 6+),
 * a method covered when its hits attribute, or else one of its lines, is above 0; null when the
 * report has neither (coverage.py writes empty <methods/>). Per file, lines come from the <line>
 * elements of each <class> (not those repeated under <method>), merged by number when one file
 * has several classes; per-line branches from condition-coverage="50% (1/2)".
 */
export async function parseCobertura(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  const location: XmlLocation = new XmlLocation(displayName);
  const files = new Map<string, FileBuilder>();
  const roots: string[] = [];
  let rootLines: Counter | null = null;
  let rootBranches: Counter | null = null;
  let rootFunctions: Counter | null = null;
  let sawMethods = false;
  /** The open <method>: its name and signature, its first line, whether it is covered so far. */
  let method: { name: string; firstLine: number; covered: boolean } | null = null;
  let current: FileBuilder | null = null;
  let inMethods = 0;
  let inSource = false;
  let sourceText = "";
  const conditions = emptyCounter();

  const counterOf = (attributes: XmlAttributes, covered: string, valid: string): Counter | null => {
    const coveredValue = attributes.number(covered);
    const validValue = attributes.number(valid);
    if (coveredValue === undefined || validValue === undefined) return null;
    if (coveredValue > validValue) location.fail(`${covered}="${coveredValue}" is more than ${valid}="${validValue}"`);
    return { covered: coveredValue, total: validValue };
  };

  const addLine = (builder: FileBuilder, line: number, hits: number): void => {
    if (!builder.addLine(line, hits)) location.fail(`line number ${line} is out of range`);
  };

  const handler: XmlHandler = {
    // `<line number="12" hits="3"/>`, nearly every element of a report, read by the scanner without the
    // attribute accessors: what `open` does with such a <line> (one without branch attributes), from two numbers.
    numericElement: {
      name: "line",
      first: "number",
      second: "hits",
      element(line, hits, parent) {
        if (parent !== "lines") return;
        if (method !== null) {
          if (method.firstLine < 0) method.firstLine = line;
          if (hits > 0) method.covered = true;
        } else if (current !== null && inMethods === 0) {
          addLine(current, line, hits);
        }
      },
    },
    open(name, attributes, parent, depth) {
      // <line> is nearly every element of a report: it is told apart first.
      if (name === "line") {
        if (parent !== "lines") return;
        if (method !== null) {
          const hits = attributes.number("hits");
          if (method.firstLine < 0) method.firstLine = attributes.number("number") ?? 0;
          if (hits !== undefined && hits > 0) method.covered = true;
        } else if (current !== null && inMethods === 0) {
          const line = attributes.number("number");
          const hits = attributes.number("hits");
          if (line === undefined || hits === undefined) location.fail("<line> without number and hits attributes");
          addLine(current, line, hits);
          if (attributes.is("branch", "true") && attributes.ratio("condition-coverage", conditions)) {
            current.addBranches(line, conditions.covered, conditions.total);
          }
        }
      } else if (depth === 1) {
        if (name !== "coverage") location.fail(`root element <${name}> is not Cobertura's <coverage>`);
        rootLines = counterOf(attributes, "lines-covered", "lines-valid");
        rootBranches = counterOf(attributes, "branches-covered", "branches-valid");
        rootFunctions = counterOf(attributes, "functions-covered", "functions-valid");
      } else if (name === "class") {
        const path = attributes.get("filename");
        if (path === undefined || path === "") location.fail("<class> without a filename attribute");
        current = files.get(path) ?? new FileBuilder(path, lineDetail);
        files.set(path, current);
      } else if (name === "methods") {
        inMethods++;
      } else if (name === "method" && current !== null && inMethods > 0) {
        sawMethods = true;
        const hits = attributes.number("hits");
        method = { name: `${attributes.get("name") ?? ""}(${attributes.get("signature") ?? ""})`, firstLine: -1, covered: hits !== undefined && hits > 0 };
      } else if (name === "source" && parent === "sources") {
        inSource = true;
        sourceText = "";
      }
    },
    close(name) {
      if (name === "class") {
        current?.compact();
        current = null;
      }
      else if (name === "methods") inMethods--;
      else if (name === "method" && method !== null) {
        // Two classes of one file may each list a method of the same name: its line tells them apart.
        current?.addFunction(`${method.name}:${method.firstLine}`, method.covered);
        method = null;
      }
      else if (name === "source" && inSource) {
        inSource = false;
        const root = sourceText.trim();
        if (root !== "") roots.push(root);
      }
    },
    wantsText: () => inSource,
    text(text) {
      if (inSource) sourceText += text;
    },
  };
  await readXml(file, location, handler);

  const result = [...files.values()].map((builder) => builder.build({ branches: builder.branchCounter(), functions: sawMethods ? builder.functionCounter() : null }));
  const summed = emptyCounter();
  const summedFunctions = emptyCounter();
  for (const fileCoverage of result) {
    addCounter(summed, fileCoverage.lines);
    if (fileCoverage.functions) addCounter(summedFunctions, fileCoverage.functions);
  }
  return {
    format: "cobertura",
    // Old Cobertura versions write only line-rate; then the lines of the classes are the total.
    totals: { lines: rootLines ?? summed, branches: rootBranches, functions: rootFunctions ?? (sawMethods ? summedFunctions : null) },
    files: result,
    source: displayName,
    roots,
    warnings: [],
  };
}
