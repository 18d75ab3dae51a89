import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a}from"./chunk-YQOZ7XJ3.js";import"./chunk-XTKU3SOX.js";import"./chunk-ZHL5LI6G.js";import"./chunk-63JACHPS.js";import"./chunk-IU37KMBZ.js";export{a as octokitOfRun};
