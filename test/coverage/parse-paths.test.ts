import { describe, expect, it } from "vitest";
import { normalizePath, normalizeReportPath, type PathContext } from "../../src/coverage/paths.ts";

describe("normalizePath", () => {
  const workspace = "/home/runner/work/app/app";
  const cases: [string, PathContext, string][] = [
    ["/home/runner/work/app/app/src/a.ts", { workspace }, "src/a.ts"],
    ["/home/runner/work/app/app/src/a.ts", {}, "src/a.ts"],
    ["/Users/runner/work/app/app/src/a.ts", { workspace }, "src/a.ts"],
    ["/__w/app/app/src/a.ts", { workspace }, "src/a.ts"],
    ["D:\\a\\app\\app\\src\\win.ts", { workspace }, "src/win.ts"],
    ["d:\\a\\app\\app\\src\\win.ts", {}, "src/win.ts"],
    ["C:\\Users\\dev\\proj\\src\\x.cs", { workspace: "c:/users/dev/proj" }, "src/x.cs"],
    ["C:\\Users\\dev\\proj\\src\\x.cs", { workspace }, "C:/Users/dev/proj/src/x.cs"],
    ["./src/a.ts", { workspace }, "src/a.ts"],
    ["././src//a.ts", {}, "src/a.ts"],
    ["src\\nested\\b.ts", {}, "src/nested/b.ts"],
    ["src/./x/../b.ts", {}, "src/b.ts"],
    ["../outside/a.ts", { workspace }, "../outside/a.ts"],
    ["/app/src/a.ts", { workspace, root: "/app" }, "src/a.ts"],
    ["/app/src/a.ts", { workspace, root: ["/build", "/app/"] }, "src/a.ts"],
    ["/opt/other/a.ts", { workspace }, "/opt/other/a.ts"],
    ["/home/runner/work/app/app-extra/a.ts", { workspace }, "/home/runner/work/app/app-extra/a.ts"],
    ["/home/runner/work/app/app", { workspace }, ""],
    ["example.com/org/repo/pkg/a.go", { workspace, root: "example.com/org/repo" }, "pkg/a.go"],
    ["file:///home/runner/work/app/app/src/with%20space.ts", { workspace }, "src/with space.ts"],
    ["/home/runner/work/app/app/src/dír ü/日本.ts", { workspace }, "src/dír ü/日本.ts"],
    ["/work/dir with spaces/src/a.ts", { workspace: "/work/dir with spaces/" }, "src/a.ts"],
  ];
  for (const [path, context, expected] of cases) {
    it(`${path} ${JSON.stringify(context)} -> ${expected}`, () => {
      expect(normalizePath(path, context)).toBe(expected);
    });
  }
});

describe("normalizeReportPath with the report's source roots", () => {
  const workspace = "/home/runner/work/app/app";
  it("joins a relative path with the root inside the workspace", () => {
    expect(normalizeReportPath("calc.py", ["/elsewhere", `${workspace}/pkg`], { workspace })).toBe("pkg/calc.py");
  });
  it("keeps a relative path when no root is inside the workspace", () => {
    expect(normalizeReportPath("lib/a.js", ["/tmp/build"], { workspace })).toBe("lib/a.js");
  });
  it("strips another root the user names", () => {
    expect(normalizeReportPath("a.js", ["/app/lib"], { workspace, root: "/app" })).toBe("lib/a.js");
  });
  it("leaves absolute paths to normalizePath", () => {
    expect(normalizeReportPath(`${workspace}/x.c`, ["."], { workspace })).toBe("x.c");
  });
});
