import { describe, expect, it } from "vitest";
import { mergeReports } from "../../src/coverage/merge.ts";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { tempFiles } from "./helpers.ts";

const write = tempFiles();
let counter = 0;

async function report(text: string, lineDetail = true) {
  counter++;
  return parseCoverageFile(write(`r${counter}`, text), { displayName: `r${counter}`, lineDetail });
}

describe("mergeReports", () => {
  it("adds the totals of reports on different files and normalises their paths", async () => {
    const web = await report("SF:/home/runner/work/m/m/packages/web/src/a.ts\nDA:1,1\nDA:2,0\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nend_of_record\n");
    const api = await report(
      '<coverage lines-valid="3" lines-covered="3" branches-valid="0" branches-covered="0"><sources><source>/home/runner/work/m/m/packages/api</source></sources><packages><package><classes><class filename="app.py"><lines><line number="1" hits="1"/><line number="2" hits="1"/><line number="3" hits="1"/></lines></class></classes></package></packages></coverage>',
    );
    const merged = mergeReports([web, api], { workspace: "/home/runner/work/m/m" });
    expect(merged.files.map((file) => file.path)).toEqual(["packages/web/src/a.ts", "packages/api/app.py"]);
    expect(merged.totals).toEqual({ lines: { covered: 4, total: 5 }, branches: { covered: 1, total: 2 }, functions: null });
    expect(merged.source).toBe(`${web.source}, ${api.source}`);
  });

  it("merges one file reported twice by line, never counting a line twice", async () => {
    const unit = await report("SF:src/a.ts\nFN:1,f\nFNDA:0,f\nDA:1,0\nDA:2,1\nDA:3,0\nBRDA:2,0,0,1\nBRDA:2,0,1,0\nend_of_record\nSF:src/b.ts\nDA:1,1\nend_of_record\n");
    const integration = await report("SF:/repo/src/a.ts\nFN:1,f\nFNDA:2,f\nDA:1,4\nDA:2,0\nDA:3,0\nDA:9,1\nBRDA:2,0,0,0\nBRDA:2,0,1,3\nend_of_record\n");
    const merged = mergeReports([unit, integration], { workspace: "/repo" });
    const a = merged.files.find((file) => file.path === "src/a.ts")!;
    expect(a.lines).toEqual({ covered: 3, total: 4 });
    expect([...a.lineHits]).toEqual([
      [1, 4],
      [2, 1],
      [3, 0],
      [9, 1],
    ]);
    expect(a.branches).toEqual({ covered: 1, total: 2 });
    expect(a.functions).toEqual({ covered: 1, total: 1 });
    expect(merged.totals.lines).toEqual({ covered: 4, total: 5 });
    expect(merged.files).toHaveLength(2);
  });

  it("merges paths that differ only in spelling inside one report", async () => {
    const single = await report("SF:./src/a.ts\nDA:1,1\nDA:2,0\nend_of_record\nSF:src\\a.ts\nDA:2,1\nend_of_record\n");
    expect(single.files).toHaveLength(2);
    const merged = mergeReports([single], { workspace: "/repo" });
    expect(merged.files).toHaveLength(1);
    expect(merged.totals.lines).toEqual({ covered: 2, total: 2 });
  });

  it("without line detail takes the best-covered copy of a repeated file", async () => {
    const first = await report("SF:a\nDA:1,1\nDA:2,0\nend_of_record\n", false);
    const second = await report("SF:a\nDA:1,0\nDA:2,0\nend_of_record\n", false);
    const merged = mergeReports([first, second]);
    expect(merged.totals.lines).toEqual({ covered: 1, total: 2 });
  });

  it("keeps a single report as it is", async () => {
    const single = await report("SF:a\nDA:1,1\nend_of_record\n");
    const merged = mergeReports([single]);
    expect(merged.totals).toEqual(single.totals);
    expect(merged.files).toEqual(single.files);
  });

  it("keeps 0 of 0 as 0 of 0", async () => {
    const empty = await report("mode: set\n");
    expect(mergeReports([empty, empty]).totals.lines).toEqual({ covered: 0, total: 0 });
  });
});
