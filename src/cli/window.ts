import type { CommandSpec } from "./command.ts";
import { UserError } from "../core/errors.ts";
import { requireInstant } from "../core/instant.ts";
import { loadPolicy } from "../policy/load.ts";
import { evaluateWindowDetail, WINDOW_KINDS, type WindowKind } from "../window/evaluate.ts";
import { verdictLine } from "../window/describe.ts";
import { configOption } from "./options.ts";

export const windowCheckCommand: CommandSpec = {
  name: "window check",
  summary: "Tell whether a deploy (or maintenance) window is open now or at a given instant",
  usage: "[--config FILE] [--kind deploy|maintenance] [--at ISO-8601]",
  details: [
    "Reads `windows` from the policy file (.github/shipgate.yml by default).",
    "--at takes an instant with an offset (2026-11-24T10:00:00+01:00) or a local date-time read in the policy's",
    "time zone (2026-11-24T10:00). Exit code 0 when open, 1 when closed.",
    "JSON: { open, window, closesAt, nextOpen, reason }.",
  ].join("\n"),
  options: {
    config: configOption,
    kind: { type: "string", valueName: "KIND", description: "deploy (default) or maintenance" },
    at: { type: "string", valueName: "ISO-8601", description: "Decide for this instant instead of now" },
  },
  positionals: { min: 0, max: 0 },
  async run(input) {
    const kindOption = input.options.kind;
    const kind = (typeof kindOption === "string" ? kindOption : "deploy") as WindowKind;
    if (!WINDOW_KINDS.includes(kind)) throw new UserError(`--kind: expected one of ${WINDOW_KINDS.join(", ")}, got "${kind}"`);
    const config = typeof input.options.config === "string" ? input.options.config : undefined;
    const { policy } = await loadPolicy({ ...(config ? { file: config } : {}), cwd: input.cwd });
    const now = typeof input.options.at === "string" ? requireInstant(input.options.at, "--at", policy.windows.timezone) : input.now;
    const evaluation = evaluateWindowDetail(policy.windows, { now, kind });
    const { open, window, closesAt, nextOpen, reason } = evaluation;
    return { exitCode: open ? 0 : 1, json: { open, window, closesAt, nextOpen, reason }, text: verdictLine(evaluation) };
  },
};
