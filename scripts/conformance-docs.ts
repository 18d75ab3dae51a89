/**
 * Rewrites the "Versions and changelogs" section of docs/conformance.md (between its markers) from the real-release
 * fixtures, with the figures the replay test checks. Other sections of the document (coverage) are left as they are.
 *
 *   node scripts/conformance-docs.ts
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadReleaseFixtures, versionsSection, withVersionsSection } from "../test/support/real-releases.ts";

const file = path.resolve(import.meta.dirname, "../docs/conformance.md");
const document = await readFile(file, "utf8").catch(() => "# Conformance on real data\n");
await writeFile(file, withVersionsSection(document, versionsSection(loadReleaseFixtures())));
console.log(`${file}: versions and changelogs section regenerated`);
