import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-VBH5O7ZI.js";import"./chunk-UAGYGVYF.js";import"./chunk-AZH6DEHS.js";import"./chunk-HDS7IAFS.js";export{b as describeOutcome,a as processRunner,c as succeeded};
