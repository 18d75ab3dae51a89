import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b}from"./chunk-MRWNXNJC.js";import"./chunk-6CSGYF4V.js";import"./chunk-PSDBHC2U.js";import"./chunk-CY3VONFI.js";import"./chunk-D35MBGXW.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{b as runPreflight,a as runPreflightReport};
