import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a}from"./chunk-N737CQ2R.js";import"./chunk-NIS2UOLO.js";import"./chunk-KAZWOXOO.js";import"./chunk-JXH5F3NM.js";export{a as planHealth};
