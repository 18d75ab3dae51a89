import { describe, expect, it } from "vitest";
import { mapLimit } from "../../src/core/map-limit.ts";

describe("mapLimit", () => {
  it.each([1, 3, 10])("never has more than %i calls in flight and keeps the order", async (limit) => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 25 }, (_, i) => i);
    const results = await mapLimit(items, limit, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Finish in a scrambled order: later items sometimes settle first.
      for (let i = 0; i <= (item * 7) % 5; i++) await Promise.resolve();
      inFlight--;
      return item * 2;
    });
    expect(results).toEqual(items.map((i) => i * 2));
    expect(most).toBe(Math.min(limit, items.length));
  });

  it("handles no items", async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
