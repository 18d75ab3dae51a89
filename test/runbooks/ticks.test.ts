/** Who ticked what, from the body's versions; and the verdict a person's, a bot's or shipgate's tick gives. */
import { describe, expect, it } from "vitest";
import { parseChecklist, renderChecklist } from "../../src/runbooks/checklist.ts";
import { commandOutcome } from "../../src/runbooks/checks.ts";
import { decideOccurrence, evaluateChecklist, judgeRestore } from "../../src/runbooks/evaluate.ts";
import type { BodyEdit } from "../../src/runbooks/ports.ts";
import { attributeTicks } from "../../src/runbooks/ticks.ts";

const opened = renderChecklist([
  { id: "a", text: "Integrity check", evidence: null },
  { id: "b", text: "Disk space", evidence: null },
]);
const tickA = opened.replace("- [ ] Integrity", "- [x] Integrity");
const tickBoth = tickA.replace("- [ ] Disk", "- [x] Disk");
const alice = { login: "alice", bot: false };
const bob = { login: "bob", bot: false };
const shipgate = { login: "github-actions", bot: true };
const at = (minute: number) => `2026-12-06T02:${String(minute).padStart(2, "0")}:00Z`;
const edit = (minute: number, editor: BodyEdit["editor"], body: string | null): BodyEdit => ({ editedAt: at(minute), editor, body });
const origin = { body: opened, author: shipgate, at: at(0) };

describe("attributeTicks", () => {
  it("credits the editor of the version that ticked the box, not a later save that kept it", () => {
    const edits = [edit(0, shipgate, opened), edit(5, alice, tickA), edit(9, bob, tickBoth), edit(12, shipgate, `${tickBoth}\n\nnotes`)];
    const ticks = attributeTicks(parseChecklist(edits.at(-1)!.body), edits, origin);
    expect(ticks.map((t) => [t.id, t.by?.login, t.at])).toEqual([
      ["a", "alice", at(5)],
      ["b", "bob", at(9)],
    ]);
  });

  it("credits whoever ticked again after a box was unticked, whatever order GitHub lists the versions in", () => {
    const edits = [edit(7, bob, tickA), edit(0, shipgate, opened), edit(6, alice, opened), edit(5, alice, tickA)];
    expect(attributeTicks(parseChecklist(tickA), edits, origin).map((t) => t.by?.login)).toEqual(["bob"]);
  });

  it("does not know who ticked when the revision that may show it was deleted", () => {
    const edits = [edit(0, shipgate, opened), edit(5, alice, null), edit(9, bob, tickA)];
    expect(attributeTicks(parseChecklist(tickA), edits, origin)).toEqual([{ id: "a", by: null, at: null, how: "ticked" }]);
  });

  it("a body never edited: its boxes are as shipgate wrote them", () => {
    expect(attributeTicks(parseChecklist(tickA), [], { ...origin, body: tickA })).toEqual([{ id: "a", by: shipgate, at: at(0), how: "ticked" }]);
  });
});

