import { describe, expect, it } from "vitest";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { expectUserError, tempFiles } from "./helpers.ts";

const write = tempFiles();

async function parseXml(text: string | Buffer, name = "coverage.xml") {
  return parseCoverageFile(write(name, text), { displayName: `reports/${name}` });
}

const COBERTURA = `<?xml version="1.0" ?>
<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">
<coverage version="7.4" timestamp="1" lines-valid="6" lines-covered="4" line-rate="0.6667" branches-covered="1" branches-valid="4" branch-rate="0.25" complexity="0">
  <sources>
    <source>/home/runner/work/app/app/src</source>
  </sources>
  <packages>
    <package name="pkg" line-rate="0.6667" branch-rate="0.25" complexity="0">
      <classes>
        <class name="A" filename="pkg/a &amp; b.py" complexity="0" line-rate="1" branch-rate="0">
          <methods>
            <method name="run" signature="()V" line-rate="1" branch-rate="1">
              <lines><line number="1" hits="99"/></lines>
            </method>
          </methods>
          <lines>
            <line number="1" hits="3"/>
            <line number="2" hits="1" branch="true" condition-coverage="50% (1/2)"/>
          </lines>
        </class>
        <class name="A$Inner" filename="pkg/a &amp; b.py" complexity="0" line-rate="0.5" branch-rate="0">
          <methods/>
          <lines>
            <line number="2" hits="0" branch="true" condition-coverage="0% (0/2)"/>
            <line number="5" hits="0"/>
          </lines>
        </class>
        <class name="B" filename="pkg/b.py" complexity="0" line-rate="0.5" branch-rate="0">
          <lines>
            <line number="1" hits="1"/>
            <line number="2" hits="0" branch="true" condition-coverage="0% (0/2)"/>
          </lines>
        </class>
      </classes>
    </package>
  </packages>
</coverage>
`;

