import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { readXml } from "../../src/coverage/xml-scan.ts";
import { XmlLocation, type XmlHandler } from "../../src/coverage/xml.ts";
import { tempFiles } from "./helpers.ts";

/**
 * The byte-level tag scanner (src/coverage/xml-scan.ts) stands in for saxes for speed; here it must
 * produce exactly saxes's events (elements, decoded attributes, text) on every XML fixture, and
 * reject every hostile fixture (all that saxes rejects, and DTD internal subsets, which saxes
 * would skip but we refuse).
 */
type Event = ["open", string, Record<string, string>, number] | ["close", string] | ["text", string];

const fixtures = join(import.meta.dirname, "../fixtures/coverage");
const write = tempFiles();

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "hostile" ? [] : xmlFiles(path);
    return entry.name.endsWith(".xml") ? [path] : [];
  });
}

/** Adjacent text (and CDATA) merged, as parsers may split it anywhere. */
class Recorder {
  readonly events: Event[] = [];
  private pending = "";
  text(text: string): void {
    this.pending += text;
  }
  push(event: Event): void {
    if (this.pending !== "") this.events.push(["text", this.pending]);
    this.pending = "";
    this.events.push(event);
  }
}

function withSaxes(text: string): Event[] {
  const recorder = new Recorder();
  const parser = new SaxesParser({ xmlns: false });
  let depth = 0;
  parser.on("opentag", (tag) => recorder.push(["open", tag.name, { ...(tag.attributes as Record<string, string>) }, ++depth]));
  parser.on("closetag", (tag) => {
    depth--;
    recorder.push(["close", tag.name]);
  });
  // saxes also reports the whitespace around the root element; no handler can use it.
  parser.on("text", (value) => depth > 0 && recorder.text(value));
  parser.on("cdata", (value) => recorder.text(value));
  parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  parser.close();
  return recorder.events;
}

async function withScanner(file: string, wantsText = true): Promise<Event[]> {
  const recorder = new Recorder();
  const handler: XmlHandler = {
    open: (name, attributes, _parent, depth) => recorder.push(["open", name, attributes.all(), depth]),
    close: (name) => recorder.push(["close", name]),
    wantsText: () => wantsText,
    text: (value) => recorder.text(value),
  };
  await readXml(file, new XmlLocation(file), handler);
  return recorder.events;
}

/**
 * The scanner with Cobertura's numeric element: its calls recorded as the open and close they stand for (with
 * the parent each names checked against the open elements), and counted. Without text wanted, the scanner reads
 * a run of such elements in one go.
 */
async function withNumericElement(file: string, wantsText = true): Promise<{ events: Event[]; numeric: number }> {
  const recorder = new Recorder();
  const open: string[] = [];
  let numeric = 0;
  const handler: XmlHandler = {
    numericElement: {
      name: "line",
      first: "number",
      second: "hits",
      element(first, second, parent, depth) {
        numeric++;
        expect([parent, depth]).toEqual([open[open.length - 1], open.length + 1]);
        recorder.push(["open", "line", { number: String(first), hits: String(second) }, depth]);
        recorder.push(["close", "line"]);
      },
    },
    open: (name, attributes, parent, depth) => {
      expect(parent).toBe(open[open.length - 1]);
      open.push(name);
      recorder.push(["open", name, attributes.all(), depth]);
    },
    close: (name) => {
      open.pop();
      recorder.push(["close", name]);
    },
    wantsText: () => wantsText,
    text: (value) => recorder.text(value),
  };
  await readXml(file, new XmlLocation(file), handler);
  return { events: recorder.events, numeric };
}

describe("the XML tag scanner equals saxes", () => {
  const files = xmlFiles(fixtures);
  it("has fixtures from every XML producer", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of files) {
    it(file.slice(fixtures.length + 1), async () => {
      const expected = withSaxes(readFileSync(file, "utf8"));
      expect(expected.length).toBeGreaterThan(0);
      expect(await withScanner(file)).toEqual(expected);
    });
  }

  it("on a generated multi-megabyte report whose tags straddle read buffers", async () => {
    const parts = ['<?xml version="1.0"?>\n<coverage lines-valid="0" lines-covered="0">\n<packages>\n<package name="p&amp;q">\n<classes>\n'];
    for (let index = 0; index < 160; index++) {
      parts.push(`<class filename="src/dír ${index}/f&#233;${index}.py" name='c${index}'>\n\t<lines>\n`);
      for (let line = 1; line <= 300; line++) parts.push(`\t\t<line number="${line}" hits="${(line * index) % 7}"${line % 9 === 0 ? ' branch="true" condition-coverage="50% (1/2)"' : ""}/>\n`);
      parts.push("\t</lines>\n</class>\n");
    }
    parts.push("</classes>\n</package>\n</packages>\n</coverage>\n");
    const text = parts.join("");
    expect(text.length).toBeGreaterThan(3 << 19);
    const file = write("generated.xml", text);
    expect(JSON.stringify(await withScanner(file))).toBe(JSON.stringify(withSaxes(text)));
    expect(JSON.stringify((await withNumericElement(file)).events)).toBe(JSON.stringify(withSaxes(text)));
    expect(JSON.stringify((await withNumericElement(file, false)).events)).toBe(JSON.stringify(await withScanner(file, false)));
  });
});

