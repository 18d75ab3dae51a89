import { describe, expect, it } from "vitest";
import { ActionInputs } from "../../src/actions/inputs.ts";

const inputs = new ActionInputs({
  "INPUT_MIN-LINES": " 80 ",
  "INPUT_MIN-BRANCHES": "80%",
  INPUT_BAD: "eighty",
  INPUT_FILES: "a.info\n b.xml , c.json\n",
  INPUT_FLAG: "True",
  INPUT_EMPTY: "",
});

describe("action inputs", () => {
  it("reads INPUT_ variables as the runner writes them", () => {
    expect(inputs.number("min-lines", { min: 0, max: 100 })).toBe(80);
    expect(inputs.number("min-branches")).toBe(80);
    expect(inputs.list("files")).toEqual(["a.info", "b.xml", "c.json"]);
    expect(inputs.boolean("flag")).toBe(true);
    expect(inputs.string("empty")).toBeUndefined();
    expect(inputs.number("missing")).toBeUndefined();
  });

  it("names the input and what was expected", () => {
    expect(() => inputs.number("bad", { min: 0, max: 100 })).toThrow('input "bad": expected a number >= 0 and <= 100, got "eighty"');
    expect(() => inputs.number("min-lines", { max: 50 })).toThrow(/expected a number <= 50, got "80"/);
    expect(() => inputs.boolean("bad")).toThrow('input "bad": expected true or false, got "eighty"');
    expect(() => inputs.oneOf("bad", ["a", "b"])).toThrow('input "bad": expected one of a, b, got "eighty"');
    expect(() => inputs.required("empty")).toThrow('input "empty" is required');
  });
});
