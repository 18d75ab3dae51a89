import * as semver from "./semver.ts";
import type { ReleaseRules } from "./rules.ts";

/** How release tags are named: literal text around the version (no pattern built from user text). */
export interface TagFormat {
  prefix: string;
  suffix: string;
}

export interface ReleaseTag {
  name: string;
  commit: string;
  version: semver.SemVer;
  /** Reachable from the head the version is computed for. */
  reachable: boolean;
}

export function tagFormatOf(policy: Pick<ReleaseRules, "tag-prefix" | "package">): TagFormat {
  if (!policy.package) return { prefix: policy["tag-prefix"], suffix: "" };
  const template = policy.package["tag-format"].replace("{name}", policy.package.name);
  const at = template.indexOf("{version}");
  return { prefix: template.slice(0, at), suffix: template.slice(at + "{version}".length) };
}

export function tagName(version: string, format: TagFormat): string {
  return `${format.prefix}${version}${format.suffix}`;
}

/** The version a tag names in this format, or null (other packages' tags, non-semver tags). */
export function versionOfTag(name: string, format: TagFormat): semver.SemVer | null {
  if (!name.startsWith(format.prefix) || !name.endsWith(format.suffix)) return null;
  const text = name.slice(format.prefix.length, name.length - format.suffix.length);
  // semver.parse accepts "v1.2.3" and "=1.2.3"; a release tag's version starts with its major number.
  if (!/^\d/.test(text)) return null;
  return semver.parse(text);
}

/** The tags that name versions in this format, highest version first. */
export function releaseTags(tags: readonly { name: string; commit: string; reachable: boolean }[], format: TagFormat): ReleaseTag[] {
  const found: ReleaseTag[] = [];
  for (const tag of tags) {
    const version = versionOfTag(tag.name, format);
    if (version) found.push({ ...tag, version });
  }
  return found.sort((a, b) => semver.rcompare(a.version, b.version) || a.name.localeCompare(b.name));
}

/** The previous release: the highest stable version tag reachable from the head (not the newest by date). */
export function previousRelease(tags: readonly ReleaseTag[]): ReleaseTag | null {
  return tags.find((t) => t.reachable && t.version.prerelease.length === 0) ?? null;
}
