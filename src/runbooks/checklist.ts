/**
 * The checklist inside a runbook issue's body: one Markdown task-list line per item, each carrying a hidden marker
 * with the item's stable id, so that people may edit, reorder or annotate the lines and shipgate still knows which
 * item a box belongs to. Pure: text in, text out.
 *
 * An item line reads `- [ ] Reindex above 30 % fragmentation <!-- shipgate:item reindex -->`; a person ticks it
 * (`[x]`) or marks it not applicable by writing `N/A: <reason>` on the line or the lines indented under it. An
 * automated item gets an evidence line under it (a link to the run, the figure), marked so a re-run replaces it.
 */
import { neutraliseMarkdown, terminalLine } from "../report/neutralise.ts";

export interface ChecklistItem {
  /** Stable key, kept in a hidden marker on the item's line. */
  id: string;
  /** Neutralised Markdown a person reads. */
  text: string;
  checked: boolean;
  /** The reason of an `N/A: reason` written by a person; null when the item is not marked so (or has no reason). */
  notApplicable: string | null;
  /** Automated items: link to the run, the figure. */
  evidence: string | null;
}

/** An item as the checklist is first written: never ticked. */
export type NewChecklistItem = Omit<ChecklistItem, "checked" | "notApplicable">;

/** What the id of an item may hold: nothing that could end the HTML comment it lives in. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ITEM_MARKER = /<!-- shipgate:item ([A-Za-z0-9][A-Za-z0-9._:-]{0,99}) -->/;
const EVIDENCE_MARKER = "<!-- shipgate:evidence -->";
const TASK_LINE = /^( {0,3})[-*+] \[([ xX])\](?: (.*))?$/;
/** `N/A: reason`, `n/a - reason`, `NA: reason`: the reason is what follows. */
const NOT_APPLICABLE = /(?:^|[\s(*_~])N\/?A\b\s*[:\u2013\u2014-]?\s*(.*)$/i;

export function isChecklistId(id: string): boolean {
  return ID.test(id);
}

/** One item's text, one line of neutralised Markdown: a newline would end the task-list item. */
export function itemText(text: string): string {
  return neutraliseMarkdown(terminalLine(text)).trim();
}

function itemMarker(id: string): string {
  if (!ID.test(id)) throw new Error(`checklist item id ${JSON.stringify(id)} may hold letters, digits and . _ : - only`);
  return `<!-- shipgate:item ${id} -->`;
}

function evidenceLine(evidence: string): string {
  return `  ${EVIDENCE_MARKER} ↳ ${itemText(evidence)}`;
}

/** The checklist's Markdown: one task line per item, in order, each followed by its evidence line when it has one. */
export function renderChecklist(items: Array<NewChecklistItem & { checked?: boolean }>): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`checklist item id ${item.id} is used twice`);
    seen.add(item.id);
    lines.push(`- [${item.checked === true ? "x" : " "}] ${itemText(item.text)} ${itemMarker(item.id)}`);
    if (item.evidence !== null) lines.push(evidenceLine(item.evidence));
  }
  return lines.join("\n");
}

interface LocatedItem {
  item: ChecklistItem;
  /** Index of the item's task line in the body's lines. */
  line: number;
  /** Index of its evidence line, or -1. */
  evidenceLine: number;
}

function notApplicableReason(text: string): string | null {
  const match = NOT_APPLICABLE.exec(text.replace(ITEM_MARKER, " ").replace(EVIDENCE_MARKER, " "));
  if (!match) return null;
  const reason = terminalLine(match[1] ?? "")
    .replace(/[*_~]+$/, "")
    .trim();
  return reason === "" ? null : reason;
}

/** Lines inside fenced code blocks hold no checklist: a quoted body must not count. */
function outsideFences(lines: string[]): boolean[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return false;
    }
    if (marker) {
      fence = marker;
      return false;
    }
    return true;
  });
}

function locate(lines: string[]): LocatedItem[] {
  const open = outsideFences(lines);
  const found: LocatedItem[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const task = open[index] ? TASK_LINE.exec(line) : null;
    const id = task ? ITEM_MARKER.exec(line)?.[1] : undefined;
    // The first line of an id wins: a person who copies a line does not make a second item.
    if (!task || id === undefined || seen.has(id)) continue;
    seen.add(id);
    let evidenceAt = -1;
    let evidence: string | null = null;
    let notApplicable = notApplicableReason(task[3] ?? "");
    // The item's continuation: the lines indented under it, up to the next task line or unindented line.
    for (let next = index + 1; next < lines.length; next++) {
      const more = lines[next] ?? "";
      if (!/^\s+\S/.test(more) || TASK_LINE.test(more)) break;
      if (more.includes(EVIDENCE_MARKER)) {
        evidenceAt = next;
        evidence = more.slice(more.indexOf(EVIDENCE_MARKER) + EVIDENCE_MARKER.length).replace(/^\s*↳\s*/, "").trim();
      } else {
        notApplicable ??= notApplicableReason(more);
      }
    }
    const text = (task[3] ?? "").replace(ITEM_MARKER, "").trim();
    found.push({ item: { id, text, checked: task[2] !== " ", notApplicable, evidence }, line: index, evidenceLine: evidenceAt });
  }
  return found;
}

/** The checklist items of an issue body, in the order they appear; lines without an item marker are not items. */
export function parseChecklist(body: string | null | undefined): ChecklistItem[] {
  if (!body) return [];
  return locate(body.replace(/\r\n?/g, "\n").split("\n")).map((located) => located.item);
}

/** What an automated check found for one item. */
export interface ItemUpdate {
  checked: boolean;
  evidence: string;
}

/**
 * The body with the given items' boxes and evidence lines set (automated checks); every other line, people's
 * edits included, stays as it is. Items not in the body are left out (the caller compares with parseChecklist).
 */
export function updateChecklist(body: string, updates: ReadonlyMap<string, ItemUpdate>): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  // From the last item up, so that inserting an evidence line does not move the items still to do.
  for (const { item, line, evidenceLine: evidenceAt } of locate(lines).reverse()) {
    const update = updates.get(item.id);
    if (!update) continue;
    const current = lines[line] ?? "";
    lines[line] = current.replace(/\[[ xX]\]/, update.checked ? "[x]" : "[ ]");
    if (evidenceAt >= 0) lines[evidenceAt] = evidenceLine(update.evidence);
    else lines.splice(line + 1, 0, evidenceLine(update.evidence));
  }
  return lines.join("\n");
}

/** An item counts as done when ticked, or marked not applicable with a reason. */
export function isSettled(item: ChecklistItem): boolean {
  return item.checked || item.notApplicable !== null;
}
