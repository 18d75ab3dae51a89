import { describe, expect, it } from "vitest";
import { cvss3BaseScore, scoreOf, severityOfScore, severityOfWord } from "../../src/security/severity.ts";

describe("CVSS v3 base score", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1],
    ["CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1],
    ["CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L", 5.6],
    ["CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0],
  ])("%s = %s", (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it.each([
    "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H",
    "9.8",
    "",
  ])("no score for %j", (vector) => {
    expect(cvss3BaseScore(vector)).toBeUndefined();
  });
});

describe("severity bands (GitHub code scanning)", () => {
  it.each([
    [10, "critical"],
    [9, "critical"],
    [8.99, "high"],
    [7, "high"],
    [6.99, "medium"],
    [4, "medium"],
    [3.99, "low"],
    [0.1, "low"],
    [0, undefined],
    [-1, undefined],
    [10.1, undefined],
    [Number.NaN, undefined],
  ])("%s -> %s", (score, severity) => {
    expect(severityOfScore(score)).toBe(severity);
  });

  it("reads scores as numbers or numeric strings only", () => {
    expect(scoreOf("8.8")).toBe(8.8);
    expect(scoreOf(" 9 ")).toBe(9);
    expect(scoreOf(7.5)).toBe(7.5);
    expect(scoreOf("high")).toBeUndefined();
    expect(scoreOf("1e1")).toBeUndefined();
    expect(scoreOf(null)).toBeUndefined();
  });

  it.each([
    ["CRITICAL", "critical"],
    ["moderate", "medium"],
    ["MODERATE", "medium"],
    ["info", "low"],
    ["UNKNOWN", "unknown"],
    ["severe", undefined],
    [3, undefined],
  ])("word %j -> %s", (word, severity) => {
    expect(severityOfWord(word)).toBe(severity);
  });
});

describe("prototype keys are not severities or metrics", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("%s", (word) => {
    expect(severityOfWord(word)).toBeUndefined();
    expect(cvss3BaseScore(`CVSS:3.1/AV:${word}/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`)).toBeUndefined();
    expect(cvss3BaseScore(`CVSS:3.1/AV:N/AC:L/PR:${word}/UI:N/S:U/C:H/I:H/A:H`)).toBeUndefined();
  });
});
