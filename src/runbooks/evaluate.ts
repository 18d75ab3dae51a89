/**
 * The verdict on a runbook issue's checklist, and what a run does about it. Pure: items, ticks and times in,
 * decisions out.
 *
 * An item is done when ticked by a person, or marked `N/A: reason` by a person. A bot's tick does not count
 * (anyone's workflow can edit an issue body), with one exception where `automatedCount`: the automated item that
 * shipgate itself ticked with evidence from its check. A release checklist allows no exception: its every item
 * needs a person.
 */
import { isSettled, type ChecklistItem } from "./checklist.ts";
import type { Tick } from "./ticks.ts";

export interface ItemStatus {
  id: string;
  text: string;
  state: "done" | "not-applicable" | "open";
  /** Who settled it (a login, or "shipgate" for a check), null while open. */
  by: string | null;
  at: string | null;
  /** Why an item that looks ticked is still open, or the N/A reason. */
  note: string | null;
}

export interface ChecklistVerdict {
  complete: boolean;
  items: ItemStatus[];
  open: ItemStatus[];
}

export function evaluateChecklist(items: ChecklistItem[], ticks: Tick[], options: { automated: ReadonlySet<string>; automatedCount: boolean }): ChecklistVerdict {
  const tickOf = new Map(ticks.map((tick) => [tick.id, tick]));
  const statuses = items.map((item): ItemStatus => {
    const base = { id: item.id, text: item.text };
    if (!isSettled(item)) return { ...base, state: "open", by: null, at: null, note: null };
    const tick = tickOf.get(item.id);
    if (!tick?.by) return { ...base, state: "open", by: null, at: null, note: "ticked, but the issue's edit history does not show who did it: tick it again" };
    if (tick.by.bot) {
      if (options.automatedCount && options.automated.has(item.id) && item.checked && item.evidence !== null) return { ...base, state: "done", by: "shipgate", at: tick.at, note: item.evidence };
      return { ...base, state: "open", by: null, at: null, note: `ticked by the bot ${tick.by.login}, which does not count: a person ticks it` };
    }
    if (item.checked) return { ...base, state: "done", by: tick.by.login, at: tick.at, note: null };
    return { ...base, state: "not-applicable", by: tick.by.login, at: tick.at, note: item.notApplicable };
  });
  const open = statuses.filter((status) => status.state === "open");
  return { complete: statuses.length > 0 && open.length === 0, items: statuses, open };
}

export type OccurrenceAction = "close" | "escalate" | "wait";

/** What to do with an open occurrence: close it when complete, escalate it (once) when overdue, else wait. */
export function decideOccurrence(verdict: ChecklistVerdict, due: number | null, now: number, escalated: boolean): OccurrenceAction {
  if (verdict.complete) return "close";
  if (due !== null && now > due && !escalated) return "escalate";
  return "wait";
}

/** Restore time against the RTO: the item passes only within it. */
export function judgeRestore(elapsedMs: number, exitedZero: boolean, rtoMs: number): { passed: boolean; withinRto: boolean } {
  const withinRto = elapsedMs <= rtoMs;
  return { passed: exitedZero && withinRto, withinRto };
}
