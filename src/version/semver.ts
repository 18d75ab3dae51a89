/**
 * The parts of the semver package shipgate uses, each from its own file. The package's index also loads its
 * ranges, comparators and range algebra (subset, intersects, ...), none of which a version or release needs:
 * about 10M instructions, a tenth of `node -e 0`, at every start of version, changelog, release and release-branch.
 */
export { default as SemVer } from "semver/classes/semver.js";
export { default as gt } from "semver/functions/gt.js";
export { default as inc } from "semver/functions/inc.js";
export { default as major } from "semver/functions/major.js";
export { default as parse } from "semver/functions/parse.js";
export { default as prerelease } from "semver/functions/prerelease.js";
export { default as rcompare } from "semver/functions/rcompare.js";
export { default as valid } from "semver/functions/valid.js";
