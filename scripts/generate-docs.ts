import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { listActions, renderDoc, root } from "./action-docs.ts";
import { actionMetadata } from "./action-metadata.ts";
import { withLayerTable } from "./import-graph.ts";
import { policyDoc } from "./policy-docs.ts";
import { reusableFromTemplate, reusableTemplates } from "./reusable-workflows.ts";

for (const { file, text } of await actionMetadata()) {
  const existing = await readFile(path.join(root, file), "utf8").catch(() => undefined);
  if (existing !== text) {
    await writeFile(path.join(root, file), text);
    console.log(`wrote ${file}`);
  }
}

for (const action of await listActions()) {
  const file = path.join(root, action.docPath);
  const existing = await readFile(file, "utf8").catch(() => undefined);
  const next = renderDoc(existing, action);
  if (next !== existing) {
    await writeFile(file, next);
    console.log(`wrote ${action.docPath}`);
  }
}
await writeFile(path.join(root, "docs/policy.md"), policyDoc());
const architecture = path.join(root, "docs/architecture.md");
await writeFile(architecture, withLayerTable(await readFile(architecture, "utf8")));

for (const file of reusableTemplates) {
  await writeFile(path.join(root, ".github/workflows", file), await reusableFromTemplate(file));
}
