import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as a,c as b,d as c}from"./chunk-B3IBL73Y.js";import"./chunk-OZVT7EBM.js";import"./chunk-D35MBGXW.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as expandReports,c as runSecurityGate,b as thresholdsOf};
