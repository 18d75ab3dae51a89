import { describe, expect, it } from "vitest";
import { ExternalError } from "../../src/core/errors.ts";
import { nextCursor, pagesOf } from "../../src/github/paging.ts";

const page = (url: string, next?: string) => ({ url, headers: { link: next ? `<${next}>; rel="next"` : undefined }, data: [url] });

describe("pagesOf", () => {
  it("passes every page's items through while the pages differ", () => {
    const map = pagesOf(3);
    expect([map(page("/a?page=1", "/a?page=2")), map(page("/a?page=2", "/a?page=3")), map(page("/a?page=3"))]).toEqual([["/a?page=1"], ["/a?page=2"], ["/a?page=3"]]);
  });

  it("refuses a next link that leads back to a page already read", () => {
    const map = pagesOf();
    map(page("/a?page=1", "/a?page=2"));
    map(page("/a?page=2", "/a?page=1"));
    expect(() => map(page("/a?page=1", "/a?page=2"))).toThrow(new ExternalError("the API's next-page link leads back to a page already read (/a?page=1); shipgate stops there"));
  });

  it("refuses a walk longer than its bound, but not a last page at the bound", () => {
    const bounded = pagesOf(2);
    bounded(page("/a?page=1", "/a?page=2"));
    expect(() => bounded(page("/a?page=2", "/a?page=3"))).toThrow(/more than 2 pages; shipgate stops there/);
    const ending = pagesOf(2);
    ending(page("/a?page=1", "/a?page=2"));
    expect(ending(page("/a?page=2"))).toEqual(["/a?page=2"]);
  });
});

describe("nextCursor", () => {
  it("gives the next cursor, or null at the end", () => {
    expect(nextCursor({ hasNextPage: true, endCursor: "b" }, "a", "listing x")).toBe("b");
    expect(nextCursor({ hasNextPage: false, endCursor: "b" }, "a", "listing x")).toBeNull();
  });

  it("refuses a cursor that stays, is missing, or an answer without pageInfo, naming the list", () => {
    expect(() => nextCursor({ hasNextPage: true, endCursor: "a" }, "a", "listing x")).toThrow('listing x: the API says more pages follow but its cursor stays at "a"; shipgate stops there');
    expect(() => nextCursor({ hasNextPage: true, endCursor: null }, "a", "listing x")).toThrow("listing x: the API says more pages follow but its cursor is missing");
    expect(() => nextCursor(undefined, null, "listing x")).toThrow("listing x: the API's answer has no page information (pageInfo)");
  });
});
