/** An lcov record for one file: hits per line number (0 = not covered). */
export function lcovRecord(file: string, hits: Record<number, number>): string {
  const lines = Object.entries(hits).map(([line, count]) => `DA:${line},${count}`);
  const found = lines.length;
  const hit = Object.values(hits).filter((h) => h > 0).length;
  return ["TN:", `SF:${file}`, ...lines, `LF:${found}`, `LH:${hit}`, "end_of_record", ""].join("\n");
}
