import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-BILTN2JI.js";import"./chunk-CE2RTEDD.js";import"./chunk-W5RFMV2V.js";import"./chunk-OR65OKSG.js";import"./chunk-OPAPTYG4.js";import"./chunk-7VNZ2NT7.js";import"./chunk-D35MBGXW.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as runPreflight};