describe("evaluateChecklist", () => {
  const withEvidence = tickBoth.replace("<!-- shipgate:item b -->", "<!-- shipgate:item b -->\n  <!-- shipgate:evidence --> ↳ exit 0: 41 % free");
  const items = parseChecklist(withEvidence);
  const ticks = [
    { id: "a", by: alice, at: at(5), how: "ticked" as const },
    { id: "b", by: shipgate, at: at(1), how: "ticked" as const },
  ];

  it("counts shipgate's tick of an automated item with evidence, in a runbook", () => {
    const verdict = evaluateChecklist(items, ticks, { automated: new Set(["b"]), automatedCount: true });
    expect(verdict.complete).toBe(true);
    expect(verdict.items.map((i) => [i.id, i.state, i.by])).toEqual([
      ["a", "done", "alice"],
      ["b", "done", "shipgate"],
    ]);
  });

  it("counts no bot in a release checklist, nor a bot's tick of a manual item", () => {
    expect(evaluateChecklist(items, ticks, { automated: new Set(["b"]), automatedCount: false }).open.map((i) => i.id)).toEqual(["b"]);
    expect(evaluateChecklist(items, ticks, { automated: new Set(), automatedCount: true }).open.map((i) => i.note)).toEqual(["ticked by the bot github-actions, which does not count: a person ticks it"]);
  });

  it("an empty checklist is not complete", () => {
    expect(evaluateChecklist([], [], { automated: new Set(), automatedCount: true }).complete).toBe(false);
  });

  it("closes when complete, escalates once when overdue, else waits", () => {
    const open = evaluateChecklist(items, [], { automated: new Set(), automatedCount: true });
    const done = evaluateChecklist(items, ticks, { automated: new Set(["b"]), automatedCount: true });
    expect(decideOccurrence(done, 100, 200, false)).toBe("close");
    expect(decideOccurrence(open, 100, 200, false)).toBe("escalate");
    expect(decideOccurrence(open, 100, 200, true)).toBe("wait");
    expect(decideOccurrence(open, 300, 200, false)).toBe("wait");
    expect(decideOccurrence(open, null, 200, false)).toBe("wait");
  });

  it("a restore passes only within the RTO", () => {
    expect(judgeRestore(3_600_000, true, 4 * 3_600_000)).toEqual({ passed: true, withinRto: true });
    expect(judgeRestore(5 * 3_600_000, true, 4 * 3_600_000)).toEqual({ passed: false, withinRto: false });
    expect(judgeRestore(60_000, false, 4 * 3_600_000)).toEqual({ passed: false, withinRto: true });
  });
});

describe("commands of automated items", () => {
  it("keep the end of their output as evidence, with no terminal escape, and the checklist neutralises it", async () => {
    const outcome = await commandOutcome([process.execPath, "-e", "console.log('\\u001b[31m@ops <img src=x onerror=alert(1)> done')"], process.cwd(), 30_000, {});
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).not.toContain("\u001b");
    const line = renderChecklist([{ id: "x", text: "Disk", evidence: outcome.evidence }]);
    expect(line).not.toContain("<img");
    expect(line).not.toMatch(/@ops/);
  });

  it("fail on a non-zero exit, a missing program and a timeout", async () => {
    expect(await commandOutcome([process.execPath, "-e", "process.exit(3)"], process.cwd(), 30_000, {})).toMatchObject({ passed: false, evidence: expect.stringMatching(/^exit 3 in/) });
    expect(await commandOutcome(["./no-such-program"], process.cwd(), 30_000, {})).toMatchObject({ passed: false, evidence: expect.stringContaining("could not run ./no-such-program") });
    expect(await commandOutcome([process.execPath, "-e", "setTimeout(() => {}, 60000)"], process.cwd(), 200, {})).toMatchObject({ passed: false, evidence: expect.stringContaining("(timeout)") });
  });
});

describe("comments on a checklist people edited", () => {
  it("neutralise the item texts and N/A reasons as people left them", async () => {
    const { completedComment, overdueComment } = await import("../../src/runbooks/render.ts");
    const hostile = opened.replace("Integrity check", "Integrity <img src=x onerror=alert(1)> @everyone").replace("- [ ] Disk space", "- [ ] Disk space N/A: see <script>x</script> @ops");
    const items = parseChecklist(hostile);
    const verdict = evaluateChecklist(items, [{ id: "b", by: alice, at: at(3), how: "not-applicable" }], { automated: new Set(), automatedCount: true });
    const texts = [completedComment(verdict, null), overdueComment({ ...runbookStub, zone: "UTC" }, verdict, Date.parse(at(0)), Date.parse(at(30)))];
    for (const text of texts) {
      expect(text).not.toMatch(/<img|<script/);
      expect(text).not.toMatch(/@everyone|@ops/);
    }
  });
});

const runbookStub = {
  name: "weekly",
  title: "Weekly",
  schedule: null,
  scheduleText: null,
  zone: "UTC",
  durationMinutes: 0,
  dueMinutes: 60,
  assignees: [],
  teams: [],
  onMissed: { label: "runbook-overdue", comment: true, assignees: [], mention: [] },
  generate: null,
  accessReview: { secretMaxAgeDays: 90, deployKeyMaxAgeDays: 365, deployKeyMaxIdleDays: 90, privilegedPermissions: [], productionEnvironments: [] },
  items: [],
} satisfies import("../../src/runbooks/settings.ts").Runbook;
