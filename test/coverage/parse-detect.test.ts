import { describe, expect, it } from "vitest";
import { detectFromHead } from "../../src/coverage/detect.ts";
import { UserError } from "../../src/core/errors.ts";

describe("format detection from content", () => {
  const cases: [string, string][] = [
    ["TN:\nSF:a.js\n", "lcov"],
    ["SF:a.js\nDA:1,1\n", "lcov"],
    ["\uFEFFVER:2.0\nSF:a\n", "lcov"],
    ["mode: set\na.go:1.1,2.2 1 1\n", "go"],
    ["mode: atomic\r\n", "go"],
    ["mode: count", "go"],
    ['{"total":{"lines":{"total":1}}}', "istanbul"],
    ['  \n{"/a.js":{"path":"/a.js","statementMap":{}}}', "istanbul"],
    ['<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n<coverage line-rate="0.5" version="7">', "cobertura"],
    ['<?xml version="1.0"?><coverage lines-valid="3" lines-covered="1" timestamp="1">', "cobertura"],
    ["<coverage>\n  <sources><source>/x</source></sources>", "cobertura"],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<coverage generated="1700000000" clover="3.2.0">\n<project timestamp="1">', "clover"],
    ['<coverage generated="1">\n  <!-- c -->\n  <project name="x">', "clover"],
    ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="demo">', "jacoco"],
  ];
  for (const [head, format] of cases) {
    it(`${JSON.stringify(head.slice(0, 40))} is ${format}`, () => {
      expect(detectFromHead(Buffer.from(head), "r")).toBe(format);
    });
  }

  const unknown = ["hello", "<html><body>", "<coverage><foo/>", "[1,2]", "mode: sometimes\n", "DA:1,1\n", "<?xml version='1.0'?>"];
  for (const head of unknown) {
    it(`refuses ${JSON.stringify(head)}`, () => {
      expect(() => detectFromHead(Buffer.from(head), "r.txt")).toThrow(UserError);
      expect(() => detectFromHead(Buffer.from(head), "r.txt")).toThrow(/^r\.txt/);
    });
  }
});
