/**
 * Makes the real-release fixtures of test/fixtures/real-releases from public repositories cloned (bare) on this
 * machine: for every release tag, the previous release (the highest stable version tag of the same package that is
 * an ancestor of it), the commits of the range as `shipgate` reads them, the tag's date, and what the reference
 * tools answer on the same range: conventional-changelog's section (conventionalcommits preset) and
 * conventional-recommended-bump's release type. CI cannot fetch repositories, so the suite replays these files.
 *
 *   node scripts/make-release-fixtures.ts MIRRORS_DIR [OWNER/NAME]   (MIRRORS_DIR/<owner>+<name>/repo are bare clones)
 *
 * Then `node scripts/conformance-docs.ts` rewrites docs/conformance.md from the fixtures.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import semver from "semver";
import { ConventionalGitClient } from "@conventional-changelog/git-client";
import { ConventionalChangelog } from "conventional-changelog";
import { Bumper } from "conventional-recommended-bump";

const run = promisify(execFile);
const OUT = path.resolve(import.meta.dirname, "../test/fixtures/real-releases");

interface PackageSpec {
  /** Null for a repository released as one package with `v` tags. */
  name: string | null;
  path: string | null;
  tagFormat: "v{version}" | "{name}-v{version}";
}

interface RepositorySpec {
  repository: string;
  packages: PackageSpec[];
}

const SINGLE: PackageSpec[] = [{ name: null, path: null, tagFormat: "v{version}" }];
const monorepoPackage = (name: string, dir: string): PackageSpec => ({ name, path: dir, tagFormat: "{name}-v{version}" });

/** Repositories that cut releases from conventional commits: release-please, semantic-release, a release-please monorepo. */
const REPOSITORIES: RepositorySpec[] = [
  { repository: "googleapis/release-please", packages: SINGLE },
  { repository: "semantic-release/commit-analyzer", packages: SINGLE },
  { repository: "semantic-release/release-notes-generator", packages: SINGLE },
  { repository: "googleapis/nodejs-storage", packages: SINGLE },
  {
    repository: "googleapis/google-cloud-node-core",
    // Tag names and package directories, from the repository's release-please-config.json and manifest.
    packages: [
      monorepoPackage("gapic-generator", "generator/gapic-generator-typescript"),
      monorepoPackage("gapic-tools", "packages/tools"),
      monorepoPackage("gaxios", "packages/gaxios"),
      monorepoPackage("gcp-metadata", "packages/gcp-metadata"),
      monorepoPackage("google-auth-library", "packages/google-auth-library-nodejs"),
      monorepoPackage("google-gax", "packages/gax"),
      monorepoPackage("google-logging-utils", "packages/logging-utils"),
      monorepoPackage("google-proto-files", "packages/nodejs-proto-files"),
      monorepoPackage("googleapis-common", "packages/nodejs-googleapis-common"),
      monorepoPackage("jsdoc-fresh", "dev-packages/jsdoc-fresh"),
      monorepoPackage("jsdoc-region-tag", "dev-packages/jsdoc-region-tag"),
      monorepoPackage("pack-n-play", "dev-packages/pack-n-play"),
      monorepoPackage("proto3-json-serializer", "packages/proto3-json-serializer-nodejs"),
      monorepoPackage("teeny-request", "packages/teeny-request"),
    ],
  },
];

export interface FixtureCommit {
  /** Committer date, strict ISO 8601. */
  date: string;
  /** Present (true) on merge commits only. */
  merge?: true;
  message: string;
}

export interface FixtureRelease {
  package: string | null;
  tag: string;
  version: string;
  previousTag: string;
  previousVersion: string;
  /** The tagged commit's committer date, as an ISO day (UTC): conventional-changelog dates a release so. */
  date: string;
  /** The range previousTag..tag as shipgate reads it (path-filtered as git log simplifies it), newest first. */
  commits: string[];
  reference: {
    /** conventional-recommended-bump (conventionalcommits preset) on the range. */
    bump: "major" | "minor" | "patch" | null;
    /** conventional-changelog (conventionalcommits preset) section of the range. */
    notes: string;
  };
}

export interface ReleaseFixture {
  repository: string;
  /** The commit the mirror's default branch was at. */
  head: string;
  tools: Record<string, string>;
  packages: PackageSpec[];
  commits: Record<string, FixtureCommit>;
  releases: FixtureRelease[];
}

async function git(dir: string, args: string[]): Promise<string> {
  return (await run("git", args, { cwd: dir, maxBuffer: 1 << 30, env: { ...process.env, LC_ALL: "C" } })).stdout;
}

function versionOf(tag: string, spec: PackageSpec): string | null {
  const prefix = spec.tagFormat === "v{version}" ? "v" : `${spec.name}-v`;
  if (!tag.startsWith(prefix)) return null;
  const version = tag.slice(prefix.length);
  return /^\d/.test(version) && semver.valid(version) && semver.prerelease(version) === null ? version : null;
}

/** A git client whose range is exactly from..to: no tag walk up to HEAD (conventional-changelog's default). */
class RangeGitClient extends ConventionalGitClient {
  override async verify(): Promise<string> {
    throw new Error("a fixed range: read from..to only");
  }
  override async *getSemverTags(): AsyncGenerator<string> {}
}

