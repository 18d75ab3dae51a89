import type { JsonSchema } from "../json-schema.ts";

const bumpLevel: JsonSchema = {
  type: "string",
  enum: ["major", "minor", "patch", "none"],
  description: "The increment a commit of this type causes.",
};

/** The changelog sections of conventional-changelog's conventionalcommits preset, in its order. */
export const DEFAULT_CHANGELOG_SECTIONS = [
  { type: "feat", section: "Features", hidden: false },
  { type: "feature", section: "Features", hidden: false },
  { type: "fix", section: "Bug Fixes", hidden: false },
  { type: "perf", section: "Performance Improvements", hidden: false },
  { type: "revert", section: "Reverts", hidden: false },
  { type: "docs", section: "Documentation", hidden: true },
  { type: "style", section: "Styles", hidden: true },
  { type: "chore", section: "Miscellaneous Chores", hidden: true },
  { type: "refactor", section: "Code Refactoring", hidden: true },
  { type: "test", section: "Tests", hidden: true },
  { type: "build", section: "Build System", hidden: true },
  { type: "ci", section: "Continuous Integration", hidden: true },
];

/** A semver 2.0.0 version X.Y.Z[-prerelease][+build], without a leading "v". */
export const SEMVER_PATTERN =
  "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";

/** The link formats of conventional-changelog's conventionalcommits preset. */
export const DEFAULT_CHANGELOG_URLS = {
  commit: "{{host}}/{{owner}}/{{repository}}/commit/{{hash}}",
  compare: "{{host}}/{{owner}}/{{repository}}/compare/{{previousTag}}...{{currentTag}}",
  issue: "{{host}}/{{owner}}/{{repository}}/issues/{{id}}",
  user: "{{host}}/{{user}}",
};

export const DEFAULT_BUMPS = { feat: "minor", feature: "minor", fix: "patch", perf: "patch", revert: "patch" } as const;

