/** GraphQL connections as GitHub pages them: opaque cursors, `first` items after one, `pageInfo`. */

function cursorOf(offset: number): string {
  return Buffer.from(`cursor:${offset}`).toString("base64");
}

function offsetOf(cursor: unknown): number {
  if (typeof cursor !== "string") return 0;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : 0;
}

/** One page of `size` items after the cursor `after`, each mapped to its node. */
export function page<T, R>(items: T[], size: number, after: unknown, map: (item: T) => R): { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: R[] } {
  const start = offsetOf(after);
  const nodes = items.slice(start, start + size).map(map);
  return { pageInfo: { hasNextPage: start + size < items.length, endCursor: nodes.length ? cursorOf(start + nodes.length) : null }, nodes };
}
