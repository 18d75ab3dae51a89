import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as a,c as b,d as c}from"./chunk-XV67ENWP.js";import"./chunk-D35MBGXW.js";import"./chunk-DAIAB4NE.js";export{a as expandReports,c as runSecurityGate,b as thresholdsOf};
