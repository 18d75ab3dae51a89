import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a,b,c}from"./chunk-HF2UXLB3.js";import"./chunk-KDYCBMHU.js";import"./chunk-3AKTP77O.js";import"./chunk-JXH5F3NM.js";export{b as describeOutcome,a as processRunner,c as succeeded};
