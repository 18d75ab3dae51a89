import type { CommandInput, OptionSpec } from "./command.ts";

export function stringOption(input: CommandInput, name: string): string | undefined {
  const raw = input.options[name];
  return typeof raw === "string" && raw !== "" ? raw : undefined;
}

/** `--config FILE`, the same on every command that reads the policy file. */
export const configOption: OptionSpec = {
  type: "string",
  valueName: "FILE",
  description: "Policy file (default .github/shipgate.yml in the repository, when present)",
};
