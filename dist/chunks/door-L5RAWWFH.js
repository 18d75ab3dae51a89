import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-LTNFYVZ2.js";import"./chunk-7WMRAHVY.js";import"./chunk-UTFNTKGW.js";import"./chunk-7YU7X2M4.js";import"./chunk-GWEUQQVS.js";import"./chunk-D35MBGXW.js";import"./chunk-2AY6BVBW.js";import"./chunk-N56HDRIJ.js";import"./chunk-5ISQAII6.js";export{a as coverageDoor};