describe("the XML tag scanner's numeric element stands for the open and close of the general path", () => {
  it("on every XML fixture, taking the usual <line> of every Cobertura producer", async () => {
    let numeric = 0;
    for (const file of xmlFiles(fixtures)) {
      const fast = await withNumericElement(file);
      expect(fast.events, file).toEqual(await withScanner(file));
      expect((await withNumericElement(file, false)).events, file).toEqual(await withScanner(file, false));
      numeric += fast.numeric;
    }
    expect(numeric).toBeGreaterThan(40);
  });

  it("on spellings of <line> that only the general path reads, and where the element may not be read so", async () => {
    const rows = [
      '<line number="1" hits="2"/>',
      '<line number="1" hits="2" />',
      '<line  number="1" hits="2"/>',
      '<line number="1"\thits="2"/>',
      '<line\nnumber="1" hits="2"/>',
      '<line hits="2" number="1"/>',
      "<line number='1' hits='2'/>",
      '<line number="1" hits=\'2\'/>',
      '<line number = "1" hits="2"/>',
      '<line number="&#49;" hits="2"/>',
      '<line number="1" hits="2&#48;"/>',
      '<line number="1" hits="2"></line>',
      '<line number="1" hits="2"><conditions/></line>',
      '<line number="1.0" hits="2"/>',
      '<line number="1" hits="2e3"/>',
      '<line number="" hits="2"/>',
      '<line number="1" hits=""/>',
      '<line number="1" hits="2" branch="true" condition-coverage="50% (1/2)"/>',
      '<line hits="2" number="1" branch="true" condition-coverage="50% (1/2)"/>',
      '<line number="1" hits="2" branch="true" condition-coverage="50% (1/2)"/>',
      '<line number="1" hits="2" branch = "true" condition-coverage="50% (1/2)"/>',
      '<line number="1" hits="2" branch="true" condition-coverage="50% (1/2)"/>',
      '<line number="1" hits="2" condition-coverage="50% (1/2)" branch="true"></line>',
      '<line number="1" hitsx="2"/>',
      '<line number="1"/>',
      '<liner number="1" hits="2"/>',
      '<line number="1" hits="2"/><!-- <line number="3" hits="4"/> -->',
      '<![CDATA[<line number="5" hits="6"/>]]>',
      '<line number="1" hits="2"/>text &amp; more<line number="3" hits="4"/>  \t  <line number="5" hits="6"/>',
    ];
    const file = write("spellings.xml", `<?xml version="1.0"?>\n<coverage><lines>\n${rows.join("\n")}\n</lines></coverage>\n`);
    const fast = await withNumericElement(file);
    expect(fast.events).toEqual(await withScanner(file));
    expect(fast.events).toEqual(withSaxes(readFileSync(file, "utf8")));
    expect((await withNumericElement(file, false)).events).toEqual(await withScanner(file, false));
    // The first, the one before the comment and the three among text: the others are not the usual spelling, or not elements.
    expect(fast.numeric).toBe(5);
  });

  it("rejects a duplicate of the two attributes, or of one after them, whatever tags came before", async () => {
    const before = ["", '<line number="1" hits="2"/>', '<line hits="2" number="1" branch="true"/>', '<line number="1" hits="2" branch="true"/>', '<line number="1" branch="true" hits="2"/>'];
    const duplicates = ['<line number="1" hits="2" number="3"/>', '<line number="1" hits="2" hits="3"/>', '<line number="1" hits="2" branch="a" branch="b"/>', '<line number="1" hits="2" branch="a" number="4"/>'];
    for (const previous of before) {
      for (const duplicate of duplicates) {
        const file = write("duplicate.xml", `<coverage><lines>${previous}${previous}\n${duplicate}</lines></coverage>\n`);
        const error = await withNumericElement(file).then(() => null, (caught: unknown) => caught);
        expect(error, `${previous} ${duplicate}`).toBeInstanceOf(UserError);
        expect((error as UserError).message).toMatch(/:2: duplicate attribute (number|hits|branch) in <line>$/);
      }
    }
  });

  it("rejects an undefined entity in text between such elements, though no text is wanted", async () => {
    const file = write("entity-between.xml", '<coverage><lines>\n<line number="1" hits="2"/>\n<line number="3" hits="4"/>&bogus;<line number="5" hits="6"/>\n</lines></coverage>\n');
    const error = await withNumericElement(file, false).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(":3: undefined entity &bogus;");
  });

  it("as the root element, which only the general path reads", async () => {
    const file = write("root-line.xml", '<line number="1" hits="2"/>\n');
    expect((await withNumericElement(file)).events).toEqual([["open", "line", { number: "1", hits: "2" }, 1], ["close", "line"]]);
    const second = write("second-root.xml", '<coverage/><line number="1" hits="2"/>\n');
    const error = await withNumericElement(second).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain("a second root element <line>");
  });
});

