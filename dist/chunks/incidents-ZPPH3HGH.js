import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-JZM53UYW.js";import"./chunk-5OMNEC72.js";import"./chunk-UGHV65OQ.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{a as githubIncidentTracker};
