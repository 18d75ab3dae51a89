import { describe, expect, it } from "vitest";
import { barChart, lineChart, timeline } from "../../src/report/pictures.ts";

describe("Mermaid pictures", () => {
  it("draws bars against a threshold line, labels reduced to what Mermaid cannot read as syntax", () => {
    const chart = barChart({ title: 'Coverage "vs" min', unit: "%", bars: [{ label: "project", value: 77.777 }, { label: 'main"]\nclick x', value: 94.44 }], threshold: { label: "minimum", values: [80, 80] } });
    expect(chart.split("\n")).toEqual([
      "```mermaid",
      "---",
      "config:",
      "  themeVariables:",
      "    xyChart:",
      '      plotColorPalette: "#1f6feb, #d1242f"',
      "---",
      "xychart-beta",
      '  title "Coverage vs min"',
      '  x-axis ["project", "main click x"]',
      '  y-axis "%" 0 --> 100',
      "  bar [77.78, 94.44]",
      "  line [80, 80]",
      "```",
    ]);
  });

  it("keeps a Gantt task's name free of the colon that would end it", () => {
    const chart = timeline({ title: "week", sections: [{ name: "freezes", bars: [{ label: "year-end: no deploys", start: "2026-12-22 10:30", end: "2026-12-29 10:30", kind: "crit" }] }] });
    expect(chart).toContain("  year-end no deploys :crit, 2026-12-22 10:30, 2026-12-29 10:30");
  });

  it("labels a week's axis by day, one tick a day, so the labels do not run into each other", () => {
    const week = timeline({ title: "week", daily: true, sections: [] }).split("\n");
    expect(week).toEqual(expect.arrayContaining(["  axisFormat %a %d", "  tickInterval 1day"]));
    expect(timeline({ title: "day", sections: [] })).toContain("  axisFormat %a %d %H:%M");
  });

  it("draws small values with three significant digits, not rounded to zero", () => {
    const chart = lineChart({ title: "error ratio", unit: "ratio", labels: ["a", "b", "c"], series: [0.002, 0.034, 12.345], threshold: [0.01, 0.01, 0.01], max: 0.06 });
    expect(chart).toContain("  line [0.002, 0.034, 12.35]");
    expect(chart).toContain("  line [0.01, 0.01, 0.01]");
    expect(chart).toContain('  y-axis "ratio" 0 --> 0.06');
  });
});