describe("Cobertura", () => {
  it("takes the root's totals and merges classes of one file by line", async () => {
    const report = await parseXml(COBERTURA);
    expect(report.format).toBe("cobertura");
    expect(report.totals).toEqual({ lines: { covered: 4, total: 6 }, branches: { covered: 1, total: 4 }, functions: { covered: 1, total: 1 } });
    expect(report.roots).toEqual(["/home/runner/work/app/app/src"]);
    const [ab, b] = report.files;
    expect(ab!.path).toBe("pkg/a & b.py");
    expect(ab!.lines).toEqual({ covered: 2, total: 3 });
    expect([...ab!.lineHits]).toEqual([
      [1, 3],
      [2, 1],
      [5, 0],
    ]);
    expect(ab!.lineBranches.get(2)).toEqual({ covered: 1, total: 2 });
    expect(ab!.branches).toEqual({ covered: 1, total: 2 });
    expect(b!.lines).toEqual({ covered: 1, total: 2 });
  });

  it("keeps the better-covered counts of a line listed by two classes, however large the counts", async () => {
    const line = (number: number, covered: number, total: number) => `<line number="${number}" hits="1" branch="true" condition-coverage="x (${covered}/${total})"/>`;
    const classOf = (name: string, lines: string[]) => `<class name="${name}" filename="a.py"><lines>${lines.join("")}</lines></class>`;
    const first = [line(5, 1, 2), line(6, 40000, 70000), line(7, 3, 4), line(8, 32767, 32767), line(9, 0, 0)];
    const second = [line(9, 0, 1), line(8, 32767, 32768), line(7, 100000, 100000), line(6, 39999, 80000), line(5, 2, 2), line(4, 1, 1)];
    const report = await parseXml(`<coverage><packages><package name="p"><classes>${classOf("A", first)}${classOf("B", second)}</classes></package></packages></coverage>`);
    const expected: [number, { covered: number; total: number }][] = [
      [5, { covered: 2, total: 2 }],
      [6, { covered: 40000, total: 70000 }],
      [7, { covered: 100000, total: 100000 }],
      [8, { covered: 32767, total: 32768 }],
      [9, { covered: 0, total: 1 }],
      [4, { covered: 1, total: 1 }],
    ];
    const branches = report.files[0]!.lineBranches;
    expect([...branches]).toEqual(expected);
    expect(branches.size).toBe(6);
    expect(branches.get(6)).toEqual({ covered: 40000, total: 70000 });
    expect(branches.has(3)).toBe(false);
    expect(report.files[0]!.branches).toEqual({ covered: 2 + 40000 + 100000 + 32767 + 0 + 1, total: 2 + 70000 + 100000 + 32768 + 1 + 1 });
  });

  it("counts functions from <method> elements: hits, else its lines; one method listed by two classes once", async () => {
    const method = (name: string, attributes: string, line: number, hits: number) =>
      `<method name="${name}" signature="()V" ${attributes}><lines><line number="${line}" hits="${hits}"/></lines></method>`;
    const report = await parseXml(
      `<coverage lines-valid="3" lines-covered="2"><packages><package><classes>` +
        `<class filename="a.js"><methods>${method("f", 'hits="2"', 1, 2)}${method("g", 'hits="0"', 5, 0)}${method("h", 'line-rate="1.0"', 9, 4)}</methods><lines><line number="1" hits="2"/><line number="5" hits="0"/><line number="9" hits="4"/></lines></class>` +
        `<class filename="a.js"><methods>${method("g", 'hits="3"', 5, 3)}</methods><lines/></class>` +
        `<class filename="b.js"><methods/><lines/></class>` +
        `</classes></package></packages></coverage>`,
    );
    expect(report.totals.functions).toEqual({ covered: 3, total: 3 });
    expect(report.files.map((file) => [file.path, file.functions])).toEqual([
      ["a.js", { covered: 3, total: 3 }],
      ["b.js", { covered: 0, total: 0 }],
    ]);
    expect(report.files[0]!.lines).toEqual({ covered: 2, total: 3 });
  });

  it("takes gcovr's functions-covered/functions-valid; empty <methods/> alone (coverage.py) is no function data", async () => {
    const gcovr = await parseXml('<coverage lines-valid="1" lines-covered="1" functions-covered="3" functions-valid="4"><packages><package><classes><class filename="a.c"><methods/><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>');
    expect(gcovr.totals.functions).toEqual({ covered: 3, total: 4 });
    const coveragePy = await parseXml('<coverage lines-valid="1" lines-covered="1"><packages><package><classes><class filename="a.py"><methods/><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>');
    expect(coveragePy.totals.functions).toBeNull();
    expect(coveragePy.files[0]!.functions).toBeNull();
  });

  it("without lines-valid (old Cobertura) sums the classes", async () => {
    const report = await parseXml('<coverage line-rate="0.5"><packages><package><classes><class filename="x.java"><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class></classes></package></packages></coverage>');
    expect(report.totals.lines).toEqual({ covered: 1, total: 2 });
    expect(report.totals.branches).toBeNull();
  });

  it("0 of 0 stays 0 of 0", async () => {
    const report = await parseXml('<coverage lines-valid="0" lines-covered="0" branches-valid="0" branches-covered="0" line-rate="1"><packages/></coverage>');
    expect(report.totals).toEqual({ lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 }, functions: null });
    expect(report.files).toEqual([]);
  });

  it("accepts CRLF, a byte-order mark and non-ASCII paths", async () => {
    const text = `\uFEFF${COBERTURA.replace("pkg/b.py", "pkg/ünïcödé dir/b.py").replace(/\n/g, "\r\n")}`;
    const report = await parseXml(text);
    expect(report.files[1]!.path).toBe("pkg/ünïcödé dir/b.py");
    expect(report.totals.lines).toEqual({ covered: 4, total: 6 });
  });

  it("has the same totals whether or not line detail is kept", async () => {
    const file = write("detail.xml", COBERTURA);
    const withDetail = await parseCoverageFile(file);
    const without = await parseCoverageFile(file, { lineDetail: false });
    expect(without.totals).toEqual(withDetail.totals);
    expect(without.files.map((entry) => entry.lines)).toEqual(withDetail.files.map((entry) => entry.lines));
    expect(without.files[0]!.lineHits.size).toBe(0);
  });
});

