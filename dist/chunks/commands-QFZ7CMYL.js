import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a,b,c}from"./chunk-KSP4YPXX.js";import"./chunk-PLLWSPT4.js";import"./chunk-IU37KMBZ.js";export{b as describeOutcome,a as processRunner,c as succeeded};
