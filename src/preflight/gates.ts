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

/**
 * The order the umbrella starts the gates in; results keep the order above. The gates that wait on a remote
 * service start first, the longest chain of dependent round trips first (approvals: the pull request, then its
 * branch's rules, then the teams those name; go/no-go: one round; certs: a TLS handshake per server), so that
 * their requests are on the wire, and the service's answers come back in that order, before the local gates'
 * parsing takes this process's one thread; that parsing then fills the wait for the answers instead of delaying
 * them. A gate missing here starts after these, in its declared order.
 */
export const START_ORDER = ["approvals", "go-no-go", "certs", "coverage", "security"];
