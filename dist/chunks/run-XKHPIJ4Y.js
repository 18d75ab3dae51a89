import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as a,c as b,d as c}from"./chunk-FMVI63BQ.js";import"./chunk-OZVT7EBM.js";import"./chunk-D35MBGXW.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{a as expandReports,c as runSecurityGate,b as thresholdsOf};