describe("the XML tag scanner rejects hostile input", () => {
  const dir = join(fixtures, "hand/hostile");
  for (const name of readdirSync(dir)) {
    it(name, async () => {
      const file = join(dir, name);
      const error = await withScanner(file).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+: `));
    });
  }

  it("saxes rejects the same hostile fixtures, except those we refuse beyond well-formedness", () => {
    // Well-formed for saxes, refused by us: a DTD internal subset that would declare entities, and
    // an encoding we do not read.
    const refusedOnlyByUs = ["latin1-encoding.xml", "parameter-entity.xml"];
    const acceptedBySaxes = readdirSync(dir).filter((name) => {
      try {
        withSaxes(readFileSync(join(dir, name), "utf8"));
        return true;
      } catch {
        return false;
      }
    });
    expect(acceptedBySaxes.sort()).toEqual(refusedOnlyByUs);
  });
});

/** Reference for `ratio`: the last "(a/b)" of the decoded value, parsed from the string. */
function ratioOfText(text: string): [number, number] | null {
  const match = /\(([^()/]*)\/([^()]*)\)[^(]*$/.exec(text);
  if (match === null) return null;
  const covered = Number(match[1]);
  const total = Number(match[2]);
  return Number.isInteger(covered) && Number.isInteger(total) && covered >= 0 && covered <= total ? [covered, total] : null;
}

/** Every attribute through the lazy accessors, which read bytes, against its decoded value from `all()`. */
async function accessorMismatches(file: string): Promise<string[]> {
  const mismatches: string[] = [];
  const into = { covered: -1, total: -1 };
  const handler: XmlHandler = {
    open(name, attributes) {
      for (const [key, value] of Object.entries(attributes.all())) {
        const where = `<${name} ${key}="${value}">`;
        if (attributes.get(key) !== value) mismatches.push(`get ${where}`);
        if (!attributes.is(key, value) || attributes.is(key, `${value}x`) || (value !== "" && attributes.is(key, value.slice(1)))) mismatches.push(`is ${where}`);
        const expected = ratioOfText(value);
        const found = attributes.ratio(key, into) ? [into.covered, into.total] : null;
        if (JSON.stringify(found) !== JSON.stringify(expected)) mismatches.push(`ratio ${where}: ${JSON.stringify(found)}`);
      }
      if (attributes.get("no-such-attribute") !== undefined || attributes.is("no-such-attribute", "") || attributes.ratio("no-such-attribute", into)) {
        mismatches.push(`absent attribute found in <${name}>`);
      }
    },
    close() {},
    wantsText: () => false,
    text() {},
  };
  await readXml(file, new XmlLocation(file), handler);
  return mismatches;
}

describe("the XML tag scanner's lazy attribute accessors equal the decoded values", () => {
  it("on every XML fixture", async () => {
    for (const file of xmlFiles(fixtures)) expect(await accessorMismatches(file)).toEqual([]);
  });

  it("on values with references, normalised whitespace and odd condition-coverage shapes", async () => {
    const values = [
      "50% (1/2)", "100% (12/12)", "0% (0/4)", "(3/2)", "(/2)", "(1/)", "( 1/2)", "(1/2) ", "50% (1&#47;2)", "a&amp;b (1/2)",
      "x (1/2) (3/4)", "(1.0/2)", "(1e0/2)", "(123456789012345/123456789012346)", "true", "tr&#117;e", "t\tr", "", "(", ")", "(1/2",
    ];
    const escaped = values.map((value) => value.replace(/"/g, "&quot;"));
    const file = write("accessors.xml", `<root>${escaped.map((value, index) => `<e a${index}="${value}" b='${value}'/>`).join("\n")}</root>`);
    expect(await accessorMismatches(file)).toEqual([]);
  });
});