async function referenceNotes(dir: string, repository: string, release: Omit<FixtureRelease, "reference" | "commits">, spec: PackageSpec): Promise<string> {
  const generator = new ConventionalChangelog(new RangeGitClient(dir))
    .loadPreset("conventionalcommits")
    .repository(`https://github.com/${repository}`)
    // previousTag and currentTag are read by the preset's header template (linkCompare), beyond the declared type.
    .context({ version: release.version, date: release.date, previousTag: release.previousTag, currentTag: release.tag } as Record<string, unknown>)
    // No %d (tag decorations): the range is one release, dated with its tag's date above.
    .commits({ from: release.previousTag, to: release.tag, format: "%B%n-hash-%n%H%n-committerDate-%n%ci", ...(spec.path ? { path: spec.path } : {}) });
  let notes = "";
  for await (const chunk of generator.write()) notes += chunk;
  return notes;
}

async function referenceBump(dir: string, release: Omit<FixtureRelease, "reference" | "commits">, spec: PackageSpec): Promise<FixtureRelease["reference"]["bump"]> {
  const bumper = new Bumper(dir)
    .loadPreset("conventionalcommits")
    .tag(release.previousTag)
    .commits({ to: release.tag, ...(spec.path ? { path: spec.path } : {}) });
  const answer = await bumper.bump();
  return "releaseType" in answer ? (answer.releaseType as "major" | "minor" | "patch") : null;
}

async function toolVersions(): Promise<Record<string, string>> {
  const names = ["conventional-changelog", "conventional-changelog-conventionalcommits", "conventional-recommended-bump", "conventional-commits-parser"];
  const versions: Record<string, string> = {};
  for (const name of names) {
    const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, `../node_modules/${name}/package.json`), "utf8")) as { version: string };
    versions[name] = manifest.version;
  }
  return versions;
}

async function fixtureOf(mirrors: string, spec: RepositorySpec, tools: Record<string, string>): Promise<ReleaseFixture> {
  const dir = path.join(mirrors, spec.repository.replace("/", "+"), "repo");
  const head = (await git(dir, ["rev-parse", "HEAD"])).trim();
  const tagLines = (await git(dir, ["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)", "refs/tags"])).split("\n").filter(Boolean);
  const tags = tagLines.map((line) => {
    const [name = "", object = "", peeled = ""] = line.split("\0");
    return { name, commit: peeled || object };
  });
  const commits: Record<string, FixtureCommit> = {};
  const releases: FixtureRelease[] = [];
  for (const pkg of spec.packages) {
    const own = tags.flatMap((t) => {
      const version = versionOf(t.name, pkg);
      return version ? [{ ...t, version }] : [];
    });
    for (const tag of own) {
      const merged = new Set((await git(dir, ["tag", "--merged", tag.commit])).split("\n"));
      const previous = own
        .filter((t) => t !== tag && merged.has(t.name) && t.commit !== tag.commit && semver.lt(t.version, tag.version))
        .sort((a, b) => semver.rcompare(a.version, b.version))[0];
      if (!previous) continue;
      const date = new Date((await git(dir, ["log", "-1", "--format=%cI", tag.commit])).trim()).toISOString().slice(0, 10);
      const paths = pkg.path ? [`${previous.commit}..${tag.commit}`, "--", pkg.path] : [`${previous.commit}..${tag.commit}`];
      const log = await git(dir, ["log", "-z", "--format=%H%x00%P%x00%cI%x00%B", ...paths]);
      const fields = log.split("\0");
      const hashes: string[] = [];
      for (let i = 0; i + 4 <= fields.length; i += 4) {
        const hash = fields[i]!.replace(/^\n/, "");
        if (!hash) break;
        hashes.push(hash);
        commits[hash] = { date: fields[i + 2]!, ...(fields[i + 1]!.includes(" ") ? { merge: true as const } : {}), message: fields[i + 3]! };
      }
      const release = { package: pkg.name, tag: tag.name, version: tag.version, previousTag: previous.name, previousVersion: previous.version, date };
      const [notes, bump] = [await referenceNotes(dir, spec.repository, release, pkg), await referenceBump(dir, release, pkg)];
      releases.push({ ...release, commits: hashes, reference: { bump, notes } });
    }
  }
  releases.sort((a, b) => (a.package ?? "").localeCompare(b.package ?? "") || semver.compare(a.version, b.version));
  return { repository: spec.repository, head, tools, packages: spec.packages, commits, releases };
}

async function main(): Promise<void> {
  const mirrors = process.argv[2];
  if (!mirrors) {
    console.error("usage: node scripts/make-release-fixtures.ts MIRRORS_DIR (holding <owner>+<name>/repo bare clones)");
    process.exit(2);
  }
  const tools = await toolVersions();
  await mkdir(OUT, { recursive: true });
  const only = process.argv[3];
  for (const spec of REPOSITORIES.filter((r) => !only || r.repository === only)) {
    const fixture = await fixtureOf(mirrors, spec, tools);
    const file = path.join(OUT, `${spec.repository.replace("/", "+")}.json`);
    await writeFile(file, JSON.stringify(fixture, null, 0) + "\n");
    console.log(`${file}: ${fixture.releases.length} releases, ${Object.keys(fixture.commits).length} commits`);
  }
}

await main();
