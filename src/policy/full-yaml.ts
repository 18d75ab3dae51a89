/**
 * The `yaml` package's parser, for what the fast path (simple-yaml.ts) declines and for the line numbers of
 * error messages. Imported lazily: loading and warming it up costs about as much as an action's start-up.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from "yaml";
import { UserError } from "../core/errors.ts";

/** Parses YAML safely: duplicate keys refused, alias expansion bounded, errors naming `where` and the line. */
export function parseFullYaml(text: string, where: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new UserError(`${where}${line ? `:${line}` : ""}: not valid YAML: ${first.message.split("\n")[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new UserError(`${where}: not usable YAML: ${(error as Error).message}`);
  }
}

/**
 * For the key paths of messages, the 1-based line of each in the YAML source, to say where to look. `text` is
 * what was parsed, `source` the file as read (line numbers are counted in it at the offsets found in `text`).
 */
export function lineFinder(text: string, source: string): (segments: (string | number)[]) => number | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  return (segments) => lineOf(doc, source, segments);
}

function lineOf(doc: Document, source: string, segments: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let range: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      range = (pair.key as Node).range ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      range = (node as Node | undefined)?.range ?? range;
    } else break;
  }
  if (!range) return undefined;
  return source.slice(0, range[0]).split("\n").length;
}
