import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-JH7E5LZF.js";import"./chunk-OZVT7EBM.js";import"./chunk-D35MBGXW.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{b as approvalsSettingsOf,a as evaluateApprovals};
