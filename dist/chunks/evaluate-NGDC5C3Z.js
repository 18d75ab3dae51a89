import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b}from"./chunk-GSPUNDP5.js";import"./chunk-D35MBGXW.js";import"./chunk-5ISQAII6.js";export{b as evaluateGoNoGo,a as goNoGoSettingsOf};
