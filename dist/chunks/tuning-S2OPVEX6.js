import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-WI2HLAL7.js";import"./chunk-5ISQAII6.js";export{a as clientTuningFromEnv};
