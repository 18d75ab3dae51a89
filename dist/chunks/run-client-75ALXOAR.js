import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a}from"./chunk-4NZO6ZL4.js";import"./chunk-HU4XOF3H.js";import"./chunk-VF2XOJ46.js";import"./chunk-KAZWOXOO.js";import"./chunk-JXH5F3NM.js";export{a as octokitOfRun};
