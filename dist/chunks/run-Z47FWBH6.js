import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-H5PX3PQX.js";import"./chunk-XAJOZEIW.js";import"./chunk-EVKRGFO6.js";import"./chunk-XU5YJRSO.js";import"./chunk-D35MBGXW.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as runPreflight};
