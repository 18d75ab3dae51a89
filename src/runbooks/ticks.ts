/**
 * Who ticked what, from the history of an issue's body. Pure: versions in, attributions out.
 *
 * Each saved version of the body is parsed; an item ticked (or marked N/A) now was settled by the editor of the
 * oldest version of the latest unbroken run of versions in which it is settled: a later save that keeps the tick
 * (shipgate writing evidence, a person fixing a typo) does not take the credit, and a tick undone and redone is
 * credited to whoever redid it.
 */
import { isSettled, parseChecklist, type ChecklistItem } from "./checklist.ts";
import type { BodyEdit } from "./ports.ts";

export interface Tick {
  id: string;
  /** Who settled it; null when the history does not show it (never edited, or the revision was deleted). */
  by: { login: string; bot: boolean } | null;
  at: string | null;
  how: "ticked" | "not-applicable";
}

/**
 * The attribution of every item settled in `current`. `created` is the version the issue was opened with (by
 * `author`), for a body that was never edited since.
 */
export function attributeTicks(current: ChecklistItem[], edits: BodyEdit[], opened: { body: string; author: { login: string; bot: boolean } | null; at: string }): Tick[] {
  const history = edits.length > 0 ? [...edits].sort((a, b) => Date.parse(a.editedAt) - Date.parse(b.editedAt)) : [{ editedAt: opened.at, editor: opened.author, body: opened.body }];
  const versions = history.map((edit) => ({ edit, items: edit.body === null ? null : new Map(parseChecklist(edit.body).map((item) => [item.id, item])) }));
  const ticks: Tick[] = [];
  for (const item of current) {
    if (!isSettled(item)) continue;
    let creditor: (typeof versions)[number] | undefined;
    let unknown = false;
    for (let index = versions.length - 1; index >= 0; index--) {
      const version = versions[index]!;
      if (version.items === null) {
        // A deleted revision: whoever settled the item may be hidden there.
        unknown = true;
        break;
      }
      const then = version.items.get(item.id);
      if (!then || !isSettled(then)) break;
      creditor = version;
    }
    const how = item.checked ? "ticked" : "not-applicable";
    if (unknown || !creditor) ticks.push({ id: item.id, by: null, at: null, how });
    else ticks.push({ id: item.id, by: creditor.edit.editor, at: creditor.edit.editedAt, how });
  }
  return ticks;
}
