#!/usr/bin/env node
/**
 * The `shipgate` command. This file must stay loadable by any Node that can run an ES module, so it imports
 * nothing: the rest of the CLI is linked only after the version check, because on an older Node the link itself
 * fails (node:fs/promises has no `glob` before Node 22) with an error no user can act on. The required version is
 * package.json's `engines.node` (a test keeps the two equal); exit 2 as for any other unusable set-up.
 */
const REQUIRED_NODE_MAJOR = 22;

const running = process.versions.node;
if (Number(running.split(".")[0]) < REQUIRED_NODE_MAJOR) {
  process.stderr.write(`shipgate: needs Node.js ${REQUIRED_NODE_MAJOR} or later; this is Node.js ${running}\n`);
  process.exit(2);
}
await import("./cli/run-process.ts");
