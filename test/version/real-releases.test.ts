/**
 * Every real release of test/fixtures/real-releases replayed: `version next` on the range from the previous release
 * must give the released version at least as often as conventional-recommended-bump, and never miss one the
 * reference gets; each release's changelog section must be byte-identical to conventional-changelog's.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agreementOf, loadReleaseFixtures, versionsSection, VERSIONS_END, VERSIONS_START } from "../support/real-releases.ts";

const fixtures = loadReleaseFixtures();

describe("real release histories", () => {
  it("holds the five repositories, a monorepo among them", () => {
    expect(fixtures.map((f) => f.repository)).toHaveLength(5);
    expect(fixtures.some((f) => f.packages.some((p) => p.path !== null))).toBe(true);
    expect(fixtures.reduce((sum, f) => sum + f.releases.length, 0)).toBeGreaterThan(700);
  });

  describe.each(fixtures.map((fixture) => [fixture.repository, fixture] as const))("%s", (_name, fixture) => {
    const { agreement, replayed } = agreementOf(fixture);

    it("gives the released version at least as often as conventional-recommended-bump, and wherever it does", () => {
      expect(agreement.shipgateRight).toBeGreaterThanOrEqual(agreement.referenceRight);
      const missed = replayed.filter((r) => r.referenceRight && !r.shipgateRight).map((r) => `${r.release.previousTag} -> ${r.release.tag}: ${r.next}`);
      expect(missed).toEqual([]);
    });

    it("renders every release's section byte-identical to conventional-changelog", () => {
      const different = replayed.filter((r) => !r.notesIdentical);
      expect(different.map((r) => r.release.tag)).toEqual([]);
      expect(agreement.notesIdentical / agreement.releases).toBeGreaterThanOrEqual(0.98);
    });
  });

  it("docs/conformance.md shows these figures (regenerate with node scripts/conformance-docs.ts)", async () => {
    const document = await readFile(path.resolve(import.meta.dirname, "../../docs/conformance.md"), "utf8");
    const shown = document.slice(document.indexOf(VERSIONS_START), document.indexOf(VERSIONS_END) + VERSIONS_END.length);
    expect(shown).toBe(versionsSection(fixtures));
  });
});
