import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b}from"./chunk-TEGHAJO3.js";import"./chunk-W5RFMV2V.js";import"./chunk-OR65OKSG.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{b as changedLinesBetween,a as hasCommit};
