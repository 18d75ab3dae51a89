import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { updatersFor } from "../../src/release/updaters/index.ts";
import { packageJsonUpdater } from "../../src/release/updaters/package-json.ts";
import { packageLockUpdater } from "../../src/release/updaters/package-lock.ts";
import { versionFileUpdater } from "../../src/release/updaters/version-file.ts";

describe("package.json", () => {
  const cases: { name: string; before: string; after: string }[] = [
    { name: "two spaces, final newline", before: '{\n  "name": "app",\n  "version": "1.1.0"\n}\n', after: '{\n  "name": "app",\n  "version": "1.2.0"\n}\n' },
    { name: "tabs, no final newline", before: '{\n\t"version": "1.1.0",\n\t"private": true\n}', after: '{\n\t"version": "1.2.0",\n\t"private": true\n}' },
    { name: "four spaces, CRLF", before: '{\r\n    "version": "0.9.0",\r\n    "a": [\r\n        1\r\n    ]\r\n}\r\n', after: '{\r\n    "version": "1.2.0",\r\n    "a": [\r\n        1\r\n    ]\r\n}\r\n' },
    { name: "keeps key order and nested versions", before: '{\n  "name": "x",\n  "version": "1.0.0",\n  "engines": {\n    "version": "9"\n  }\n}\n', after: '{\n  "name": "x",\n  "version": "1.2.0",\n  "engines": {\n    "version": "9"\n  }\n}\n' },
    { name: "no version field: unchanged", before: '{ "private": true }\n', after: '{ "private": true }\n' },
    { name: "already at the version: unchanged bytes", before: '{"version":"1.2.0"}', after: '{"version":"1.2.0"}' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(packageJsonUpdater.update(c.before, "1.2.0", "package.json")).toBe(c.after);
    });
  }

  it("names the file when it is not JSON", () => {
    expect(() => packageJsonUpdater.update('{"version": ', "1.2.0", "web/package.json")).toThrow(/web\/package.json: not valid JSON/);
    expect(() => packageJsonUpdater.update("[1]", "1.2.0", "package.json")).toThrow(UserError);
  });
});

describe("package-lock.json", () => {
  it("updates the root version and packages[''] only", () => {
    const before = JSON.stringify(
      { name: "app", version: "1.1.0", lockfileVersion: 3, requires: true, packages: { "": { name: "app", version: "1.1.0" }, "node_modules/dep": { version: "1.1.0" } } },
      null,
      2,
    );
    const after = JSON.parse(packageLockUpdater.update(`${before}\n`, "1.2.0", "package-lock.json")) as { version: string; packages: Record<string, { version: string }> };
    expect(after.version).toBe("1.2.0");
    expect(after.packages[""]?.version).toBe("1.2.0");
    expect(after.packages["node_modules/dep"]?.version).toBe("1.1.0");
    expect(packageLockUpdater.update(`${before}\n`, "1.2.0", "package-lock.json").endsWith("}\n")).toBe(true);
  });

  it("handles lockfile version 1 (no packages) and leaves a current file byte for byte", () => {
    const v1 = '{\n  "version": "1.1.0",\n  "lockfileVersion": 1\n}\n';
    expect(packageLockUpdater.update(v1, "1.2.0", "package-lock.json")).toBe('{\n  "version": "1.2.0",\n  "lockfileVersion": 1\n}\n');
    const current = '{"version":"1.2.0","packages":{"":{"version":"1.2.0"}}}';
    expect(packageLockUpdater.update(current, "1.2.0", "package-lock.json")).toBe(current);
  });
});

describe("VERSION", () => {
  const cases = [
    ["1.1.0\n", "1.2.0\n"],
    ["1.1.0", "1.2.0"],
    ["v1.1.0\n", "v1.2.0\n"],
    ["1.1.0\r\n", "1.2.0\r\n"],
    ["\n", "1.2.0\n"],
  ] as const;
  for (const [before, after] of cases) {
    it(`${JSON.stringify(before)} -> ${JSON.stringify(after)}`, () => {
      expect(versionFileUpdater.update(before, "1.2.0", "VERSION")).toBe(after);
    });
  }
  it("refuses a file of several lines", () => {
    expect(() => versionFileUpdater.update("1.1.0\nmore\n", "1.2.0", "VERSION")).toThrow(/VERSION: expected one line/);
  });
});

describe("updatersFor", () => {
  it("picks by file name, in subdirectories too", () => {
    expect(updatersFor(["package.json", "web/package-lock.json", "./VERSION", "npm-shrinkwrap.json"], "k").map((u) => [u.path, u.updater.name])).toEqual([
      ["package.json", "package.json"],
      ["web/package-lock.json", "package-lock.json"],
      ["VERSION", "VERSION"],
      ["npm-shrinkwrap.json", "package-lock.json"],
    ]);
  });
  it("names the key and the unknown file", () => {
    expect(() => updatersFor(["Cargo.toml"], "release.branches.version-files")).toThrow(/release.branches.version-files: no updater for "Cargo.toml"/);
    expect(() => updatersFor(["../package.json"], "k")).toThrow(/inside the repository/);
  });
});
