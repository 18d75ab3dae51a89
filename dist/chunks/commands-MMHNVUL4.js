import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-HK7TJHA5.js";import"./chunk-UAGYGVYF.js";import"./chunk-E42H5LOU.js";import"./chunk-HDS7IAFS.js";export{b as describeOutcome,a as processRunner,c as succeeded};
