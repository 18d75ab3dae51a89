import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b}from"./chunk-XIEAJM5X.js";import"./chunk-XAJOZEIW.js";import"./chunk-EVKRGFO6.js";import"./chunk-XU5YJRSO.js";import"./chunk-D35MBGXW.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{b as runPreflight,a as runPreflightReport};
