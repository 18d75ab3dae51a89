import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a}from"./chunk-7P3V6A7B.js";import"./chunk-L3OWD6SO.js";import"./chunk-XHFIXJIQ.js";import"./chunk-VF2XOJ46.js";import"./chunk-KAZWOXOO.js";import"./chunk-IU37KMBZ.js";export{a as githubIncidentTracker};
