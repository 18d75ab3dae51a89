import { FileBuilder } from "./file-builder.ts";
import { emptyCounter, type Counter, type CoverageReport, type FileCoverage } from "./model.ts";
import { XmlLocation, type XmlAttributes, type XmlHandler } from "./xml.ts";
import { readXml } from "./xml-scan.ts";

/**
 * JaCoCo XML. Totals are the <counter> elements directly under <report> (LINE, BRANCH, METHOD);
 * JaCoCo leaves out a counter whose total is 0, so a missing one is 0 of 0. Files are the
 * <sourcefile> elements, named package/File.java as JaCoCo lays sources out; a line is instrumented
 * when it has instructions (mi + ci > 0), covered when one ran (ci > 0), and has mb + cb branches.
 */
interface Counters {
  LINE: Counter;
  BRANCH: Counter;
  METHOD: Counter;
}

const COUNTED = new Set(["LINE", "BRANCH", "METHOD"]);

export async function parseJacoco(file: string, displayName: string, lineDetail: boolean): Promise<CoverageReport> {
  const location: XmlLocation = new XmlLocation(displayName);
  const reportCounters: Counters = { LINE: emptyCounter(), BRANCH: emptyCounter(), METHOD: emptyCounter() };
  const files: FileCoverage[] = [];
  let packageName = "";
  let current: { builder: FileBuilder; counters: Counters } | null = null;

  const addCounterElement = (into: Counters, attributes: XmlAttributes): void => {
    const type = attributes.get("type") ?? "";
    if (!COUNTED.has(type)) return;
    const missed = attributes.number("missed");
    const covered = attributes.number("covered");
    if (missed === undefined || covered === undefined) location.fail(`<counter type="${type}"> without missed and covered attributes`);
    into[type as keyof Counters] = { covered, total: missed + covered };
  };

  const handler: XmlHandler = {
    open(name, attributes, parent, depth) {
      if (depth === 1) {
        if (name !== "report") location.fail(`root element <${name}> is not JaCoCo's <report>`);
      } else if (name === "counter") {
        if (parent === "report") addCounterElement(reportCounters, attributes);
        else if (parent === "sourcefile" && current !== null) addCounterElement(current.counters, attributes);
      } else if (name === "package") {
        packageName = attributes.get("name") ?? "";
      } else if (name === "sourcefile" && parent === "package") {
        const fileName = attributes.get("name");
        if (fileName === undefined || fileName === "") location.fail("<sourcefile> without a name attribute");
        const path = packageName === "" ? fileName : `${packageName}/${fileName}`;
        current = { builder: new FileBuilder(path, lineDetail), counters: { LINE: emptyCounter(), BRANCH: emptyCounter(), METHOD: emptyCounter() } };
      } else if (name === "line" && parent === "sourcefile" && current !== null) {
        const line = attributes.number("nr");
        if (line === undefined) location.fail("<line> without an nr attribute");
        const missedInstructions = attributes.number("mi") ?? 0;
        const coveredInstructions = attributes.number("ci") ?? 0;
        const missedBranches = attributes.number("mb") ?? 0;
        const coveredBranches = attributes.number("cb") ?? 0;
        if (missedInstructions + coveredInstructions > 0 && !current.builder.addLine(line, coveredInstructions)) {
          location.fail(`line number ${line} is out of range`);
        }
        if (missedBranches + coveredBranches > 0) current.builder.addBranches(line, coveredBranches, missedBranches + coveredBranches);
      }
    },
    close(name) {
      if (name === "sourcefile" && current !== null) {
        const { builder, counters } = current;
        builder.compact();
        files.push(builder.build({ lines: counters.LINE, branches: counters.BRANCH, functions: counters.METHOD }));
        current = null;
      } else if (name === "package") {
        packageName = "";
      }
    },
    wantsText: () => false,
    text() {},
  };
  await readXml(file, location, handler);
  return {
    format: "jacoco",
    totals: { lines: reportCounters.LINE, branches: reportCounters.BRANCH, functions: reportCounters.METHOD },
    files,
    source: displayName,
    roots: [],
    warnings: [],
  };
}
