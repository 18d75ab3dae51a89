#!/usr/bin/env node
import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
var s=process.versions.node;Number(s.split(".")[0])<22&&(process.stderr.write(`shipgate: needs Node.js 22 or later; this is Node.js ${s}
`),process.exit(2));await import("./chunks/run-process-ZQ2NBLNT.js");
