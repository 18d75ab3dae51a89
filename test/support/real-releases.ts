/**
 * Replays the real releases of test/fixtures/real-releases (made by scripts/make-release-fixtures.ts): every
 * release's range through shipgate's pure version and changelog logic, next to what the reference tools answered
 * on the same range. Shared by the conformance test and scripts/conformance-docs.ts, so the figures in
 * docs/conformance.md are the ones the suite checks.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import type { GitCommit } from "../../src/git/git.ts";
import { defaultPolicy } from "../../src/policy/load.ts";
import type { ReleasePolicy } from "../../src/policy/types.ts";
import { computeNextVersion } from "../../src/version/next.ts";
import type { ReleaseRules } from "../../src/version/rules.ts";
import { renderChangelog } from "../../src/changelog/changelog.ts";
import type { FixtureRelease, ReleaseFixture } from "../../scripts/make-release-fixtures.ts";

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures/real-releases");

export function loadReleaseFixtures(): ReleaseFixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), "utf8")) as ReleaseFixture);
}

export interface ReplayedRelease {
  release: FixtureRelease;
  /** What shipgate computes as the next version after previousTag on the range. */
  next: string | null;
  /** What the reference's release type makes of the previous version. */
  referenceNext: string | null;
  /** True when the reference section lists nothing (no releasable commit): "no release" is then right too. */
  nothingToRelease: boolean;
  shipgateRight: boolean;
  referenceRight: boolean;
  notes: string;
  notesIdentical: boolean;
}

function rulesOf(fixture: ReleaseFixture, release: FixtureRelease, base: ReleasePolicy): ReleaseRules {
  const spec = fixture.packages.find((p) => p.name === release.package)!;
  if (!spec.name || !spec.path) return base;
  return { ...base, package: { name: spec.name, path: spec.path, "tag-format": "{name}-v{version}" } };
}

function commitsOf(fixture: ReleaseFixture, release: FixtureRelease): GitCommit[] {
  return release.commits.map((hash) => {
    const commit = fixture.commits[hash]!;
    // Only the parents' count matters to the pure logic: a merge has two.
    return { hash, parents: commit.merge ? ["merge-parent-1", "merge-parent-2"] : ["parent"], committerDate: commit.date, message: commit.message };
  });
}

export function replayRelease(fixture: ReleaseFixture, release: FixtureRelease, policy: ReleasePolicy = defaultPolicy().release): ReplayedRelease {
  const rules = rulesOf(fixture, release, policy);
  const commits = commitsOf(fixture, release);
  const tags = [{ name: release.previousTag, commit: "previous-release", reachable: true }];
  const next = computeNextVersion({ commits, tags, policy: rules }).next;
  const [owner = "", name = ""] = fixture.repository.split("/");
  const notes = renderChangelog({
    commits,
    tags: [],
    policy: rules,
    links: { host: "https://github.com", owner, repository: name },
    version: release.version,
    previousTag: release.previousTag,
    today: release.date,
  }).text;
  const referenceNext = release.reference.bump ? semver.inc(release.previousVersion, release.reference.bump) : null;
  const nothingToRelease = !/^### /m.test(release.reference.notes);
  return {
    release,
    next,
    referenceNext,
    nothingToRelease,
    shipgateRight: next === release.version || (next === null && nothingToRelease),
    referenceRight: referenceNext === release.version,
    notes,
    notesIdentical: notes === release.reference.notes,
  };
}

export interface RepositoryAgreement {
  repository: string;
  releases: number;
  shipgateRight: number;
  referenceRight: number;
  notesIdentical: number;
}

export function agreementOf(fixture: ReleaseFixture): { agreement: RepositoryAgreement; replayed: ReplayedRelease[] } {
  const replayed = fixture.releases.map((release) => replayRelease(fixture, release));
  return {
    replayed,
    agreement: {
      repository: fixture.repository,
      releases: replayed.length,
      shipgateRight: replayed.filter((r) => r.shipgateRight).length,
      referenceRight: replayed.filter((r) => r.referenceRight).length,
      notesIdentical: replayed.filter((r) => r.notesIdentical).length,
    },
  };
}

export const VERSIONS_START = "<!-- versions-and-changelogs:start (scripts/conformance-docs.ts) -->";
export const VERSIONS_END = "<!-- versions-and-changelogs:end -->";

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)} %`;
}

/** The "Versions and changelogs" section of docs/conformance.md, from the fixtures: what the replay test checks. */
export function versionsSection(fixtures: readonly ReleaseFixture[]): string {
  const tools = fixtures[0]?.tools ?? {};
  const rows = fixtures.map((fixture) => {
    const { agreement: a } = agreementOf(fixture);
    const packages = fixture.packages.filter((p) => p.name).length;
    const kind = packages > 0 ? `monorepo, ${packages} packages (path filter, \`{name}-v{version}\` tags)` : "`v` tags";
    return `| [${a.repository}](https://github.com/${a.repository}) at \`${fixture.head.slice(0, 7)}\` | ${kind} | ${a.releases} | ${a.shipgateRight} (${percent(a.shipgateRight, a.releases)}) | ${a.referenceRight} (${percent(a.referenceRight, a.releases)}) | ${a.notesIdentical} (${percent(a.notesIdentical, a.releases)}) |`;
  });
  return [
    VERSIONS_START,
    "",
    "Every release of these public repositories replayed: the range from the previous release (the highest stable version",
    "tag of the same package below it) to the release's tag, as shipgate reads it. **Version right**: `version next` on that",
    "range gives the version that was released (a range without any releasable commit, where the reference lists nothing,",
    "counts as right when shipgate says \"no release\"). **Reference right**: the release type of",
    `conventional-recommended-bump ${tools["conventional-recommended-bump"] ?? ""} (conventionalcommits preset) applied to the previous version gives it.`,
    `**Notes identical**: the release's section is byte-identical to conventional-changelog ${tools["conventional-changelog"] ?? ""} with`,
    `conventional-changelog-conventionalcommits ${tools["conventional-changelog-conventionalcommits"] ?? ""} on the same range (same date, version and links).`,
    "",
    "| Repository | Tags | Releases | Version right (shipgate) | Version right (reference) | Notes identical |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Fixtures: `test/fixtures/real-releases/` (tags and commit messages of each range, and the reference tools' answers),",
    "made by `node scripts/make-release-fixtures.ts MIRRORS_DIR` from bare clones; this section by",
    "`node scripts/conformance-docs.ts`; test/version/real-releases.test.ts replays them and checks this section is current.",
    "",
    VERSIONS_END,
  ].join("\n");
}

/** The document with its versions section replaced (or added before the coverage section when missing). */
export function withVersionsSection(document: string, section: string): string {
  const start = document.indexOf(VERSIONS_START);
  const end = document.indexOf(VERSIONS_END);
  if (start !== -1 && end > start) return document.slice(0, start) + section + document.slice(end + VERSIONS_END.length);
  return `${document.replace(/\n*$/, "")}\n\n${section}\n`;
}