describe("Clover", () => {
  const CLOVER = `<?xml version="1.0" encoding="UTF-8"?>
<coverage generated="1700000000000" clover="3.2.0">
  <project timestamp="1700000000000" name="All files">
    <metrics statements="5" coveredstatements="3" conditionals="4" coveredconditionals="2" methods="2" coveredmethods="1" elements="11" coveredelements="6" complexity="0" loc="5" ncloc="5" packages="1" files="2" classes="2"/>
    <package name="lib">
      <metrics statements="5" coveredstatements="3" conditionals="4" coveredconditionals="2" methods="2" coveredmethods="1"/>
      <file name="a.js" path="/work/repo/lib/a.js">
        <metrics statements="3" coveredstatements="2" conditionals="4" coveredconditionals="2" methods="1" coveredmethods="1"/>
        <line num="1" count="1" type="method" signature="f"/>
        <line num="1" count="2" type="stmt"/>
        <line num="2" count="2" type="cond" truecount="2" falsecount="2"/>
        <line num="3" count="0" type="stmt"/>
      </file>
    </package>
    <file name="b.js" path="/work/repo/b.js">
      <metrics statements="2" coveredstatements="1" conditionals="0" coveredconditionals="0" methods="1" coveredmethods="0"/>
      <line num="1" count="1" type="stmt"/>
      <line num="2" count="0" type="stmt"/>
    </file>
  </project>
</coverage>`;

  it("takes the project metrics: statements are lines, conditionals branches, methods functions", async () => {
    const report = await parseXml(CLOVER, "clover.xml");
    expect(report.format).toBe("clover");
    expect(report.totals).toEqual({ lines: { covered: 3, total: 5 }, branches: { covered: 2, total: 4 }, functions: { covered: 1, total: 2 } });
    expect(report.files.map((file) => [file.path, file.lines, file.branches, file.functions])).toEqual([
      ["/work/repo/lib/a.js", { covered: 2, total: 3 }, { covered: 2, total: 4 }, { covered: 1, total: 1 }],
      ["/work/repo/b.js", { covered: 1, total: 2 }, { covered: 0, total: 0 }, { covered: 0, total: 1 }],
    ]);
    expect([...report.files[0]!.lineHits]).toEqual([
      [1, 2],
      [2, 2],
      [3, 0],
    ]);
  });

  it("a Clover report without a project is refused", async () => {
    await expectUserError(parseXml('<coverage clover="4.4.1"></coverage>', "empty-clover.xml"), "reports/empty-clover.xml:", "<project>");
  });
});

describe("JaCoCo", () => {
  const JACOCO = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="demo"><sessioninfo id="x" start="1" dump="2"/><package name="com/example"><class name="com/example/App" sourcefilename="App.java"><method name="main" desc="()V" line="3"><counter type="INSTRUCTION" missed="0" covered="4"/><counter type="LINE" missed="0" covered="2"/><counter type="METHOD" missed="0" covered="1"/></method><counter type="LINE" missed="1" covered="2"/></class><sourcefile name="App.java"><line nr="3" mi="0" ci="4" mb="0" cb="0"/><line nr="4" mi="0" ci="2" mb="1" cb="1"/><line nr="6" mi="3" ci="0" mb="0" cb="0"/><counter type="INSTRUCTION" missed="3" covered="6"/><counter type="BRANCH" missed="1" covered="1"/><counter type="LINE" missed="1" covered="2"/><counter type="METHOD" missed="1" covered="1"/></sourcefile><counter type="LINE" missed="1" covered="2"/></package><package name=""><sourcefile name="Main.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/><counter type="LINE" missed="0" covered="1"/><counter type="METHOD" missed="0" covered="1"/></sourcefile></package><counter type="INSTRUCTION" missed="3" covered="7"/><counter type="BRANCH" missed="1" covered="1"/><counter type="LINE" missed="1" covered="3"/><counter type="METHOD" missed="1" covered="2"/><counter type="CLASS" missed="0" covered="2"/></report>`;

  it("takes the report-level LINE, BRANCH and METHOD counters", async () => {
    const report = await parseXml(JACOCO, "jacoco.xml");
    expect(report.format).toBe("jacoco");
    expect(report.totals).toEqual({ lines: { covered: 3, total: 4 }, branches: { covered: 1, total: 2 }, functions: { covered: 2, total: 3 } });
    expect(report.files.map((file) => [file.path, file.lines, file.branches, file.functions])).toEqual([
      ["com/example/App.java", { covered: 2, total: 3 }, { covered: 1, total: 2 }, { covered: 1, total: 2 }],
      ["Main.java", { covered: 1, total: 1 }, { covered: 0, total: 0 }, { covered: 1, total: 1 }],
    ]);
    expect([...report.files[0]!.lineHits]).toEqual([
      [3, 4],
      [4, 2],
      [6, 0],
    ]);
    expect(report.files[0]!.lineBranches.get(4)).toEqual({ covered: 1, total: 2 });
  });

  it("a report without counters measured nothing", async () => {
    const report = await parseXml('<report name="empty"><sessioninfo id="x" start="1" dump="2"/></report>', "jacoco-empty.xml");
    expect(report.totals.lines).toEqual({ covered: 0, total: 0 });
  });
});

