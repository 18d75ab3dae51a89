/**
 * The commit parser agrees with conventional-commits-parser (the conventionalcommits preset's options): on the
 * forms the issue names, and on every commit message of the real release histories in test/fixtures/real-releases.
 */
import { describe, expect, it } from "vitest";
import { CommitParser } from "conventional-commits-parser";
import createPreset from "conventional-changelog-conventionalcommits";
import { parseCommitMessage } from "../../src/version/conventional.ts";
import { loadReleaseFixtures } from "../support/real-releases.ts";

const parser = new CommitParser(createPreset().parser);

/** What both parsers are compared on: everything versions and changelogs read. */
function theirs(message: string): unknown {
  const commit = parser.parse(message);
  return {
    header: commit.header ?? "",
    type: commit.type || null,
    scope: commit.scope || null,
    subject: commit.subject || null,
    notes: commit.notes.map((n) => ({ title: n.title, text: n.text })),
    references: commit.references.map((r) => ({ owner: r.owner || null, repository: r.repository || null, prefix: r.prefix, issue: r.issue })),
    revert: commit.revert ? { header: commit.revert.header || null, hash: commit.revert.hash || null } : null,
  };
}

function ours(message: string): unknown {
  const parsed = parseCommitMessage(message);
  return {
    header: parsed.header,
    type: parsed.type,
    scope: parsed.scope,
    subject: parsed.subject,
    notes: parsed.notes,
    references: parsed.references.map(({ key: _key, ...reference }) => reference),
    revert: parsed.revert,
  };
}

describe("commit messages are read as conventional-commits-parser reads them", () => {
  it.each([
    // Headers.
    "feat: allow provided config object to extend other configs",
    "feat(api)!: send an email",
    "chore!: drop support for Node 6",
    "FEAT: upper-case type",
    "feat(a): b (c): greedy scope",
    "feat(): empty scope",
    ": no type",
    "Update README.md",
    "feat:no space",
    // BREAKING CHANGE / BREAKING-CHANGE, same line and next lines, anywhere a line starts with it.
    "feat: x\n\nBREAKING CHANGE: `extends` is now used for extending other config files",
    "feat: x\n\nBREAKING CHANGE:\nthe text on the next line\nand the one after",
    "feat: x\n\nBREAKING-CHANGE: synonym",
    "fix: x\n\nbreaking change: lower case counts for the parser",
    "fix: x\n\nsome body\nBREAKING CHANGE: glued to the body",
    "fix: x\n\n* BREAKING CHANGE: in a bullet",
    "fix: x\n\nBREAKING CHANGES: plural is not a note",
    "chore!: drop Node 6\n\nBREAKING CHANGE: use JavaScript features not available in Node 6.",
    "feat: x\n\nBREAKING CHANGE:  two spaces\nFixes #12\nafter the reference",
    // References: header and footer only (the footer starts at the first line carrying one).
    "fix: handle empty input (#12)",
    "fix: x\n\nA body mentioning nothing\n\nCloses #13\nRefs octo/other#14",
    "fix: x\n\nFixes #20, fixes #21; resolves other#22",
    "fix: x\n\nsee https://example.com/issue#1 for numbers #5",
    "feat: a#b #12 #12.5 #1#2 (#99) [#100] #x-y, ##3",
    "chore: multi\n\nCloses #4 and closes #5 closes owner/repo#6",
    "fix: ./path#7 and -dash#8",
    // GitHub's revert forms.
    'Revert "fix: x"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    'Revert "fix: x" (#12)\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    'Revert "fix: x (#11)" (#12)\n\nReverts octo/repo#11',
    "revert: fix: x\n\nThis reverts commit abcdef1.",
    // Merge commits and fields.
    "Merge pull request #30 from octo/feature/x\n\nfeat: inside",
    "feat: x\n\n---\n\nBREAKING CHANGE: after a field line is not read",
    "fix(x): windows\r\n\r\nbody\r\n\r\nBREAKING CHANGE: crlf\r\n",
    "fix: signed\n\ngpg: Signature made\nCloses #3",
  ])("%j", (message) => {
    expect(ours(message)).toEqual(theirs(message));
  });

  it("agrees on every commit message of the real release histories", () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (const fixture of loadReleaseFixtures()) {
      for (const [hash, commit] of Object.entries(fixture.commits)) {
        if (!commit.message.trim()) continue;
        compared++;
        if (JSON.stringify(ours(commit.message)) !== JSON.stringify(theirs(commit.message))) disagreements.push(`${fixture.repository} ${hash}`);
      }
    }
    expect(compared).toBeGreaterThan(4000);
    expect(disagreements).toEqual([]);
  });

  it("reads release-please's Release-As footer", () => {
    expect(parseCommitMessage("chore: release 2.0.0\n\nRelease-As: 2.0.0").releaseAs).toBe("2.0.0");
    expect(parseCommitMessage("chore: x\n\nrelease-as: v3.1.0-rc.1").releaseAs).toBe("3.1.0-rc.1");
    expect(parseCommitMessage("chore: mentions release-as in the header only").releaseAs).toBeNull();
  });

  it("scans long hostile lines in linear time", () => {
    const hostile = `fix: ${"x".repeat(200_000)}#${"a".repeat(100_000)}.\n\n${"ab/c ".repeat(50_000)}#1 ${"#".repeat(100_000)}`;
    expect(parseCommitMessage(hostile).references.map((r) => r.issue)).toEqual(["1"]);
  });

  it("reads configured issue prefixes", () => {
    const parsed = parseCommitMessage("fix: x\n\nCloses JIRA-12", { issuePrefixes: ["JIRA-"] });
    expect(parsed.references.map((r) => [r.prefix, r.issue])).toEqual([["JIRA-", "12"]]);
  });
});