export const releaseSection: JsonSchema = {
  type: "object",
  description: "Releases: versions from conventional commits, changelogs and tags (`shipgate version next`, `shipgate changelog`, actions `version` and `changelog`).",
  additionalProperties: false,
  properties: {
    "tag-prefix": {
      type: "string",
      maxLength: 50,
      default: "v",
      description: "Text before the version in release tags (`v` makes `v1.2.3`); empty for bare versions. Packages (`packages`) use their `tag-format` instead.",
    },
    "initial-version": {
      type: "string",
      minLength: 5,
      maxLength: 100,
      pattern: SEMVER_PATTERN,
      default: "1.0.0",
      description: "The version of the first release, when no release tag exists yet.",
    },
    "pre-major-breaking": {
      type: "string",
      enum: ["minor", "major"],
      default: "minor",
      description: "While the version is 0.x, what a breaking change bumps: `minor` stays below 1.0.0; `major` allows 1.0.0.",
    },
    "pre-major-features": {
      type: "string",
      enum: ["minor", "patch"],
      default: "minor",
      description: "While the version is 0.x, what a feature bumps.",
    },
    bumps: {
      type: "object",
      additionalProperties: bumpLevel,
      default: { ...DEFAULT_BUMPS },
      description:
        "Commit type (lower case) -> increment: `major`, `minor`, `patch` or `none`. Merged over the defaults (feat and feature minor; fix, perf and revert patch; other types none). A breaking change is always major.",
    },
    prerelease: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Prereleases (`X.Y.Z-rc.N`) computed on release and hotfix branches.",
      properties: {
        branches: {
          type: "array",
          items: { type: "string", minLength: 1 },
          default: ["release/*", "hotfix/*"],
          description: "Branch name patterns (`*` matches any text) on which versions are prereleases. A version in the branch name (release/1.2.0) is used as the base version.",
        },
        identifier: {
          type: "string",
          pattern: "^[0-9A-Za-z-]+$",
          default: "rc",
          description: "The prerelease identifier: `rc` gives `1.2.0-rc.1`, `1.2.0-rc.2`, ...; N continues from the existing tags.",
        },
      },
    },
    packages: {
      type: "array",
      default: [],
      description: "Monorepos: packages versioned on their own, each by the commits that touch its path and with its own tags; `--package NAME` (input `package`) selects one.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "path"],
        properties: {
          name: { type: "string", minLength: 1, maxLength: 214, description: "The package name used in its tags." },
          path: { type: "string", minLength: 1, description: "The package directory, relative to the repository root; only commits touching it count." },
          "tag-format": {
            type: "string",
            enum: ["{name}@{version}", "{name}-v{version}", "{name}/v{version}"],
            default: "{name}@{version}",
            description: "The package's tag names: `{name}@{version}` (lerna, changesets) or `{name}-v{version}` (release-please).",
          },
        },
      },
    },
    "squash-bullets": {
      type: "boolean",
      default: false,
      description:
        "Count each `* type: subject` bullet of a squash-merge body as a commit of its own (versions and changelogs). Off by default, as conventional-changelog, conventional-recommended-bump and release-please do: GitHub lists every commit of the pull request there, fix-ups included, so the bullets turn one reviewed change into many and a `* feat!:` of a discarded draft into a major. When on, a bullet that repeats the title (with or without its ` (#N)`) is not counted twice.",
    },
    branches: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Release branches (action `release-branch`): where releases are cut from and merged to, how the branches are named, which files carry the version.",
      properties: {
        development: { type: "string", minLength: 1, default: "develop", description: "The integration branch release branches start from and are merged back into." },
        production: { type: "string", minLength: 1, default: "main", description: "The branch releases and hotfixes are merged into and tagged on." },
        release: {
          type: "string",
          pattern: "\\{version\\}",
          default: "release/{version}",
          description: "The name of a release branch; `{version}` is replaced by the version (X.Y.Z).",
        },
        hotfix: {
          type: "string",
          pattern: "\\{version\\}",
          default: "hotfix/{version}",
          description: "The name of a hotfix branch; `{version}` is replaced by the version (X.Y.Z).",
        },
        "version-files": {
          type: "array",
          items: { type: "string", minLength: 1 },
          default: ["package.json", "package-lock.json", "VERSION"],
          description:
            "Files whose version is bumped on the release branch, relative to the repository root; each is handled by the updater of its file name (package.json, package-lock.json, VERSION). Missing files are skipped.",
        },
        "delete-branch": { type: "boolean", default: false, description: "Delete the release or hotfix branch once the release is finished." },
        "back-merge": {
          type: "boolean",
          default: true,
          description:
            "Open (or update) the pull request that brings the release back into the development branch (or, for a hotfix, into the open release branch), from a dedicated branch `merge/<tag>-into-<branch>`.",
        },
        changelog: {
          type: "boolean",
          default: true,
          description: "start and hotfix commit the release's section to the changelog file (release.changelog.file) in the version commit, as release-please does.",
        },
        "deploy-workflow": {
          type: "string",
          default: "",
          description:
            "A workflow file (deploy.yml) started by `workflow_dispatch` on the new tag when a release is finished (before it is published, so a re-run after a failure repeats it); empty for none. Needed because events made with GITHUB_TOKEN start no other workflow.",
        },
        "deploy-inputs": {
          type: "object",
          additionalProperties: { type: "string", description: "An input value; `{tag}` and `{version}` are replaced." },
          default: {},
          description: "Inputs of the deploy workflow's dispatch; `{tag}` and `{version}` in a value are replaced (e.g. `environment: production`, `ref: \"{tag}\"`).",
        },
      },
    },
    changelog: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Release notes and CHANGELOG.md, compatible with conventional-changelog's conventionalcommits preset.",
      properties: {
        file: { type: "string", minLength: 1, default: "CHANGELOG.md", description: "The changelog file new sections are prepended to." },
        sections: {
          type: "array",
          minItems: 1,
          default: DEFAULT_CHANGELOG_SECTIONS,
          description: "Commit types and the section each appears under, in the order of the sections; `hidden` types are left out unless breaking.",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["type", "section"],
            properties: {
              type: { type: "string", minLength: 1, description: "A commit type (case-insensitive)." },
              section: { type: "string", minLength: 1, description: "The section heading." },
              hidden: { type: "boolean", default: false, description: "Leave these commits out (breaking ones are always shown)." },
            },
          },
        },
        "issue-prefixes": {
          type: "array",
          minItems: 1,
          items: { type: "string", minLength: 1, maxLength: 50 },
          default: ["#"],
          description: "What starts an issue reference (`#` makes `#123`; e.g. `JIRA-` for `JIRA-123`), compared case-insensitively: the preset's `issuePrefixes`.",
        },
        urls: {
          type: "object",
          additionalProperties: false,
          default: {},
          description:
            "Link formats (the preset's `commitUrlFormat`, `compareUrlFormat`, `issueUrlFormat`, `userUrlFormat`). Placeholders: `{{host}}`, `{{owner}}`, `{{repository}}`; `{{hash}}` (commit), `{{previousTag}}` and `{{currentTag}}` (compare), `{{id}}` and `{{prefix}}` (issue), `{{user}}` (user).",
          properties: {
            commit: { type: "string", minLength: 1, default: DEFAULT_CHANGELOG_URLS.commit, description: "A commit's link." },
            compare: { type: "string", minLength: 1, default: DEFAULT_CHANGELOG_URLS.compare, description: "The compare view of a release." },
            issue: { type: "string", minLength: 1, default: DEFAULT_CHANGELOG_URLS.issue, description: "An issue or pull request's link." },
            user: { type: "string", minLength: 1, default: DEFAULT_CHANGELOG_URLS.user, description: "A mentioned user's link." },
          },
        },
      },
    },
  },
};