describe("hostile and broken XML", () => {
  const cases: [string, string | Buffer, (string | RegExp)[]][] = [
    [
      "entity declarations (billion laughs)",
      '<?xml version="1.0"?>\n<!DOCTYPE coverage [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n<coverage lines-valid="1" lines-covered="1"><sources><source>&lol2;</source></sources></coverage>',
      ["reports/coverage.xml:", "entity declarations"],
    ],
    [
      "an external entity",
      '<?xml version="1.0"?>\n<!DOCTYPE coverage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<coverage lines-valid="1" lines-covered="1"><sources><source>&xxe;</source></sources></coverage>',
      ["reports/coverage.xml:", "entity declarations"],
    ],
    ["an undeclared entity reference", '<coverage lines-valid="1" lines-covered="1">\n<sources><source>&xxe;</source></sources></coverage>', ["reports/coverage.xml:2:", "undefined entity &xxe;"]],
    [
      "truncated: root never closed",
      `${COBERTURA.slice(0, COBERTURA.indexOf("</classes>"))}`,
      ["reports/coverage.xml:34:", "ends before </classes>", "truncated"],
    ],
    ["truncated inside a tag", '<coverage lines-valid="1" lines-covered="1"><packages><package name="x', ["reports/coverage.xml:1:", "ends inside a tag", "truncated"]],
    ["mismatched tags", '<coverage lines-valid="1" lines-covered="1">\n<packages></package>\n</coverage>', ["reports/coverage.xml:2:", "</package> does not match <packages>"]],
    ["text after the root", '<coverage lines-valid="1" lines-covered="1"></coverage>\n<coverage/>', ["reports/coverage.xml:2:", "second root element"]],
    ["text outside the root", '<coverage lines-valid="1" lines-covered="1"></coverage>\n\nhello', ["reports/coverage.xml:3:", "text outside the root"]],
    ["an unquoted attribute", '<coverage lines-valid=1></coverage>', ["reports/coverage.xml:1:", "unquoted"]],
    ["a duplicate attribute", '<coverage lines-valid="1" lines-valid="2"></coverage>', ["duplicate attribute lines-valid"]],
    ["a bare ampersand", '<coverage lines-valid="1" lines-covered="1"><sources><source>a & b</source></sources></coverage>', ['"&"']],
    ["a closing tag without an open element", '<coverage lines-valid="1" lines-covered="1"></coverage></coverage>', ["without an open element"]],
    ["a negative count", '<coverage lines-valid="1" lines-covered="-1"></coverage>', ["reports/coverage.xml:1:", 'lines-covered="-1"']],
    ["covered above valid", '<coverage lines-valid="1" lines-covered="2"></coverage>', ["reports/coverage.xml:1:", "more than"]],
    [
      "a line without hits",
      '<coverage lines-valid="1" lines-covered="1">\n<packages><package><classes><class filename="a">\n<lines><line number="1"/></lines></class></classes></package></packages></coverage>',
      ["reports/coverage.xml:3:", "<line>"],
    ],
    ["a class without a filename", '<coverage lines-valid="1" lines-covered="1"><packages><package><classes><class name="x"/></classes></package></packages></coverage>', ["<class> without a filename"]],
    ["binary data in the middle", Buffer.concat([Buffer.from(`<coverage lines-valid="1" lines-covered="1">${" ".repeat(70000)}`), Buffer.from([0, 1, 2]), Buffer.from("</coverage>")]), ["reports/coverage.xml:", "binary"]],
    ["an unknown root element", "<html><body/></html>", ["reports/coverage.xml:", "<html>"]],
  ];
  for (const [name, text, patterns] of cases) {
    it(`refuses ${name}`, async () => {
      await expectUserError(parseXml(text), ...patterns);
    });
  }

  it("refuses a Cobertura file given as JaCoCo", async () => {
    await expectUserError(parseCoverageFile(write("c.xml", COBERTURA), { format: "jacoco", displayName: "c.xml" }), "c.xml:", "<report>");
  });
});
