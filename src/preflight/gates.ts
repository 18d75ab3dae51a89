import type { AnyCapability } from "../core/capability.ts";
import type { Policy } from "../policy/types.ts";

/**
 * The gates the umbrella composes, each loaded only when the run needs it; each door's `preflight` says whether
 * the policy file enables it (a test keeps this list and those declarations in step).
 */
export const gateDoors: (() => Promise<AnyCapability<Policy>>)[] = [
  async () => (await import("../coverage/door.ts")).coverageDoor,
  async () => (await import("../security/door.ts")).securityDoor,
  async () => (await import("../certs/door.ts")).certsDoor,
  async () => (await import("../approvals/door.ts")).approvalsDoor,
  async () => (await import("../go-no-go/door.ts")).goNoGoDoor,
];
