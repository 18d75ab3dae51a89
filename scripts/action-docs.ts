/**
 * Docs tables generated from each action.yml: inputs, outputs and permissions, written between
 * `<!-- generated:NAME -->` markers in docs/<action>.md. `npm run docs` writes them; a test checks they are current.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

export const root = path.resolve(import.meta.dirname, "..");

interface ActionMeta {
  name: string;
  description: string;
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
}

export interface ActionDoc {
  /** "shipgate" for the umbrella, else the folder name under actions/. */
  id: string;
  docPath: string;
  usesPath: string;
  meta: ActionMeta;
}

export async function listActions(): Promise<ActionDoc[]> {
  const docs: ActionDoc[] = [];
  const read = async (file: string) => parse(await readFile(path.join(root, file), "utf8")) as ActionMeta;
  docs.push({ id: "shipgate", docPath: "docs/shipgate.md", usesPath: "shipgate/shipgate@v1", meta: await read("action.yml") });
  for (const name of (await readdir(path.join(root, "actions"))).sort()) {
    docs.push({ id: name, docPath: `docs/${name}.md`, usesPath: `shipgate/shipgate/actions/${name}@v1`, meta: await read(`actions/${name}/action.yml`) });
  }
  return docs;
}

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ").trim();

function inputsTable(meta: ActionMeta): string {
  const rows = Object.entries(meta.inputs ?? {}).map(
    ([name, input]) => `| \`${name}\` | ${input.required ? "yes" : "no"} | ${input.default !== undefined ? `\`${escapeCell(String(input.default))}\`` : ""} | ${escapeCell(input.description)} |`,
  );
  return ["| Input | Required | Default | Description |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

function outputsTable(meta: ActionMeta): string {
  const rows = Object.entries(meta.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${escapeCell(output.description)} |`);
  return ["| Output | Description |", "| --- | --- |", ...rows].join("\n");
}

/** The description's "Permissions: contents read; checks write for the check run." sentence as a table. */
function permissionsTable(meta: ActionMeta): string {
  const match = /Permissions:\s*([^]*?)\.?\s*$/.exec(meta.description.replace(/\s+/g, " "));
  const items = (match?.[1] ?? "").split(";").map((s) => s.trim()).filter(Boolean);
  const rows = items.map((item) => {
    const [scope = "", access = "", ...why] = item.split(" ");
    return `| \`${scope.replace(/:$/, "")}\` | ${access} | ${why.join(" ").replace(/^for /, "")} |`;
  });
  return ["| Permission | Access | Needed for |", "| --- | --- | --- |", ...rows].join("\n");
}

export function generatedSections(action: ActionDoc): Record<string, string> {
  return { inputs: inputsTable(action.meta), outputs: outputsTable(action.meta), permissions: permissionsTable(action.meta) };
}

/** Replaces every generated section of a doc; sections whose markers are missing are appended. */
export function renderDoc(existing: string | undefined, action: ActionDoc): string {
  let text = existing ?? `# ${action.meta.name}\n\n${action.meta.description.trim()}\n\n\`\`\`yaml\n- uses: ${action.usesPath}\n\`\`\`\n`;
  for (const [name, table] of Object.entries(generatedSections(action))) {
    const block = `<!-- generated:${name} -->\n${table}\n<!-- /generated:${name} -->`;
    const pattern = new RegExp(`<!-- generated:${name} -->[^]*?<!-- /generated:${name} -->`);
    text = pattern.test(text) ? text.replace(pattern, () => block) : `${text.trimEnd()}\n\n## ${name[0]!.toUpperCase()}${name.slice(1)}\n\n${block}\n`;
  }
  return text;
}
