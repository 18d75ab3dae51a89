import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-BMILB3PT.js";import"./chunk-OZVT7EBM.js";import"./chunk-D35MBGXW.js";import"./chunk-N56HDRIJ.js";import"./chunk-5ISQAII6.js";export{b as approvalsSettingsOf,a as evaluateApprovals};
