import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a}from"./chunk-42BN3SRG.js";import"./chunk-4Y2I2SQ7.js";import"./chunk-XHFIXJIQ.js";import"./chunk-VF2XOJ46.js";import"./chunk-KAZWOXOO.js";import"./chunk-IU37KMBZ.js";export{a as githubIncidentTracker};
