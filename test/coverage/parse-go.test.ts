import { describe, expect, it } from "vitest";
import { parseCoverageFile } from "../../src/coverage/parse.ts";
import { expectUserError, tempFiles } from "./helpers.ts";

const write = tempFiles();

async function parseText(text: string) {
  return parseCoverageFile(write("cover.out", text), { displayName: "cover.out" });
}

describe("Go coverprofile", () => {
  it("counts statements of each mode", async () => {
    for (const mode of ["set", "count", "atomic"]) {
      const report = await parseText(`mode: ${mode}\nexample.com/m/a.go:3.20,5.2 2 1\nexample.com/m/a.go:5.2,7.3 3 0\nexample.com/m/b.go:1.1,1.9 1 4\n`);
      expect(report.format).toBe("go");
      expect(report.totals).toEqual({ lines: { covered: 3, total: 6 }, branches: null, functions: null });
      expect(report.files.map((file) => [file.path, file.lines])).toEqual([
        ["example.com/m/a.go", { covered: 2, total: 5 }],
        ["example.com/m/b.go", { covered: 1, total: 1 }],
      ]);
    }
  });

  it("merges duplicate blocks from -coverpkg instead of summing them", async () => {
    const text = [
      "mode: count",
      "example.com/m/a.go:3.20,5.2 2 0",
      "example.com/m/a.go:5.2,7.3 3 0",
      "example.com/m/a.go:3.20,5.2 2 4",
      "example.com/m/a.go:5.2,7.3 3 0",
      "mode: count",
      "example.com/m/a.go:3.20,5.2 2 1",
      "",
    ].join("\n");
    const report = await parseText(text);
    expect(report.totals.lines).toEqual({ covered: 2, total: 5 });
    const hits = report.files[0]!.lineHits;
    expect(hits.get(3)).toBe(5);
    expect(hits.get(5)).toBe(5);
    expect(hits.get(6)).toBe(0);
    expect(hits.get(8)).toBeUndefined();
  });

  it("keeps paths with spaces, colons and non-ASCII characters", async () => {
    const report = await parseText("mode: set\nC:/w/my dir/ünï.go:1.1,2.2 1 1\n");
    expect(report.files[0]!.path).toBe("C:/w/my dir/ünï.go");
  });

  it("a profile with only a mode line measures nothing", async () => {
    const report = await parseText("mode: set\n");
    expect(report.totals.lines).toEqual({ covered: 0, total: 0 });
  });

  const bad: [string, string, (string | RegExp)[]][] = [
    ["block before mode", "a.go:1.1,2.2 1 1\n", ["cover.out:1:"]],
    ["unknown mode", "mode: set\nmode: often\n", ["cover.out:2:", "often"]],
    ["conflicting modes", "mode: set\nmode: count\n", ["cover.out:2:", "differs"]],
    ["truncated block", "mode: set\na.go:1.1,2.2 1 1\na.go:3.1,4\n", ["cover.out:3:", "malformed"]],
    ["missing count", "mode: set\na.go:1.1,2.2 1\n", ["cover.out:2:"]],
    ["end before start", "mode: set\na.go:5.1,2.2 1 1\n", ["cover.out:2:"]],
    ["inconsistent statement counts", "mode: set\na.go:1.1,2.2 1 1\na.go:1.1,2.2 2 1\n", ["cover.out:3:", "statements"]],
  ];
  for (const [name, text, patterns] of bad) {
    it(`refuses: ${name}`, async () => {
      await expectUserError(parseText(text), ...patterns);
    });
  }
});
