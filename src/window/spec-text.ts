import type { FreezeSpec, WindowSpec } from "../policy/types.ts";

/** Texts of the policy's windows and freezes, e.g. "Tue, Wed 10:00-12:00 Europe/Paris": used in verdict reasons and summaries. */
const DAY_NAMES: Record<string, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
const ORDINALS: Record<number, string> = { 1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", [-1]: "last" };

function ordinal(week: number): string {
  return ORDINALS[week] ?? `${ORDINALS[-week] ?? String(-week)}-to-last`;
}

export function describeWindow(window: WindowSpec, policyZone: string): string {
  const days = window.days.map((day) => DAY_NAMES[day] ?? day).join(", ");
  const weeks = window.weeks && window.weeks.length > 0 ? `${window.weeks.map(ordinal).join(", ")} ` : "";
  return `${weeks}${days} ${window.start}-${window.end} ${window.timezone ?? policyZone}`;
}

export function describeFreeze(freeze: FreezeSpec, policyZone: string): string {
  const text = (value: string) => value.replace("T", " ");
  return `${text(freeze.from)} to ${text(freeze.to)} ${freeze.timezone ?? policyZone}`;
}
